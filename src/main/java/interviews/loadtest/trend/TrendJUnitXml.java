package interviews.loadtest.trend;

import static interviews.loadtest.results.SloJUnitXml.esc;

import java.util.Locale;

/**
 * trend-junit.xml: one testcase per check ({@code classname} trend, {@code name} p95, capacity,
 * capacity-users; shown as {@code trend.p95}...). A regression is a {@code <failure>} carrying the
 * current figure, the baseline and its band; no baseline yet or nothing measured is
 * {@code <skipped>}; a passed check says its figures in {@code <system-out>}. Jenkins's junit step
 * marks the build unstable on a failure.
 */
final class TrendJUnitXml {

  static final String FILE = "trend-junit.xml";

  private TrendJUnitXml() {}

  static String render(Trend t) {
    long failures = t.checks().stream().filter(Check::regressed).count();
    long skipped = t.checks().stream().filter(Check::skipped).count();
    String suite = "trend." + t.current().simulation();
    String counts = String.format(Locale.ROOT, "tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"0\"",
        t.checks().size(), failures, skipped);
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<testsuites name=\"").append(esc(suite)).append("\" ").append(counts).append(">\n");
    sb.append("  <testsuite name=\"").append(esc(suite)).append("\" ").append(counts).append(">\n");
    for (Check c : t.checks()) {
      sb.append("    <testcase classname=\"trend\" name=\"").append(esc(c.name())).append("\" time=\"0\">\n");
      if (c.regressed()) {
        sb.append("      <failure type=\"Regression\" message=\"").append(esc(c.message())).append("\">")
            .append(esc(figures(c, t.settings()))).append("</failure>\n");
      } else if (c.skipped()) {
        sb.append("      <skipped message=\"").append(esc(c.message())).append("\"/>\n");
      } else {
        sb.append("      <system-out>").append(esc(c.message() + "\n" + figures(c, t.settings()))).append("</system-out>\n");
      }
      sb.append("    </testcase>\n");
    }
    sb.append("  </testsuite>\n</testsuites>\n");
    return sb.toString();
  }

  /** The numbers behind a judged check, one per line. */
  static String figures(Check c, TrendSettings s) {
    Baseline b = c.baseline();
    double tolerance = c.name().equals(RegressionJudge.P95.name()) ? s.p95Tolerance() : s.capacityTolerance();
    return "current: " + Check.number(c.current()) + " " + c.unit() + "\n"
        + "baseline: " + Check.number(b.median()) + " " + c.unit() + " (median of " + b.runs() + " passing runs: "
        + String.join(", ", c.baselineLabels()) + ")\n"
        + "band: ± " + Check.number(b.band()) + " " + c.unit() + " = max(" + Check.number(s.madFactor()) + " x "
        + Check.number(b.spread()) + " (1.4826 x MAD), " + Check.number(tolerance) + " x " + Check.number(Math.abs(b.median()))
        + ")\n"
        + (c.name().equals(RegressionJudge.P95.name()) ? "limit: at most " + Check.number(b.upper())
            : "limit: at least " + Check.number(b.lower())) + " " + c.unit() + "\n";
  }
}
