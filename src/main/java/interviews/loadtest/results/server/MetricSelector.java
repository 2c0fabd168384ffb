package interviews.loadtest.results.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric name with an optional label filter, as written in config:
 * {@code jvm_memory_used_bytes{area="heap"}}. Samples match when their name is equal and every
 * filter label has the given value; values of all matching samples are summed.
 */
public record MetricSelector(String name, Map<String, String> labels) {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL =
      Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

  public static MetricSelector parse(String text) {
    String s = text.trim();
    int brace = s.indexOf('{');
    String name = brace < 0 ? s : s.substring(0, brace).trim();
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name in \"" + text + "\"");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (brace >= 0) {
      if (!s.endsWith("}")) {
        throw new IllegalArgumentException("missing } in \"" + text + "\"");
      }
      String body = s.substring(brace + 1, s.length() - 1);
      Matcher m = LABEL.matcher(body);
      int pos = 0;
      while (pos < body.length() && m.find(pos) && m.start() == pos) {
        labels.put(m.group(1), PrometheusText.unescape(m.group(2)));
        pos = m.end();
      }
      if (!body.substring(pos).isBlank()) {
        throw new IllegalArgumentException("invalid label filter in \"" + text + "\"");
      }
    }
    return new MetricSelector(name, Map.copyOf(labels));
  }

  public boolean matches(PrometheusText.Sample sample) {
    if (!sample.name().equals(name)) {
      return false;
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!e.getValue().equals(sample.labels().get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
