package interviews.loadtest.trend;

import static interviews.loadtest.results.SvgChart.esc;

import interviews.loadtest.results.SvgChart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * trend.html: one page, no script and nothing fetched (inline SVG, {@link SvgChart}), so it opens
 * offline. The verdicts first, then one chart per figure across the runs like the current one
 * (p50, p95, p99, throughput, error rate, and the capacity found when any run has it): each run
 * a point (green passed, red failed, blue the current run), the SLO's line where the run has an
 * SLO on that figure (at the top, not to scale, when it is more than {@value #SLO_SCALE} times the
 * highest figure, so the runs stay readable), the baseline and its band on the figures judged;
 * then every run in a table.
 */
final class TrendHtml {

  static final String FILE = "trend.html";

  private static final String PASSED = "#1a8f1a";
  private static final String FAILED = "#c22";
  private static final String CURRENT = "#1f5fbf";
  /** An SLO more than this many times the highest figure is drawn at the chart's top, not to scale. */
  static final double SLO_SCALE = 4;

  /** One chart: its title, unit, figure, the SLO metric on it (or null), the check drawn on it (or null), a scale. */
  record Metric(String title, String unit, ToDoubleFunction<RunFigures> value, String sloMetric, String check, double scale) {}

  static final List<Metric> METRICS = List.of(
      new Metric("Global p50 (ms)", "ms", RunFigures::p50, "p50", null, 1),
      new Metric("Global p95 (ms)", "ms", RunFigures::p95, "p95", RegressionJudge.P95.name(), 1),
      new Metric("Global p99 (ms)", "ms", RunFigures::p99, "p99", null, 1),
      new Metric("Throughput (requests/s)", "requests/s", RunFigures::requestsPerSecond, null, null, 1),
      new Metric("Error rate (%)", "%", RunFigures::errorRate, "errorRate", null, 100),
      new Metric("Capacity found (journeys/s, open model)", "journeys/s", RunFigures::capacityRate, null,
          RegressionJudge.CAPACITY.name(), 1),
      new Metric("Capacity found (concurrent users, closed model)", "users", RunFigures::capacityUsers, null,
          RegressionJudge.CAPACITY_USERS.name(), 1));

  private TrendHtml() {}

  /** The metrics charted for {@code t}: all but a capacity figure no run has. */
  static List<Metric> charted(Trend t) {
    return METRICS.stream().filter(m -> !m.title().startsWith("Capacity")
        || t.series().stream().anyMatch(r -> !Double.isNaN(m.value().applyAsDouble(r)))).toList();
  }

  static String render(Trend t) {
    RunFigures c = t.current();
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Trend: ").append(esc(c.simulation())).append("</title>")
        .append("<style>body{font-family:sans-serif;max-width:1200px;margin:1em auto;padding:0 1em;color:#222}")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}")
        .append("th{background:#eee}td.l{text-align:left}.bad{color:#b00}.good{color:#070}.skip{color:#666}")
        .append("svg{background:#fafafa;margin:4px}</style></head><body>\n");
    h.append("<h1>Trend of ").append(esc(c.simulation())).append("</h1>\n");
    h.append("<p>").append(esc(c.targetName())).append(", ").append(esc(c.profile())).append(". Current run ")
        .append(esc(c.label())).append(" (").append(esc(c.start().toString())).append("), ")
        .append(t.series().size() - 1).append(" earlier run").append(t.series().size() == 2 ? "" : "s")
        .append(" like it (same simulation, target and profile).</p>\n");
    h.append("<h2>Verdicts</h2>\n<ul>\n");
    for (Check k : t.checks()) {
      String css = k.regressed() ? "bad" : k.skipped() ? "skip" : "good";
      h.append("<li class=\"").append(css).append("\">trend.").append(esc(k.name())).append(": ").append(esc(k.message()))
          .append("</li>\n");
    }
    TrendSettings s = t.settings();
    h.append("</ul>\n<p>Baseline: the median of the last ").append(s.baselineRuns())
        .append(" passing runs like this one before it (at least ").append(s.minRuns()).append("); band: max(")
        .append(Check.number(s.madFactor())).append(" x 1.4826 x MAD, ").append(Check.number(s.p95Tolerance()))
        .append(" x median) for p95, max(").append(Check.number(s.madFactor())).append(" x 1.4826 x MAD, ")
        .append(Check.number(s.capacityTolerance())).append(" x median) for capacity. A p95 above the band or a capacity")
        .append(" below it is a regression (on-regression = ").append(esc(s.onRegression())).append(").</p>\n");
    h.append("<h2>Across runs</h2>\n");
    for (Metric m : charted(t)) {
      h.append(chart(t, m));
    }
    h.append("<h2>Runs</h2>\n<table><tr><th>run</th><th>start</th><th>verdict</th><th>role</th><th>p50 ms</th><th>p95 ms</th>")
        .append("<th>p99 ms</th><th>requests/s</th><th>errors</th><th>capacity journeys/s</th><th>capacity users</th></tr>\n");
    for (RunFigures r : t.series()) {
      String role = r == c ? "current" : t.p95Baseline().contains(r) ? "baseline" : "";
      h.append("<tr><td class=l>").append(esc(r.label())).append("</td><td class=l>").append(esc(r.start().toString()))
          .append("</td><td class=\"l ").append(r.passed() ? "good\">passed" : "bad\">failed").append("</td><td class=l>")
          .append(role).append("</td>");
      for (double v : new double[] {r.p50(), r.p95(), r.p99(), r.requestsPerSecond()}) {
        h.append("<td>").append(Check.number(v)).append("</td>");
      }
      h.append("<td>").append(Double.isNaN(r.errorRate()) ? "-" : Check.number(r.errorRate() * 100) + " %").append("</td><td>")
          .append(Check.number(r.capacityRate())).append("</td><td>").append(Check.number(r.capacityUsers())).append("</td></tr>\n");
    }
    h.append("</table>\n</body></html>\n");
    return h.toString();
  }

  /** One chart: a point per run that has the figure, the SLO's line, the baseline band. */
  static String chart(Trend t, Metric m) {
    List<RunFigures> runs = t.series();
    List<String> labels = runs.stream().map(RunFigures::label).toList();
    double slo = m.sloMetric() == null ? Double.NaN
        : t.current().globalSlos().getOrDefault(m.sloMetric(), Double.NaN) * m.scale();
    Check check = m.check() == null ? null : t.check(m.check());
    Baseline b = check == null ? null : check.baseline();
    double maxData = 0;
    for (RunFigures r : runs) {
      double v = m.value().applyAsDouble(r) * m.scale();
      maxData = Double.isNaN(v) ? maxData : Math.max(maxData, v);
    }
    if (b != null) {
      maxData = Math.max(maxData, b.upper());
    }
    // The SLO's line sets the scale unless it lies far above the runs (then it is drawn at the top, said so).
    boolean sloOnScale = !Double.isNaN(slo) && slo <= SLO_SCALE * maxData;
    double maxY = Math.max(maxData, sloOnScale ? slo : 0);
    maxY = maxY <= 0 ? 1 : maxY * 1.1;
    SvgChart chart = SvgChart.categories(m.title(), "run (build number or start, UTC)", labels, maxY);
    if (b != null) {
      // From the first baseline run to the current run.
      int first = firstBaselineIndex(t, check);
      double from = SvgChart.slot(first) - 0.5;
      double to = SvgChart.slot(runs.size() - 1) + 0.5;
      chart.band(from, to, b.lower(), b.upper(), "#36c", "baseline band " + Check.number(b.lower()) + " to "
          + Check.number(b.upper()) + " " + m.unit());
      chart.line(from, b.median(), to, b.median(), "#36c", "2 2", "baseline (median) " + Check.number(b.median()) + " " + m.unit());
    }
    if (!Double.isNaN(slo)) {
      chart.horizontal(Math.min(slo, maxY), "#c00", "6 3", "SLO " + Check.number(slo) + " " + m.unit()
          + (sloOnScale ? "" : " (far above: drawn at the top)"));
    }
    List<double[]> path = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      double v = m.value().applyAsDouble(runs.get(i)) * m.scale();
      if (!Double.isNaN(v)) {
        path.add(new double[] {SvgChart.slot(i), v});
      }
    }
    if (path.size() > 1) {
      chart.path(path, "#999", "1 0", m.title());
    }
    for (int i = 0; i < runs.size(); i++) {
      RunFigures r = runs.get(i);
      double v = m.value().applyAsDouble(r) * m.scale();
      if (!Double.isNaN(v)) {
        boolean current = r == t.current();
        chart.point(SvgChart.slot(i), v, current ? CURRENT : r.passed() ? PASSED : FAILED,
            r.label() + ": " + Check.number(v) + " " + m.unit() + (r.passed() ? ", passed" : ", failed")
                + (current ? ", current run" : ""));
      }
    }
    if (check != null && check.status() == Check.Status.NO_BASELINE) {
      chart.note(0, "no baseline yet");
    }
    return chart.render();
  }

  /** The series index of the oldest run of {@code check}'s baseline. */
  private static int firstBaselineIndex(Trend t, Check check) {
    int i = t.series().indexOf(check.baselineRuns().get(0));
    return Math.max(0, i);
  }
}
