package interviews.loadtest.trend;

import java.util.List;
import java.util.Locale;

/**
 * trend.csv: one row per run like the current one, oldest first, the current run last; {@code role}
 * says which runs the p95 baseline is the median of. Empty cells: the run has no such figure.
 */
final class TrendCsv {

  static final String FILE = "trend.csv";

  static final String HEADER = "label,start,run_id,simulation,target,profile,passed,role,p50_ms,p95_ms,p99_ms,"
      + "requests_per_s,error_rate,capacity_journeys_per_s,capacity_users,folder";

  private TrendCsv() {}

  static String render(Trend t) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (RunFigures r : t.series()) {
      String role = r == t.current() ? "current" : t.p95Baseline().contains(r) ? "baseline" : "earlier";
      sb.append(String.join(",", List.of(cell(r.label()), r.start().toString(), cell(r.runId()), cell(r.simulation()),
          cell(r.target()), cell(r.profile()), String.valueOf(r.passed()), role, number(r.p50(), 0), number(r.p95(), 0),
          number(r.p99(), 0), number(r.requestsPerSecond(), 3), number(r.errorRate(), 6), number(r.capacityRate(), 3),
          number(r.capacityUsers(), 0), cell(r.folder().toString().replace('\\', '/'))))).append('\n');
    }
    return sb.toString();
  }

  private static String number(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "";
    }
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  /** A text cell, quoted when it holds a comma, a quote or a line break. */
  static String cell(String s) {
    return s.matches("(?s).*[,\"\r\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
