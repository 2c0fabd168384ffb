package interviews.loadtest.capacity;

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
 * Writes capacity.html: one page, no script and nothing fetched (charts are inline SVG drawn here),
 * so it opens offline and under a strict Content-Security-Policy. It answers the plan's questions
 * in plain words, then per model: throughput against load and latency against load, each step a
 * dot (green held, red broke), the SLO's line, and the highest load that held marked; then every
 * step in a table.
 */
final class CapacityHtml {

  private static final int W = 560;
  private static final int H = 300;
  private static final int L = 60;
  private static final int R = 20;
  private static final int T = 20;
  private static final int B = 45;

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
        .append("th{background:#eee}td.l{text-align:left}.bad{color:#b00}.good{color:#070}svg{background:#fafafa;margin:4px}")
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
    }
    h.append("<h2>Steps</h2>\n<table><tr><th>#</th><th>model</th><th>phase</th><th>load</th><th>ended/s</th><th>req/s</th>")
        .append("<th>errors</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>mean ms</th><th>in progress</th>")
        .append("<th>server</th><th>verdict</th></tr>\n");
    for (Step s : r.steps()) {
      h.append("<tr><td>").append(s.number()).append("</td><td class=l>").append(s.model()).append("</td><td class=l>")
          .append(s.phase()).append("</td><td>").append(esc(s.loadText())).append("</td><td>")
          .append(Numbers.plain(Numbers.round(s.achieved(), 2))).append("</td><td>")
          .append(Numbers.plain(Numbers.round(s.requestsPerSecond(), 1))).append("</td><td>")
          .append(esc(Numbers.percent(s.errorRate()))).append("</td><td>").append(Numbers.plain(Numbers.round(s.p50(), 0)))
          .append("</td><td>").append(Numbers.plain(Numbers.round(s.p95(), 0))).append("</td><td>")
          .append(Numbers.plain(Numbers.round(s.p99(), 0))).append("</td><td>").append(Numbers.plain(Numbers.round(s.meanLatency(), 0)))
          .append("</td><td>").append(Numbers.plain(Numbers.round(s.concurrency(), 1))).append("</td><td class=l>")
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

  private static String serverWords(Step s) {
    Double cpu = s.server().get("cpu");
    Double heap = s.server().get("heap");
    if (cpu == null && heap == null) {
      return "";
    }
    return "; the target's process used " + (cpu == null ? "" : Numbers.plain(Numbers.round(cpu, 2)) + " CPU cores")
        + (cpu != null && heap != null ? " and " : "") + (heap == null ? "" : Numbers.plain(Math.round(heap / 1048576)) + " MB of heap");
  }

  private static String server(Map<String, Double> server) {
    List<String> parts = new ArrayList<>();
    server.forEach((k, v) -> parts.add(k + " " + Numbers.plain(Numbers.round(v, k.equals("heap") ? 0 : 2))));
    return String.join(", ", parts);
  }

  /** One chart: each step a dot against its load; the highest good load a dashed vertical line. */
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
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
        W, H, esc(title)));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"13\">%s</text>", L, esc(title)));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", L, H - B, W - R, H - B));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", L, T, L, H - B));
    for (int i = 0; i <= 4; i++) {
      double xv = maxX * i / 4;
      double yv = maxY * i / 4;
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
          x(xv, maxX), H - B + 15, Numbers.plain(Numbers.round(xv, 1))));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
          L - 4, y(yv, maxY) + 4, Numbers.plain(Numbers.round(yv, 1))));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
        (L + W - R) / 2, H - 8, esc(unit)));
    if (throughput && m.steps().get(0).open()) {
      // What a system that keeps up would do: ended = offered.
      double end = Math.min(maxX, maxY);
      s.append(line(x(0, maxX), y(0, maxY), x(end, maxX), y(end, maxY), "#999", "4 3", "offered"));
    }
    if (throughput && !m.steps().get(0).open() && r.usl() != null) {
      StringBuilder path = new StringBuilder();
      for (int i = 1; i <= 50; i++) {
        double n = maxX * i / 50;
        path.append(i == 1 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x(n, maxX), y(Math.min(maxY, r.usl().throughput(n)), maxY)));
      }
      s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#36c\" stroke-dasharray=\"2 2\"><title>USL fit</title></path>");
    }
    if (!throughput && !Double.isNaN(r.latencyLimitMs())) {
      s.append(line(x(0, maxX), y(r.latencyLimitMs(), maxY), x(maxX, maxX), y(r.latencyLimitMs(), maxY), "#c00", "6 3",
          "SLO " + Numbers.plain(r.latencyLimitMs()) + " ms"));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#c00\" text-anchor=\"end\">SLO %s ms</text>",
          W - R, y(r.latencyLimitMs(), maxY) - 3, Numbers.plain(r.latencyLimitMs())));
    }
    if (!Double.isNaN(m.found())) {
      double kx = x(m.found(), maxX);
      s.append(line(kx, y(0, maxY), kx, y(maxY, maxY), "#070", "3 3", "highest load within the SLOs"));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#070\">knee %s</text>",
          kx + 3, T + 12, Numbers.plain(Numbers.round(m.found(), 2))));
    }
    for (Step st : steps) {
      String color = st.good() ? "#1a8f1a" : "#c22";
      if (throughput) {
        s.append(dot(x(st.load(), maxX), y(st.achieved(), maxY), color, st));
      } else {
        String[] colors = {"#888", color, "#555"};
        double[] values = {st.p50(), st.p95(), st.p99()};
        for (int i = 0; i < 3; i++) {
          if (!Double.isNaN(values[i])) {
            s.append(dot(x(st.load(), maxX), y(values[i], maxY), colors[i], st));
          }
        }
      }
    }
    if (!throughput) {
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">grey p50, coloured p95, dark p99</text>", L + 8, T + 26));
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static double finite(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? 0 : v;
  }

  private static String dot(double cx, double cy, String color, Step s) {
    return String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>step %d: %s</title></circle>",
        cx, cy, color, s.number(), esc(s.loadText() + (s.good() ? " held" : " broke")));
  }

  private static String line(double x1, double y1, double x2, double y2, String color, String dash, String title) {
    return String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"%s\"><title>%s</title></line>",
        x1, y1, x2, y2, color, dash, esc(title));
  }

  private static double x(double v, double max) {
    return L + (W - L - R) * Math.max(0, v) / max;
  }

  private static double y(double v, double max) {
    return H - B - (H - B - T) * Math.max(0, Math.min(v, max)) / max;
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
