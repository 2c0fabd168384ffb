package interviews.loadtest.simulations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The request counts of Gatling's own HTML report (its statistics table), by request name. */
record ReportTable(Map<String, Counts> rows) {

  record Counts(long total, long ok, long ko) {}

  private static final Pattern ROW = Pattern.compile(
      "class=\"ellipsed-name\">([^<]+)</span>.*?col-2\">([0-9,]+)</td>\\s*<td class=\"value ok col-3\">([0-9,]+)</td>"
          + "\\s*<td class=\"value ko col-4\">([0-9,]+)</td>", Pattern.DOTALL);

  static ReportTable read(Path runDirectory) throws IOException {
    String html = Files.readString(runDirectory.resolve("index.html"));
    Map<String, Counts> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      rows.putIfAbsent(unescape(m.group(1)), new Counts(number(m.group(2)), number(m.group(3)), number(m.group(4))));
    }
    return new ReportTable(rows);
  }

  Counts get(String name) {
    Counts counts = rows.get(name);
    if (counts == null) {
      throw new AssertionError("no row '" + name + "' in the report: " + rows.keySet());
    }
    return counts;
  }

  long totalKo() {
    return rows.values().stream().mapToLong(Counts::ko).sum();
  }

  private static long number(String text) {
    return Long.parseLong(text.replace(",", ""));
  }

  private static String unescape(String text) {
    return text.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">");
  }
}
