package interviews.loadtest.slo;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import io.gatling.javaapi.core.Assertion;
import java.util.List;

/**
 * The SLOs, kept as data ({@link Slo}), said again as Gatling assertions, so that one list judges
 * both Gatling's run (its exit code and report) and the suite's summary.json and JUnit XML.
 */
public final class SloAssertions {

  private SloAssertions() {}

  public static List<Assertion> of(List<Slo> slos) {
    return slos.stream().map(SloAssertions::of).toList();
  }

  public static Assertion of(Slo slo) {
    Assertion.WithPath scope = Slo.GLOBAL.equals(slo.scope()) ? global() : details(slo.scope());
    Metric metric = slo.metric();
    if (metric.equals(Metric.ERROR_RATE)) {
      return slo.limit() == 0
          ? scope.failedRequests().count().is(0L)
          : scope.failedRequests().percent().lt(slo.limit() * 100);
    }
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
