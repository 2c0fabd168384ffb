package interviews.loadtest.measure;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import interviews.loadtest.measure.gatling.CurrentRun;
import interviews.loadtest.measure.gatling.MeasuredGroup;
import interviews.loadtest.measure.gatling.MeasuredRequest;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * What journeys and simulations put into their Gatling chains so that the run is measured. Every
 * journey request goes through {@link #request}, every journey starts and ends with
 * {@link #startJourney} and {@link #endJourney}:
 *
 * <pre>{@code
 * exec(Measured.startJourney("Booking"))
 *   .exec(Measured.request(http("Book slot").post("/api/interviews/").body(...)
 *         .check(status().in(201, 409))))
 *   .exec(Measured.endJourney("Booking"))
 * }</pre>
 *
 * <p>How it is done in Gatling's terms is in {@code measure/gatling}.
 */
public final class Measured {

  private Measured() {}

  /**
   * The measured form of a request: use {@code exec(Measured.request(http("name")...))} wherever
   * the journey would {@code exec(http("name")...)}. Gatling's checks and verdict are unchanged.
   */
  public static ChainBuilder request(HttpRequestActionBuilder request) {
    return MeasuredRequest.chain(request);
  }

  /**
   * Counts a journey as started (and its user as active), after the {@link #watchdogGate()}, and
   * keeps its start time in the session: {@code exec(Measured.startJourney("Booking"))} at the
   * start of every journey.
   */
  public static ChainBuilder startJourney(String journey) {
    return exec(watchdogGate()).exec(session -> {
      CurrentRun.measurements().journeyStarted(journey);
      return session.set(startKey(journey), System.currentTimeMillis());
    });
  }

  /**
   * Counts a journey as ended, with how long it lasted since its {@link #startJourney} (its
   * duration is not known, and not recorded, without one): put it at the end of the journey.
   */
  public static ChainBuilder endJourney(String journey) {
    return exec(session -> {
      String key = startKey(journey);
      if (session.contains(key)) {
        CurrentRun.measurements().journeyEnded(journey, System.currentTimeMillis() - session.getLong(key));
        return session.remove(key);
      }
      CurrentRun.measurements().journeyEnded(journey);
      return session;
    });
  }

  /** The session attribute holding when the journey started, epoch ms. */
  private static String startKey(String journey) {
    return "measured.journeyStart." + journey;
  }

  /**
   * Stops the whole injection (Gatling's {@code stopLoadGenerator}) once the watchdog has
   * tripped. {@link #startJourney} includes it; put it also inside long loops of a journey.
   */
  public static ChainBuilder watchdogGate() {
    return stopLoadGeneratorIf(
        session -> {
          StopSignal w = CurrentRun.stopSignal();
          return w == null || w.reason() == null ? "watchdog" : w.reason();
        },
        session -> {
          StopSignal w = CurrentRun.stopSignal();
          return w != null && w.tripped();
        });
  }

  /**
   * A Gatling group whose time is its duration, for Gatling and the suite alike: use
   * {@code exec(Measured.group("Notification lag", steps))} where the journey would
   * {@code group("Notification lag").on(steps)}. Its steps are left at their first failure.
   *
   * <p>Gatling's report shows a group's duration ({@code useGroupDurationMetric}), but its
   * assertions judge a group's cumulated response time: the sum of its requests' times, without
   * the pauses between them. The group's last step, which runs whether the steps succeeded or
   * failed, adds the rest of the time since the group began to that sum, so that the group ends
   * with a cumulated response time equal to its duration, and records that same figure, and the
   * group's status, in the {@link Measurements} ({@link Measurements#recordGroup}). A group nested
   * in another adds its waits to the outer group's sum as well.
   */
  public static ChainBuilder group(String name, ChainBuilder steps) {
    return MeasuredGroup.of(name, steps);
  }

  /** The protocol with Gatling's warm-up request switched off (it would call an outside host). */
  public static HttpProtocolBuilder protocol(HttpProtocolBuilder protocol) {
    return protocol.disableWarmUp();
  }
}
