package interviews.loadtest.results.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Parser for the Prometheus text exposition format (version 0.0.4, which OpenMetrics text also
 * satisfies for the parts read here): one sample a line, {@code name{label="value",...} value
 * [timestamp]}, {@code #} lines ignored.
 */
public final class PrometheusText {

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private PrometheusText() {}

  public static List<Sample> parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Sample s = parseLine(line);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** Sum of the values of every sample {@code selector} matches; empty when none matches. */
  public static OptionalDouble sum(List<Sample> samples, MetricSelector selector) {
    double sum = 0;
    boolean any = false;
    for (Sample s : samples) {
      if (selector.matches(s) && !Double.isNaN(s.value())) {
        sum += s.value();
        any = true;
      }
    }
    return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  private static Sample parseLine(String line) {
    int i = 0;
    int n = line.length();
    while (i < n && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < n && line.charAt(i) == '{') {
      i++;
      while (i < n && line.charAt(i) != '}') {
        while (i < n && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
          i++;
        }
        if (i < n && line.charAt(i) == '}') {
          break;
        }
        int eq = line.indexOf('=', i);
        if (eq < 0) {
          return null;
        }
        String key = line.substring(i, eq).trim();
        i = eq + 1;
        while (i < n && line.charAt(i) == ' ') {
          i++;
        }
        if (i >= n || line.charAt(i) != '"') {
          return null;
        }
        i++;
        StringBuilder v = new StringBuilder();
        while (i < n && line.charAt(i) != '"') {
          char c = line.charAt(i);
          if (c == '\\' && i + 1 < n) {
            char e = line.charAt(++i);
            v.append(e == 'n' ? '\n' : e);
          } else {
            v.append(c);
          }
          i++;
        }
        i++; // closing quote
        labels.put(key, v.toString());
      }
      i++; // closing brace
    }
    String rest = line.substring(Math.min(i, n)).trim();
    if (rest.isEmpty()) {
      return null;
    }
    String valueText = rest.split("\\s+")[0];
    double value;
    try {
      value = switch (valueText) {
        case "+Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> Double.parseDouble(valueText);
      };
    } catch (NumberFormatException e) {
      return null;
    }
    return new Sample(name, labels, value);
  }

  static String unescape(String s) {
    return s.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
  }
}
