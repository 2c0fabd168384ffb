package interviews.loadtest.results;

import java.util.Arrays;
import java.util.Locale;

/** What an SLO limits. Latencies in milliseconds, {@code ERROR_RATE} as a share (0.05 = 5 %). */
public enum Metric {
  P50("p50", 50.0),
  P75("p75", 75.0),
  P95("p95", 95.0),
  P99("p99", 99.0),
  P999("p999", 99.9),
  MAX("max", 100.0),
  MEAN("mean", Double.NaN),
  ERROR_RATE("errorRate", Double.NaN);

  private final String key;
  private final double percentile;

  Metric(String key, double percentile) {
    this.key = key;
    this.percentile = percentile;
  }

  /** The name used in config, summary.json and the JUnit XML ("p95", "errorRate", ...). */
  public String key() {
    return key;
  }

  /** The percentile rank for P50..P999, 100 for MAX, NaN otherwise. */
  public double percentile() {
    return percentile;
  }

  /** {@code true} for latency metrics (milliseconds). */
  public boolean isLatency() {
    return this != ERROR_RATE;
  }

  /** Parses "p95", "P95", "errorRate", "error-rate", ... */
  public static Metric parse(String s) {
    String n = s.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (Metric m : values()) {
      if (m.key.toLowerCase(Locale.ROOT).equals(n)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown SLO metric \"" + s + "\": expected one of "
            + Arrays.stream(values()).map(Metric::key).toList());
  }
}
