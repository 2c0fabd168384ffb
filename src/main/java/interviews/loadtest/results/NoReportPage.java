package interviews.loadtest.results;

import static interviews.loadtest.results.SvgChart.esc;

import interviews.loadtest.measure.SecondRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run folder's {@code index.html} when Gatling built no report of the run: Gatling refuses one
 * for a run in which no request was answered (every request still in flight when the run ended,
 * e.g. a target that hangs from the start), and a report build can fail or run out of time. The
 * page says why, what stopped the run, and shows, second by second, the requests in flight and
 * those answered: for a hang, the evidence. Offline, no script, like the suite's other pages.
 */
final class NoReportPage {

  private NoReportPage() {}

  /**
   * The page of {@code info}'s run whose report Gatling did not build ({@code why}), which failed
   * for {@code failure} ("stopped early: ..."), over {@code rows}.
   */
  static String render(RunInfo info, String why, String failure, List<SecondRow> rows) {
    long answered = 0;
    long inFlight = 0;
    long maxInFlight = 0;
    long maxAnswered = 0;
    for (SecondRow r : rows) {
      answered += r.requests();
      inFlight = r.inFlight();
      maxInFlight = Math.max(maxInFlight, r.inFlight());
      maxAnswered = Math.max(maxAnswered, r.requests());
    }
    long sent = answered + inFlight;
    long seconds = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).second();
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>").append(esc(info.simulation())).append(": no Gatling report</title>")
        .append("<style>body{font-family:sans-serif;max-width:1000px;margin:1em auto;padding:0 1em;color:#222}")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}")
        .append("td.l{text-align:left}.bad{color:#b00}svg{background:#fafafa;margin:4px}</style></head><body>\n");
    h.append("<h1>").append(esc(info.simulation())).append(" run ").append(esc(info.runId()))
        .append(": no Gatling report</h1>\n");
    h.append("<p class=\"bad\" id=\"why\">").append(esc(why)).append("</p>\n");
    h.append("<p id=\"failure\">The run ").append(esc(failure)).append(".</p>\n");
    h.append("<p>").append(esc(info.profile())).append(", against ").append(esc(info.target())).append(".</p>\n");
    h.append("<table><tr><th>requests sent</th><th>answered</th><th>in flight when the run ended</th><th>seconds</th></tr>")
        .append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr></table>%n",
            sent, answered, inFlight, seconds));
    double maxY = Math.max(1, Math.max(maxInFlight, maxAnswered));
    SvgChart chart = SvgChart.numeric("Requests in flight (red) and answered (blue), per second", "second of the run",
        Math.max(1, seconds), maxY);
    List<double[]> flight = new ArrayList<>();
    List<double[]> done = new ArrayList<>();
    for (SecondRow r : rows) {
      flight.add(new double[] {r.second(), r.inFlight()});
      done.add(new double[] {r.second(), r.requests()});
      chart.point(r.second(), r.inFlight(), "#b00", "t=" + r.second() + " s: " + r.inFlight() + " in flight");
      chart.point(r.second(), r.requests(), "#06c", "t=" + r.second() + " s: " + r.requests() + " answered");
    }
    chart.path(flight, "#b00", "", "in flight").path(done, "#06c", "4 2", "answered");
    h.append(chart.render());
    h.append("<p>The run's own files are beside this page: <a href=\"summary.json\">summary.json</a>, ")
        .append("<a href=\"series.csv\">series.csv</a>, <a href=\"slo-junit.xml\">slo-junit.xml</a>, ")
        .append("histograms.hlog, and Gatling's simulation.log.</p>\n</body></html>\n");
    return h.toString();
  }
}
