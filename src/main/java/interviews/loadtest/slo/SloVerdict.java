package interviews.loadtest.slo;

import interviews.loadtest.measure.Measurements;
import java.util.Locale;

/**
 * The outcome of one SLO for one scope at the end of a run.
 *
 * <p>A scope with nothing recorded fails, as Gatling's assertion of it does ("Could not find stats
 * matching assertion path"): an SLO holds only when the run shows that it holds.
 *
 * @param status "passed", "failed", or "noData" (nothing of that scope was recorded: failed too)
 * @param actual the measured value, NaN when there was no data
 */
public record SloVerdict(String scope, Metric metric, double limit, double actual, String status) {

  public boolean passed() {
    return "passed".equals(status);
  }

  /** A breach, or no data at all: the SLO was not shown to hold. */
  public boolean failed() {
    return "failed".equals(status) || "noData".equals(status);
  }

  public static SloVerdict of(String scope, Metric metric, double limit, double actual, long count) {
    if (count == 0) {
      return new SloVerdict(scope, metric, limit, Double.NaN, "noData");
    }
    return new SloVerdict(scope, metric, limit, actual, within(actual, limit) ? "passed" : "failed");
  }

  /**
   * An SLO holds when the value stays below its limit, as Gatling's assertions say it ("lt"); a
   * limit of 0 admits exactly 0 (not a single error).
   */
  public static boolean within(double actual, double limit) {
    return limit == 0 ? actual == 0 : actual < limit;
  }

  /** One line, e.g. {@code "global p95 = 2310 ms >= limit 2000 ms"}. */
  public String message() {
    if ("noData".equals(status)) {
      return scope + " " + metric.key() + ": nothing recorded, so it cannot be shown to hold";
    }
    return scope + " " + metric.key() + " = " + format(metric, actual) + (passed() ? (limit == 0 ? " = " : " < ") : (limit == 0 ? " > " : " >= "))
        + "limit " + format(metric, limit);
  }

  static String format(Metric metric, double v) {
    if (Double.isNaN(v)) {
      return Measurements.NO_VALUE;
    }
    if (metric.equals(Metric.ERROR_RATE)) {
      return String.format(Locale.ROOT, "%.4f", v);
    }
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " ms";
  }
}
