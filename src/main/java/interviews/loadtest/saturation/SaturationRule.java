package interviews.loadtest.saturation;

import interviews.loadtest.measure.SecondRow;
import interviews.loadtest.slo.LineFit;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a server metric shows its resource at its limit, written in config as {@code ">= 0.85"},
 * {@code "> 0"}, {@code "<= 0.1"}, {@code "< 5"} or {@code "grows 15s"}. The one rule is judged
 * over a window of seconds: the last {@code N} seconds of a run for {@code grows Ns} (the run's
 * saturation sentence, second by second), a capacity step's judged window for every rule. A
 * comparison holds on the window's mean (second by second: on that second's value); {@code grows}
 * holds when a straight line fitted over the window's values rises, the fit is 95 % sure of it
 * (as the drift SLOs judge a slope), and the last value is above the first: a backlog the workers
 * do not keep up with (second by second, every one of the last N seconds must have a value).
 *
 * @param key the metric key in {@link SecondRow#server()}, e.g. {@code app.cpu-busy}
 * @param gauge what the metric shows: the resource, its unit, its size's metric
 * @param op one of {@code >= > <= < grows}
 * @param limit the bound, or for {@code grows} the seconds
 * @param sizeKey the key of the size's metric in the rows, or "" when none
 * @param sampled how often the metric is sampled: a {@code grows} line takes one point per sample
 *     ({@link Growth}), so that the seconds repeating a sample do not make it surer than it is; over
 *     the run, the window is the last N seconds or {@value Growth#MIN_POINTS} samples, the longer
 */
public record SaturationRule(String key, Gauge gauge, String op, double limit, String sizeKey, Duration sampled) {

  private static final Pattern COMPARE = Pattern.compile("(>=|<=|>|<)\\s*(-?[0-9]+(?:\\.[0-9]+)?)");
  private static final Pattern GROWS = Pattern.compile("grows\\s+([0-9]+)\\s*s");
  /** A comparison whose window mean is within this share of its limit is near it. */
  static final double NEAR = 0.9;
  /** A source sampled every second, until {@link #every} says otherwise. */
  static final Duration EVERY_SECOND = Duration.ofSeconds(1);

  /**
   * Parses a rule for {@code key}, its resource named after the metric until {@link #on} says
   * which it is; IllegalArgumentException when it is none of the forms above.
   */
  public static SaturationRule parse(String key, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Gauge own = Gauge.of(ownResource(key), "");
    Matcher c = COMPARE.matcher(t);
    if (c.matches()) {
      return new SaturationRule(key, own, c.group(1), Double.parseDouble(c.group(2)), "", EVERY_SECOND);
    }
    Matcher g = GROWS.matcher(t);
    if (g.matches() && Integer.parseInt(g.group(1)) > 0) {
      return new SaturationRule(key, own, "grows", Integer.parseInt(g.group(1)), "", EVERY_SECOND);
    }
    throw new IllegalArgumentException("must be >= N, > N, <= N, < N or grows Ns");
  }

  /** The same rule for what {@code g} says the metric shows, its size read from {@code size} ("" for none). */
  public SaturationRule on(Gauge g, String size) {
    return new SaturationRule(key, g, op, limit, size, sampled);
  }

  /** The same rule on a metric sampled every {@code interval} (its source's). */
  public SaturationRule every(Duration interval) {
    return new SaturationRule(key, gauge, op, limit, sizeKey, interval);
  }

  /** The resource it watches. */
  public Resource resource() {
    return gauge.resource();
  }

  /** A resource named after the metric itself: {@code app.open-files} shows {@code open-files}. */
  private static Resource ownResource(String key) {
    String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return Resource.of(last.isEmpty() || !Character.isLetter(last.charAt(0)) ? "m-" + last : last);
  }

  /** Whether this rule watches a backlog (its values must not grow). */
  public boolean backlog() {
    return op.equals("grows");
  }

  /** The rule as written, e.g. {@code >= 0.85} or {@code grows 15s}. */
  public String text() {
    return backlog() ? "grows " + (long) limit + "s" : op + " " + fmt(limit);
  }

  /** The rule with its metric, e.g. {@code app.cpu-busy >= 0.85}. */
  public String describe() {
    return key + " " + text();
  }

  /** Whether the limit holds at row {@code i} of {@code rows}: its value, or for grows the last N seconds. */
  public boolean reachedAt(List<SecondRow> rows, int i) {
    Double v = rows.get(i).server().get(key);
    if (v == null) {
      return false;
    }
    if (backlog()) {
      long from = rows.get(i).second() - Math.max((long) limit, Growth.MIN_POINTS * Growth.seconds(sampled) - 1);
      if (from < rows.get(0).second()) {
        return false;
      }
      int start = i;
      while (start > 0 && rows.get(start - 1).second() >= from) {
        start--;
        if (rows.get(start).server().get(key) == null) {
          return false; // the run's last N seconds must all have a value
        }
      }
      List<SecondRow> window = rows.subList(start, i + 1);
      return grows(window, fit(window));
    }
    return compare(v);
  }

  /** What the rule says of a window of seconds: a capacity step's judged window. */
  public Reading read(List<SecondRow> rows) {
    double sum = 0;
    double max = Double.NEGATIVE_INFINITY;
    double sizeSum = 0;
    int n = 0;
    int sizes = 0;
    for (SecondRow r : rows) {
      Double v = r.server().get(key);
      if (v != null && !v.isNaN()) {
        sum += v;
        max = Math.max(max, v);
        n++;
      }
      Double s = sizeKey.isEmpty() ? null : r.server().get(sizeKey);
      if (s != null && !s.isNaN()) {
        sizeSum += s;
        sizes++;
      }
    }
    if (n == 0) {
      return null;
    }
    double mean = sum / n;
    double size = sizes == 0 ? Double.NaN : sizeSum / sizes;
    double slope = Double.NaN;
    String state;
    if (backlog()) {
      LineFit fit = fit(rows);
      slope = fit == null ? Double.NaN : fit.slope();
      // Near: the line rises by one or more over the window, but the fit is not sure of it.
      boolean rising = fit != null && fit.slope() * (rows.size() - 1) >= 1;
      state = grows(rows, fit) ? Reading.AT_LIMIT : rising ? Reading.NEAR_LIMIT : Reading.BELOW;
    } else {
      state = compare(mean) ? Reading.AT_LIMIT : compare(max) || near(mean) ? Reading.NEAR_LIMIT : Reading.BELOW;
    }
    return new Reading(this, mean, max, slope, size, state);
  }

  private boolean compare(double v) {
    return switch (op) {
      case ">=" -> v >= limit;
      case ">" -> v > limit;
      case "<=" -> v <= limit;
      default -> v < limit;
    };
  }

  /** Within {@value #NEAR} of the limit, on the side that leads to it (a limit of 0 has no near side). */
  private boolean near(double v) {
    if (limit == 0) {
      return false;
    }
    return op.startsWith(">") ? v >= NEAR * limit : v <= limit / NEAR;
  }

  /** Whether {@code fit}, the line through {@code rows}, surely rises and the last value is above the first. */
  private boolean grows(List<SecondRow> rows, LineFit fit) {
    if (fit == null || fit.slopeAtLeast() <= 0) {
      return false;
    }
    double first = Double.NaN;
    double last = Double.NaN;
    for (SecondRow r : rows) {
      Double v = r.server().get(key);
      if (v != null && !v.isNaN()) {
        if (Double.isNaN(first)) {
          first = v;
        }
        last = v;
      }
    }
    return last > first;
  }

  /** The line through the window's values, one point per sample; null with fewer than {@value Growth#MIN_POINTS}. */
  private LineFit fit(List<SecondRow> rows) {
    Growth g = Growth.of(rows, r -> r.server().get(key), Growth.seconds(sampled));
    return g == null ? null : g.fit();
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
