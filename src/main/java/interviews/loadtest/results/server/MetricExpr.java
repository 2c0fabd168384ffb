package interviews.loadtest.results.server;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What a server metric is, written in config: one selector, or two joined by {@code +}, {@code -}
 * or {@code /}, each optionally wrapped in a function:
 *
 * <ul>
 *   <li>none or {@code sum(...)}: the sum over every matching label set;
 *   <li>{@code rate(...)}: that sum's increase per second since the previous scrape (a counter;
 *       nothing on the first scrape or after a reset);
 *   <li>{@code count(...)}: how many label sets match (the cores, for {@code node_cpu_seconds_total{mode="idle"}});
 *   <li>{@code max(...)}: the largest value.
 * </ul>
 *
 * E.g. {@code rate(node_cpu_seconds_total{mode!~"idle|iowait|steal"}) / count(node_cpu_seconds_total{mode="idle"})}:
 * the busy share of all cores. A {@link Reader} evaluates it scrape after scrape.
 */
public record MetricExpr(Term left, char op, Term right) {

  /** What a term does with its matching samples. */
  public enum Fn { SUM, RATE, COUNT, MAX }

  /** A selector and its function. */
  public record Term(Fn fn, MetricSelector selector) {}

  /** Parses an expression; a bad one is an IllegalArgumentException naming what is wrong. */
  public static MetricExpr parse(String text) {
    String s = text.trim();
    int at = operatorAt(s);
    if (at < 0) {
      return new MetricExpr(term(s, text), ' ', null);
    }
    return new MetricExpr(term(s.substring(0, at), text), s.charAt(at), term(s.substring(at + 1), text));
  }

  /** True when some term is a rate (so the first scrape yields nothing). */
  public boolean hasRate() {
    return left.fn() == Fn.RATE || (right != null && right.fn() == Fn.RATE);
  }

  /** The same expression with its single, plain selector turned into a rate (the legacy {@code cpu} key). */
  public MetricExpr asRateIfPlain() {
    return right == null && left.fn() == Fn.SUM ? new MetricExpr(new Term(Fn.RATE, left.selector()), ' ', null) : this;
  }

  /**
   * The same metric as a PromQL query for a Prometheus server (the {@code promql} source):
   * {@code sum(...)}, {@code count(...)}, {@code max(...)} as written, a rate as
   * {@code sum(rate(...[range]))}, every selector with {@code extraMatchers} (e.g.
   * {@code job="node",instance=~"app-1.*"}, empty for none) added to its own.
   */
  public String toPromQl(String extraMatchers, String range) {
    String q = promQl(left, extraMatchers, range);
    return right == null ? q : q + " " + op + " " + promQl(right, extraMatchers, range);
  }

  private static String promQl(Term t, String extra, String range) {
    List<String> m = new java.util.ArrayList<>();
    for (MetricSelector.LabelMatcher lm : t.selector().matchers()) {
      m.add(lm.label() + lm.op() + "\"" + lm.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    if (!extra.isBlank()) {
      m.add(extra.trim());
    }
    String sel = t.selector().name() + (m.isEmpty() ? "" : "{" + String.join(",", m) + "}");
    return switch (t.fn()) {
      case RATE -> "sum(rate(" + sel + "[" + range + "]))";
      case COUNT -> "count(" + sel + ")";
      case MAX -> "max(" + sel + ")";
      default -> "sum(" + sel + ")";
    };
  }

  /** A new reader with its own memory of the previous scrape. */
  public Reader reader() {
    return new Reader(this);
  }

  /** Evaluates the expression on successive scrapes; not thread-safe (one sampler thread uses it). */
  public static final class Reader {
    private final MetricExpr expr;
    private final double[] lastValue = {Double.NaN, Double.NaN};
    private final long[] lastMillis = new long[2];

    Reader(MetricExpr expr) {
      this.expr = expr;
    }

    /** The value for one scrape at {@code nowMillis}; empty when a term matched nothing or had no rate yet. */
    public OptionalDouble read(List<PrometheusText.Sample> samples, long nowMillis) {
      OptionalDouble a = term(0, expr.left(), samples, nowMillis);
      if (expr.right() == null) {
        return a;
      }
      OptionalDouble b = term(1, expr.right(), samples, nowMillis);
      if (a.isEmpty() || b.isEmpty()) {
        return OptionalDouble.empty();
      }
      double x = a.getAsDouble();
      double y = b.getAsDouble();
      return switch (expr.op()) {
        case '+' -> OptionalDouble.of(x + y);
        case '-' -> OptionalDouble.of(x - y);
        default -> y == 0 ? OptionalDouble.empty() : OptionalDouble.of(x / y);
      };
    }

    private OptionalDouble term(int i, Term t, List<PrometheusText.Sample> samples, long now) {
      double sum = 0;
      double max = Double.NEGATIVE_INFINITY;
      int n = 0;
      for (PrometheusText.Sample s : samples) {
        if (t.selector().matches(s) && !Double.isNaN(s.value())) {
          sum += s.value();
          max = Math.max(max, s.value());
          n++;
        }
      }
      if (t.fn() == Fn.COUNT) {
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(n);
      }
      if (n == 0) {
        return OptionalDouble.empty();
      }
      return switch (t.fn()) {
        case MAX -> OptionalDouble.of(max);
        case RATE -> rate(i, sum, now);
        default -> OptionalDouble.of(sum);
      };
    }

    private OptionalDouble rate(int i, double value, long now) {
      double before = lastValue[i];
      long beforeMillis = lastMillis[i];
      lastValue[i] = value;
      lastMillis[i] = now;
      if (Double.isNaN(before) || now <= beforeMillis || value < before) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of((value - before) / ((now - beforeMillis) / 1000.0));
    }
  }

  private static Term term(String part, String whole) {
    String s = part.trim();
    for (Fn fn : Fn.values()) {
      String prefix = fn.name().toLowerCase(java.util.Locale.ROOT) + "(";
      if (s.startsWith(prefix)) {
        if (!s.endsWith(")")) {
          throw new IllegalArgumentException("missing ) in \"" + whole + "\"");
        }
        return new Term(fn, MetricSelector.parse(s.substring(prefix.length(), s.length() - 1)));
      }
    }
    return new Term(Fn.SUM, MetricSelector.parse(s));
  }

  /** The index of the one operator outside quotes, or -1; a second one is refused. */
  private static int operatorAt(String s) {
    int found = -1;
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '+' || c == '-' || c == '/')) {
        if (found >= 0) {
          throw new IllegalArgumentException("more than one operator in \"" + s + "\"; one of + - / joins two terms");
        }
        found = i;
      }
    }
    return found;
  }
}
