package interviews.loadtest.measure.gatling;

import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;

/**
 * How {@code Measured.group} makes a group's time its duration, in Gatling's terms: a last step
 * reads the session's innermost group block and tops its cumulated response time up to the time
 * since the group began (Gatling's assertions judge a group by that sum, not by its duration), and
 * records the same figure in the current run's measurements.
 */
public final class MeasuredGroup {

  private MeasuredGroup() {}

  /** The group {@code name} around {@code steps}, its steps left at their first failure. */
  public static ChainBuilder of(String name, ChainBuilder steps) {
    io.gatling.core.action.builder.SessionHookBuilder end = new io.gatling.core.action.builder.SessionHookBuilder(
        session -> new io.gatling.commons.validation.Success<>(endGroup(session, name)), false);
    ActionBuilder groupEnd = () -> end;
    return io.gatling.javaapi.core.CoreDsl.group(name).on(exitBlockOnFail().on(steps).exec(groupEnd));
  }

  private static io.gatling.core.session.Session endGroup(io.gatling.core.session.Session session, String name) {
    io.gatling.core.session.GroupBlock group = null;
    scala.collection.Iterator<io.gatling.core.session.Block> blocks = session.blockStack().iterator();
    while (group == null && blocks.hasNext()) {
      if (blocks.next() instanceof io.gatling.core.session.GroupBlock g) {
        group = g;
      }
    }
    if (group == null || !name.equals(group.groups().last())) {
      return session;
    }
    long sum = group.cumulatedResponseTime();
    long rest = System.currentTimeMillis() - group.startTimestamp() - sum;
    // Gatling counts any timing as at least 1 ms: only a rest of 1 ms or more is added.
    io.gatling.core.session.Session ended = rest >= 1 ? session.logGroupRequestTimings(0, rest) : session;
    CurrentRun.measurements().recordGroup(name, rest >= 1 ? sum + rest : sum, group.status() == io.gatling.commons.stats.KO$.MODULE$);
    return ended;
  }

}
