package interviews.loadtest.slo;

import java.util.List;
import java.util.Locale;

/**
 * What an SLO limits. Latencies in milliseconds, {@link #ERROR_RATE} as a share (0.05 = 5 %).
 * Any response-time percentile can be limited: {@code Metric.percentile(90)} is "p90".
 *
 * @param key the name used in config, summary.json and the JUnit XML ("p95", "errorRate", ...)
 * @param percentile the percentile rank of a latency percentile, 100 for max, NaN otherwise
 */
public record Metric(String key, double percentile) {

  public static final Metric P50 = new Metric("p50", 50.0);
  public static final Metric P75 = new Metric("p75", 75.0);
  public static final Metric P95 = new Metric("p95", 95.0);
  public static final Metric P99 = new Metric("p99", 99.0);
  public static final Metric P999 = new Metric("p999", 99.9);
  public static final Metric MAX = new Metric("max", 100.0);
  public static final Metric MEAN = new Metric("mean", Double.NaN);
  public static final Metric ERROR_RATE = new Metric("errorRate", Double.NaN);

  private static final List<Metric> NAMED = List.of(P50, P75, P95, P99, P999, MAX, MEAN, ERROR_RATE);

  /** The latency percentile of rank {@code rank} (0 < rank <= 100): p95, p99.5, ...; 100 is {@link #MAX}. */
  public static Metric percentile(double rank) {
    if (!(rank > 0 && rank <= 100)) {
      throw new IllegalArgumentException("a percentile rank is above 0 and at most 100, got " + rank);
    }
    for (Metric m : NAMED) {
      if (m.percentile == rank) {
        return m;
      }
    }
    String plain = rank == Math.rint(rank) ? String.valueOf((long) rank) : String.valueOf(rank);
    return new Metric("p" + plain, rank);
  }

  /** {@code true} for latency metrics (milliseconds), limited with {@code below-ms} in {@code loadtest.slo}. */
  public boolean isLatency() {
    return !equals(ERROR_RATE);
  }

  /**
   * Parses a metric as {@code loadtest.slo} names it: "p95", "p99.9", "mean", "max", "error-rate"
   * (also "P95", "errorRate").
   */
  public static Metric parse(String s) {
    String n = s.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (Metric m : NAMED) {
      if (m.key.toLowerCase(Locale.ROOT).equals(n)) {
        return m;
      }
    }
    if (n.matches("p[0-9]+(\\.[0-9]+)?")) {
      try {
        return percentile(Double.parseDouble(n.substring(1)));
      } catch (IllegalArgumentException e) {
        // falls through to the error below
      }
    }
    throw new IllegalArgumentException("must be p<rank> (p50, p95, p99, p99.9, ...), mean, max or error-rate");
  }
}
