package interviews.loadtest.slo;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import java.util.List;
import java.util.function.Function;

/**
 * The SLOs, kept as data ({@link Slo}), said again as Gatling assertions, so that one list judges
 * both Gatling's run (its exit code and report) and the suite's summary.json and JUnit XML.
 *
 * <p>Scopes become Gatling's paths: "global" is {@code global()}, "*" is {@code forAll()}, a
 * request or group is {@code details(path)}, where the path of a request inside a group names the
 * group first (Gatling keeps its statistics apart from a request of the same name outside it).
 * Gatling judges a group by its cumulated response time; the suite makes that its duration
 * ({@code Measured.group}), the figure its report shows with {@code useGroupDurationMetric}.
 * Gatling fails an assertion whose path was never recorded; so does {@link SloVerdict}.
 */
public final class SloAssertions {

  private SloAssertions() {}

  /** Assertions for {@code slos}, every scope its own one-part path. */
  public static List<Assertion> of(List<Slo> slos) {
    return of(slos, List::of);
  }

  /** Assertions for {@code slos}; {@code path} gives the Gatling path of a request or group scope. */
  public static List<Assertion> of(List<Slo> slos, Function<String, List<String>> path) {
    return slos.stream().map(slo -> of(slo, path)).toList();
  }

  public static Assertion of(Slo slo, Function<String, List<String>> path) {
    Assertion.WithPath scope = switch (slo.scope()) {
      case Slo.GLOBAL -> global();
      case Slo.EACH_REQUEST -> forAll();
      default -> details(path.apply(slo.scope()).toArray(String[]::new));
    };
    Metric metric = slo.metric();
    if (metric.equals(Metric.ERROR_RATE)) {
      return slo.limit() == 0
          ? scope.failedRequests().count().is(0L)
          : scope.failedRequests().percent().lt(slo.limit() * 100);
    }
    // Gatling's response times are whole milliseconds, as are the suite's; a limit is whole too
    // (loadtest.slo.*.below-ms), so "below" means the same to both.
    int limit = (int) Math.ceil(slo.limit());
    if (metric.equals(Metric.MEAN)) {
      return scope.responseTime().mean().lt(limit);
    }
    if (metric.equals(Metric.MAX)) {
      return scope.responseTime().max().lt(limit);
    }
    return scope.responseTime().percentile(metric.percentile()).lt(limit);
  }
}
