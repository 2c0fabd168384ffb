package interviews.loadtest.results.server;

import interviews.loadtest.measure.SecondRow;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a server metric counts as at its limit, written in config as {@code ">= 0.85"},
 * {@code "> 0"}, {@code "<= 0.1"}, {@code "< 5"} or {@code "grows 15s"} (the value rose over the
 * last 15 s of seconds that all have a value, and never fell in between: a queue the workers do
 * not keep up with).
 *
 * @param key the metric key in {@link SecondRow#server()}
 * @param op one of {@code >= > <= < grows}
 * @param limit the bound, or for {@code grows} the seconds
 */
public record SaturationRule(String key, String op, double limit) {

  private static final Pattern COMPARE = Pattern.compile("(>=|<=|>|<)\\s*(-?[0-9]+(?:\\.[0-9]+)?)");
  private static final Pattern GROWS = Pattern.compile("grows\\s+([0-9]+)\\s*s");

  /** Parses a rule for {@code key}; IllegalArgumentException when it is none of the forms above. */
  public static SaturationRule parse(String key, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher c = COMPARE.matcher(t);
    if (c.matches()) {
      return new SaturationRule(key, c.group(1), Double.parseDouble(c.group(2)));
    }
    Matcher g = GROWS.matcher(t);
    if (g.matches() && Integer.parseInt(g.group(1)) > 0) {
      return new SaturationRule(key, "grows", Integer.parseInt(g.group(1)));
    }
    throw new IllegalArgumentException("must be >= N, > N, <= N, < N or grows Ns");
  }

  /** Whether the rule is about a backlog ({@code grows}): a queue that must not pile up. */
  public boolean backlog() {
    return op.equals("grows");
  }

  /** The rule as written, e.g. {@code >= 0.85} or {@code grows 15s}. */
  public String text() {
    return op.equals("grows") ? "grows " + (long) limit + "s" : op + " " + fmt(limit);
  }

  /** Whether the limit holds at row {@code i} of {@code rows}. */
  public boolean reachedAt(List<SecondRow> rows, int i) {
    Double v = rows.get(i).server().get(key);
    if (v == null) {
      return false;
    }
    return switch (op) {
      case ">=" -> v >= limit;
      case ">" -> v > limit;
      case "<=" -> v <= limit;
      case "<" -> v < limit;
      default -> grows(rows, i);
    };
  }

  private boolean grows(List<SecondRow> rows, int i) {
    long from = rows.get(i).second() - (long) limit;
    if (from < rows.get(0).second()) {
      return false;
    }
    double next = rows.get(i).server().get(key);
    double first = next;
    for (int j = i - 1; j >= 0 && rows.get(j).second() >= from; j--) {
      Double v = rows.get(j).server().get(key);
      if (v == null || v > next) {
        return false;
      }
      next = v;
      first = v;
    }
    return rows.get(i).server().get(key) > first;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
