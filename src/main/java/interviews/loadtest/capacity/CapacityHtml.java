package interviews.loadtest.capacity;

import interviews.loadtest.results.SvgChart;
import interviews.loadtest.saturation.Reading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes capacity.html: one page, no script and nothing fetched (charts are inline SVG,
 * {@link SvgChart}), so it opens offline and under a strict Content-Security-Policy. It answers the
 * plan's questions in plain words, then per model: throughput against load and latency against
 * load, each step a point (green held, red broke), the SLO's line, and the highest load that held
 * marked; each watched resource against load (red at its limit, orange near it) with its limit's
 * line; then every step in a table, its server figures with their units.
 */
final class CapacityHtml {

  private CapacityHtml() {}

  static void write(CapacityReport r, Path file) {
    try {
      Files.writeString(file, render(r), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String render(CapacityReport r) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Capacity: ").append(esc(r.settings().journey())).append("</title>")
        .append("<style>body{font-family:sans-serif;max-width:1200px;margin:1em auto;padding:0 1em;color:#222}")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}")
        .append("th{background:#eee}td.l{text-align:left}.bad{color:#b00}.near{color:#b60}.good{color:#070}svg{background:#fafafa;margin:4px}")
        .append("</style></head><body>\n");
    h.append("<h1>Capacity of the ").append(esc(r.settings().journey())).append(" journey</h1>\n");
    h.append("<p>").append(esc(r.target())).append(", ").append(esc(r.startedAt().toString())).append(", ")
        .append(Numbers.plain(Numbers.round(r.wallSeconds(), 0))).append(" s. ")
        .append(esc(r.settings().describe())).append(".</p>\n");
    h.append("<p>SLOs judged on every step: ").append(esc(String.join("; ", r.slos()))).append("</p>\n");
    h.append("<h2>Answers</h2>\n<ul>\n");
    for (String line : plainWords(r)) {
      h.append("<li>").append(esc(line)).append("</li>\n");
    }
    h.append("</ul>\n");
    for (ModelResult m : new ModelResult[] {r.open(), r.closed()}) {
      if (m == null || m.steps().isEmpty()) {
        continue;
      }
      String unit = "open".equals(m.model()) ? "offered journeys/s" : "concurrent users";
      h.append("<h2>").append("open".equals(m.model()) ? "Open model: arrival rate" : "Closed model: concurrent users").append("</h2>\n");
      h.append(chart("Throughput (journeys/s ended) against load", unit, m, r, true));
      h.append(chart("Latency (ms: p50, p95, p99) against load", unit, m, r, false));
      for (String metric : resourceMetrics(m)) {
        h.append(resourceChart(metric, unit, m));
      }
    }
    h.append("<h2>Steps</h2>\n<table><tr><th>#</th><th>model</th><th>phase</th><th>load</th><th>ended/s</th><th>req/s</th>")
        .append("<th>errors</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>mean ms</th><th>in progress</th>")
        .append("<th>resources</th><th>server</th><th>verdict</th></tr>\n");
    for (Step s : r.steps()) {
      h.append("<tr><td>").append(s.number()).append("</td><td class=l>").append(s.model()).append("</td><td class=l>")
          .append(s.phase()).append("</td><td>").append(esc(s.loadText())).append("</td><td>")
          .append(Numbers.plain(Numbers.round(s.achieved(), 2))).append("</td><td>")
          .append(Numbers.plain(Numbers.round(s.requestsPerSecond(), 1))).append("</td><td>")
          .append(esc(Numbers.percent(s.errorRate()))).append("</td><td>").append(Numbers.plain(Numbers.round(s.p50(), 0)))
          .append("</td><td>").append(Numbers.plain(Numbers.round(s.p95(), 0))).append("</td><td>")
          .append(Numbers.plain(Numbers.round(s.p99(), 0))).append("</td><td>").append(Numbers.plain(Numbers.round(s.meanLatency(), 0)))
          .append("</td><td>").append(Numbers.plain(Numbers.round(s.concurrency(), 1))).append("</td><td class=l>")
          .append(resources(s)).append("</td><td class=l>")
          .append(esc(server(s.server()))).append("</td><td class=\"l ").append(s.good() ? "good" : "bad").append("\">")
          .append(esc(s.good() ? "held" : "broke: " + String.join("; ", s.breaches())))
          .append(s.endedEarly() ? esc(" (ended early)") : "").append(s.borderline() ? " (borderline)" : "").append("</td></tr>\n");
    }
    h.append("</table>\n</body></html>\n");
    return h.toString();
  }

  /** The plan's questions, answered. */
  static List<String> plainWords(CapacityReport r) {
    List<String> out = new ArrayList<>();
    long requests = r.steps().stream().mapToLong(Step::requests).sum();
    long errors = r.steps().stream().mapToLong(Step::errors).sum();
    out.add(String.format(Locale.ROOT, "Requests in the judged windows: %d, of which %d succeeded and %d failed (%s).",
        requests, requests - errors, errors, Numbers.percent(requests == 0 ? 0 : (double) errors / requests)));
    ModelResult open = r.open();
    if (open != null) {
      Step at = open.foundStep();
      String rps = Double.isNaN(r.maxRequestsPerSecond()) ? "" : ", " + Numbers.plain(Numbers.round(r.maxRequestsPerSecond(), 1)) + " requests/s";
      out.add("Highest arrival rate within the SLOs (open model): " + open.answer() + rps
          + (at == null ? "." : String.format(Locale.ROOT, "; there the average response time was %s, p95 %s, errors %s%s.",
              Numbers.ms(at.meanLatency()), Numbers.ms(at.p95()), Numbers.percent(at.errorRate()), serverWords(at))));
    }
    ModelResult closed = r.closed();
    if (closed != null) {
      Step at = closed.foundStep();
      out.add("Most concurrent users within the SLOs, thinking " + r.thinkTimeText() + " (closed model): " + closed.answer()
          + (at == null ? "." : String.format(Locale.ROOT, "; there %s journeys/s ended, average response time %s, p95 %s, errors %s%s.",
              Numbers.plain(Numbers.round(at.achieved(), 2)), Numbers.ms(at.meanLatency()), Numbers.ms(at.p95()),
              Numbers.percent(at.errorRate()), serverWords(at))));
    }
    for (ModelResult m : new ModelResult[] {open, closed}) {
      if (m == null) {
        continue;
      }
      Step slow = r.slowsDown(m);
      Step fail = r.fails(m);
      out.add(m.model().substring(0, 1).toUpperCase(Locale.ROOT) + m.model().substring(1) + " model: it slows down (p95 twice that of the lightest step) "
          + (slow == null ? "at no step measured" : "at " + slow.loadText())
          + "; it fails " + (fail == null ? "at no step measured" : "at " + fail.loadText() + ": " + String.join("; ", fail.breaches()))
          + ".");
    }
    out.add("What ended it: " + r.limitedBy() + ".");
    out.add(r.saturation().sentence() + ".");
    LittlesLaw l = r.littlesLaw();
    if (l != null) {
      out.add(String.format(Locale.ROOT,
          "Little's law: %s journeys/s x (R %s s + Z %s s) = %s users predicted; found %s (ratio %s).",
          Numbers.plain(Numbers.round(l.throughput(), 2)), Numbers.plain(Numbers.round(l.responseSeconds(), 2)),
          Numbers.plain(Numbers.round(l.thinkSeconds(), 2)), Numbers.plain(Numbers.round(l.predictedUsers(), 1)),
          Numbers.plain(l.foundUsers()), Numbers.plain(Numbers.round(l.ratio(), 2))));
    }
    UslFit u = r.usl();
    if (u == null) {
      out.add("Universal Scalability Law: not fitted (fewer than " + UslFit.MIN_POINTS + " steps with throughput).");
    } else {
      out.add(String.format(Locale.ROOT,
          "Universal Scalability Law over %d steps: sigma %s, kappa %s, lambda %s journeys/s per journey in progress; %s.",
          u.points(), Numbers.plain(Numbers.round(u.sigma(), 4)), String.format(Locale.ROOT, "%.2e", u.kappa()),
          Numbers.plain(Numbers.round(u.lambda(), 4)),
          u.peakConcurrency() == null ? "no peak (throughput levels off near " + Numbers.plain(Numbers.round(u.peakThroughput(), 1)) + " journeys/s)"
              : "throughput peaks at " + u.peakConcurrency() + " journeys in progress, " + Numbers.plain(Numbers.round(u.peakThroughput(), 1)) + " journeys/s"));
    }
    if (r.failure() != null) {
      out.add("The search did not finish its plan: " + r.failure() + ".");
    }
    return out;
  }

  /** What the watched resources showed at a step, in words: {@code ; there CPU: 0.62 of 2 cores, ...}. */
  private static String serverWords(Step s) {
    if (s.resources().isEmpty()) {
      return "";
    }
    return "; " + String.join(", ", s.resources().stream().map(Reading::text).toList());
  }

  /** A step's readings, each coloured by its state. */
  private static String resources(Step s) {
    List<String> parts = new ArrayList<>();
    for (Reading x : s.resources()) {
      String cls = x.atLimit() ? "bad" : x.nearLimit() ? "near" : "";
      parts.add("<span class=\"" + cls + "\" title=\"" + esc(x.rule().describe() + ": " + x.state()) + "\">"
          + esc(x.text()) + "</span>");
    }
    return String.join("<br>", parts);
  }

  /** Every server figure with its unit, guessed from its key: bytes, shares, cores, connections. */
  static String server(Map<String, Double> server) {
    List<String> parts = new ArrayList<>();
    server.forEach((k, v) -> parts.add(k + " " + withUnit(k, v)));
    return String.join(", ", parts);
  }

  static String withUnit(String key, double v) {
    String k = key.substring(key.lastIndexOf('.') + 1);
    if (k.endsWith("-share")) {
      return Numbers.plain(Numbers.round(v * 100, 1)) + " %";
    }
    if (k.startsWith("heap") || k.startsWith("memory") || k.endsWith("bytes")) {
      double mib = v / (1024 * 1024);
      return mib >= 1024 ? Numbers.plain(Numbers.round(mib / 1024, 2)) + " GiB" : Numbers.plain(Numbers.round(mib, 1)) + " MiB";
    }
    if (k.equals("cpu") || k.equals("cores")) {
      return Numbers.plain(Numbers.round(v, 2)) + " cores";
    }
    if (k.contains("connections") || k.startsWith("db-")) {
      return Numbers.plain(Numbers.round(v, 1)) + " connections";
    }
    if (k.endsWith("-age")) {
      return Numbers.plain(Numbers.round(v, 1)) + " s";
    }
    return Math.abs(v) >= 1e6 ? String.format(Locale.ROOT, "%.3g", v) : Numbers.plain(Numbers.round(v, 2));
  }

  /** The metrics of saturation rules that had values in a model's steps, in the order first seen. */
  private static List<String> resourceMetrics(ModelResult m) {
    List<String> out = new ArrayList<>();
    for (Step s : m.steps()) {
      for (Reading x : s.resources()) {
        if (!out.contains(x.rule().key())) {
          out.add(x.rule().key());
        }
      }
    }
    return out;
  }

  /** One resource's metric against load: each step's mean a point, its limit a line (a comparison rule's). */
  private static String resourceChart(String metric, String unit, ModelResult m) {
    List<Step> steps = m.steps();
    Reading any = null;
    double maxY = 0;
    for (Step s : steps) {
      for (Reading x : s.resources()) {
        if (x.rule().key().equals(metric)) {
          any = x;
          maxY = Math.max(maxY, finite(x.max()));
        }
      }
    }
    boolean compare = !any.rule().backlog();
    if (compare) {
      maxY = Math.max(maxY, any.rule().limit());
    }
    double maxX = steps.stream().mapToDouble(Step::load).max().orElse(1) * 1.1;
    SvgChart c = SvgChart.numeric(any.resource().label() + ": " + metric + " (mean of each step) against load", unit,
        maxX, maxY <= 0 ? 1 : maxY * 1.1);
    if (compare) {
      c.horizontal(any.rule().limit(), "#c00", "6 3", "limit " + any.rule().text());
    }
    for (Step s : steps) {
      for (Reading x : s.resources()) {
        if (x.rule().key().equals(metric)) {
          String color = x.atLimit() ? "#c22" : x.nearLimit() ? "#e80" : "#1a8f1a";
          c.point(s.load(), x.mean(), color, "step " + s.number() + ": " + s.loadText() + ": " + x.text() + " (" + x.state() + ")");
        }
      }
    }
    c.note(0, "red at its limit (" + any.rule().text() + "), orange near it, green below");
    return c.render();
  }

  /** One chart: each step a point against its load; the highest good load a dashed vertical line. */
  private static String chart(String title, String unit, ModelResult m, CapacityReport r, boolean throughput) {
    List<Step> steps = m.steps();
    double maxX = steps.stream().mapToDouble(Step::load).max().orElse(1) * 1.1;
    double maxY = 0;
    for (Step s : steps) {
      maxY = Math.max(maxY, throughput ? Math.max(s.achieved(), s.open() ? s.load() : 0) : finite(s.p99()));
    }
    if (!throughput && !Double.isNaN(r.latencyLimitMs())) {
      maxY = Math.max(maxY, r.latencyLimitMs());
    }
    maxY = maxY <= 0 ? 1 : maxY * 1.1;
    SvgChart c = SvgChart.numeric(title, unit, maxX, maxY);
    if (throughput && m.steps().get(0).open()) {
      // What a system that keeps up would do: ended = offered.
      double end = Math.min(maxX, maxY);
      c.line(0, 0, end, end, "#999", "4 3", "offered");
    }
    if (throughput && !m.steps().get(0).open() && r.usl() != null) {
      List<double[]> path = new ArrayList<>();
      for (int i = 1; i <= 50; i++) {
        double n = maxX * i / 50;
        path.add(new double[] {n, Math.min(maxY, r.usl().throughput(n))});
      }
      c.path(path, "#36c", "2 2", "USL fit");
    }
    if (!throughput && !Double.isNaN(r.latencyLimitMs())) {
      c.horizontal(r.latencyLimitMs(), "#c00", "6 3", "SLO " + Numbers.plain(r.latencyLimitMs()) + " ms");
    }
    if (!Double.isNaN(m.found())) {
      c.vertical(m.found(), "#070", "3 3", "highest load within the SLOs", "knee " + Numbers.plain(Numbers.round(m.found(), 2)));
    }
    for (Step st : steps) {
      String color = st.good() ? "#1a8f1a" : "#c22";
      String what = "step " + st.number() + ": " + st.loadText() + (st.good() ? " held" : " broke");
      if (throughput) {
        c.point(st.load(), st.achieved(), color, what);
      } else {
        String[] colors = {"#888", color, "#555"};
        double[] values = {st.p50(), st.p95(), st.p99()};
        for (int i = 0; i < 3; i++) {
          if (!Double.isNaN(values[i])) {
            c.point(st.load(), values[i], colors[i], what);
          }
        }
      }
    }
    if (!throughput) {
      c.note(0, "grey p50, coloured p95, dark p99");
    }
    return c.render();
  }

  private static double finite(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? 0 : v;
  }

  static String esc(String s) {
    return SvgChart.esc(s);
  }
}
