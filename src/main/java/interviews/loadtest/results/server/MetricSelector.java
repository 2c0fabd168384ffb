package interviews.loadtest.results.server;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A metric name with optional label matchers, as written in config and as PromQL writes them:
 * {@code node_cpu_seconds_total{mode!~"idle|iowait",cpu=~"[0-3]"}}. A sample matches when its
 * name is equal and every matcher holds: {@code =} equal, {@code !=} not equal, {@code =~} the
 * whole value matches the regular expression, {@code !~} it does not. As in PromQL, a label the
 * sample lacks counts as the empty string, so {@code job!="x"} matches samples without {@code job}.
 */
public record MetricSelector(String name, List<LabelMatcher> matchers) {

  /** One label matcher; {@code regex} is compiled for {@code =~} and {@code !~}, anchored at both ends. */
  public record LabelMatcher(String label, String op, String value, Pattern regex) {

    /** Whether a sample's label value (null when absent) satisfies this matcher. */
    public boolean test(String actual) {
      String v = actual == null ? "" : actual;
      return switch (op) {
        case "=" -> v.equals(value);
        case "!=" -> !v.equals(value);
        case "=~" -> regex.matcher(v).matches();
        default -> !regex.matcher(v).matches();
      };
    }
  }

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL =
      Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

  /** Parses {@code name} or {@code name{label op "value",...}}; a bad one is an IllegalArgumentException. */
  public static MetricSelector parse(String text) {
    String s = text.trim();
    int brace = s.indexOf('{');
    String name = brace < 0 ? s : s.substring(0, brace).trim();
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name in \"" + text + "\"");
    }
    List<LabelMatcher> matchers = new ArrayList<>();
    if (brace >= 0) {
      if (!s.endsWith("}")) {
        throw new IllegalArgumentException("missing } in \"" + text + "\"");
      }
      String body = s.substring(brace + 1, s.length() - 1);
      Matcher m = LABEL.matcher(body);
      int pos = 0;
      while (pos < body.length() && m.find(pos) && m.start() == pos) {
        String value = PrometheusText.unescape(m.group(3));
        Pattern regex = null;
        if (m.group(2).contains("~")) {
          try {
            regex = Pattern.compile(value);
          } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression \"" + value + "\" in \"" + text + "\"");
          }
        }
        matchers.add(new LabelMatcher(m.group(1), m.group(2), value, regex));
        pos = m.end();
      }
      if (!body.substring(pos).isBlank()) {
        throw new IllegalArgumentException("invalid label matcher in \"" + text + "\"");
      }
    }
    return new MetricSelector(name, List.copyOf(matchers));
  }

  public boolean matches(PrometheusText.Sample sample) {
    if (!sample.name().equals(name)) {
      return false;
    }
    for (LabelMatcher m : matchers) {
      if (!m.test(sample.labels().get(m.label()))) {
        return false;
      }
    }
    return true;
  }
}
