package interviews.loadtest.slo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one drift SLO at the end of a run.
 *
 * @param what what the SLO limits, as {@link DriftSlo#describe()} says it
 * @param status "passed", "failed", or "skipped" (the run was too short, a window too thin, or the
 *     metric never sampled: the SLO could not be judged, which the verdict says; it does not fail
 *     the run)
 * @param actual the judged value (the ratio, the worst window's error share, the slope per hour),
 *     NaN when skipped
 * @param limit the SLO's limit in the same unit
 * @param message one line saying what was measured against what
 * @param details the figures behind it (windows, counts, fit), for summary.json
 */
public record DriftVerdict(String name, String kind, String what, String status, double actual, double limit, String message,
    Map<String, Object> details) {

  public DriftVerdict {
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  static DriftVerdict passed(DriftSlo slo, double actual, double limit, String message, Map<String, Object> details) {
    return new DriftVerdict(slo.name(), slo.kind(), slo.describe(), "passed", actual, limit, message, details);
  }

  static DriftVerdict failed(DriftSlo slo, double actual, double limit, String message, Map<String, Object> details) {
    return new DriftVerdict(slo.name(), slo.kind(), slo.describe(), "failed", actual, limit, message, details);
  }

  static DriftVerdict skipped(DriftSlo slo, double limit, String why) {
    return new DriftVerdict(slo.name(), slo.kind(), slo.describe(), "skipped", Double.NaN, limit, why, Map.of());
  }

  public boolean passed() {
    return "passed".equals(status);
  }

  public boolean failed() {
    return "failed".equals(status);
  }

  /** The console line: {@code "drift failed: latency-creep: global p95 ..."}. */
  public String line() {
    return "drift " + status + ": " + name + ": " + message;
  }

  // ---------------------------------------------------------------- formatting shared by drift SLOs

  /** 1.25 as "1.25", 2.0 as "2". */
  static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** 0.01 as "1%", 0.0325 as "3.25%". */
  static String percent(double share) {
    return plain(Math.round(share * 10000) / 100.0) + "%";
  }

  /** Whether a server metric key is an amount of memory: shown in MiB. */
  static boolean isBytes(String metric) {
    String m = metric.toLowerCase(Locale.ROOT);
    return m.contains("heap") || m.contains("memory") || m.contains("bytes");
  }

  /** A server metric's amount: "64 MiB" or "1.5 GiB" for memory, "2.50" otherwise. */
  static String amount(String metric, double v) {
    if (isBytes(metric)) {
      double mib = v / (1024.0 * 1024.0);
      return Math.abs(mib) >= 1024 ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024).replace(".0 GiB", " GiB")
          : String.format(Locale.ROOT, "%.1f MiB", mib).replace(".0 MiB", " MiB");
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
