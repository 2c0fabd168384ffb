package interviews.loadtest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers of Gatling's own HTML report, read back from a run folder.
 *
 * <p>In Gatling 3.15 the statistics table is rendered into {@code index.html} itself (the js
 * files hold only code): one {@code <tr>} per request or group, the first one ({@code id="ROOT"},
 * "All Requests") being the global row. Columns: Total, OK, KO, % KO, Cnt/s, Min, the four
 * configured percentiles ({@code gatling.charting.indicators.percentile1..4}, headed "50th pct"
 * etc.), Max, Mean, Std Dev. Response-time columns cover OK and KO requests together, in whole
 * milliseconds; Gatling computes the percentiles with a t-digest, so they are estimates.
 *
 * <pre>{@code
 * GatlingReport report = GatlingReport.parse(result.runDirectory());
 * long ok = report.global().ok();
 * long p95 = report.row("Book slot").percentile(95);
 * }</pre>
 */
public final class GatlingReport {

  /** Name under which the "All Requests" row is returned. */
  public static final String GLOBAL = "All Requests";

  /** One row of the statistics table. Percentiles keyed by rank (50, 75, 95, 99 by default). */
  public record Row(
      String name,
      long total,
      long ok,
      long ko,
      double koPercent,
      double countPerSecond,
      long min,
      Map<Integer, Long> percentiles,
      long max,
      long mean,
      long stdDev) {

    /** The given percentile (e.g. 95), or an exception naming the ones the report has. */
    public long percentile(int rank) {
      Long v = percentiles.get(rank);
      if (v == null) {
        throw new IllegalArgumentException(
            "report has no " + rank + "th percentile, only " + percentiles.keySet());
      }
      return v;
    }
  }

  private static final Pattern HEADER = Pattern.compile("<span>(\\d+)th pct</span>");
  private static final Pattern ROW =
      Pattern.compile("<tr id=\"([^\"]*)\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">(.*?)</span>");
  private static final Pattern CELL =
      Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");

  private final Map<String, Row> rows;

  private GatlingReport(Map<String, Row> rows) {
    this.rows = Collections.unmodifiableMap(rows);
  }

  /** Parses {@code runDirectory/index.html}. */
  public static GatlingReport parse(Path runDirectory) {
    Path index = runDirectory.resolve("index.html");
    String html;
    try {
      html = Files.readString(index, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Gatling report " + index, e);
    }
    return parseHtml(html);
  }

  /** Parses the text of a Gatling 3.15 {@code index.html}. */
  public static GatlingReport parseHtml(String html) {
    List<Integer> ranks = new ArrayList<>();
    Matcher h = HEADER.matcher(html);
    while (h.find()) {
      ranks.add(Integer.parseInt(h.group(1)));
    }
    if (ranks.size() != 4) {
      throw new IllegalArgumentException(
          "not a Gatling 3.15 report: expected 4 percentile columns, found " + ranks);
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    Matcher r = ROW.matcher(html);
    while (r.find()) {
      String body = r.group(2);
      Matcher n = NAME.matcher(body);
      if (!n.find()) {
        continue;
      }
      String name = unescape(n.group(1).trim());
      Map<Integer, String> cells = new LinkedHashMap<>();
      Matcher c = CELL.matcher(body);
      while (c.find()) {
        cells.put(Integer.parseInt(c.group(1)), c.group(2).trim());
      }
      if (cells.size() < 13) {
        continue;
      }
      Map<Integer, Long> pct = new LinkedHashMap<>();
      for (int i = 0; i < 4; i++) {
        pct.put(ranks.get(i), num(cells.get(8 + i)));
      }
      rows.put(
          name,
          new Row(
              name,
              num(cells.get(2)),
              num(cells.get(3)),
              num(cells.get(4)),
              dbl(cells.get(5)),
              dbl(cells.get(6)),
              num(cells.get(7)),
              Collections.unmodifiableMap(pct),
              num(cells.get(12)),
              num(cells.get(13)),
              num(cells.get(14))));
    }
    if (!rows.containsKey(GLOBAL)) {
      throw new IllegalArgumentException("not a Gatling 3.15 report: no \"All Requests\" row");
    }
    return new GatlingReport(rows);
  }

  /** The "All Requests" row. */
  public Row global() {
    return rows.get(GLOBAL);
  }

  /** The row of a request (or group) name; throws if absent. */
  public Row row(String name) {
    Row row = rows.get(name);
    if (row == null) {
      throw new IllegalArgumentException("no row \"" + name + "\" in report; rows: " + rows.keySet());
    }
    return row;
  }

  /** All rows by name, global first. */
  public Map<String, Row> rows() {
    return rows;
  }

  private static long num(String s) {
    if (s == null || s.isEmpty() || s.equals("-")) {
      return 0L;
    }
    return Math.round(Double.parseDouble(s.replace(",", "")));
  }

  private static double dbl(String s) {
    if (s == null || s.isEmpty() || s.equals("-")) {
      return 0.0;
    }
    return Double.parseDouble(s.replace(",", ""));
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
  }
}
