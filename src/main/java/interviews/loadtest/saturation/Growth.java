package interviews.loadtest.saturation;

import interviews.loadtest.measure.SecondRow;
import interviews.loadtest.slo.LineFit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How a count grew over a step's judged window: a straight line ({@link LineFit}, least squares)
 * through its values second by second, seconds without a value left out. A value sampled every
 * few seconds (a server metric: each row repeats the latest sample) gives one point per sampling
 * interval, as many points as samples, so that a repeated sample does not make the fit surer than
 * it is. The one line both a saturation rule ({@code grows}) and a capacity step's growth checks
 * are judged by.
 *
 * @param fit the line, x in the run's seconds
 * @param from the line's value at the first point
 * @param to the line's value at the last point
 */
public record Growth(LineFit fit, double from, double to) {

  /** Fewer points than this make no line worth judging. */
  public static final int MIN_POINTS = 5;

  /** The seconds between two points for a value sampled every {@code sampled}: at least 1. */
  public static long seconds(Duration sampled) {
    return Math.max(1, (sampled.toMillis() + 999) / 1000);
  }

  /**
   * The growth of {@code value} over {@code rows}, one point every {@code everySeconds} at most;
   * null with fewer than {@value #MIN_POINTS} points (or all at one second).
   *
   * @param value a row's value, null or NaN when it has none
   */
  public static Growth of(List<SecondRow> rows, Function<SecondRow, Double> value, long everySeconds) {
    List<double[]> points = new ArrayList<>();
    for (SecondRow r : rows) {
      Double v = value.apply(r);
      boolean due = points.isEmpty() || r.second() - points.get(points.size() - 1)[0] >= everySeconds;
      if (v != null && !v.isNaN() && due) {
        points.add(new double[] {r.second(), v});
      }
    }
    if (points.size() < MIN_POINTS) {
      return null;
    }
    double[] xs = new double[points.size()];
    double[] ys = new double[points.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = points.get(i)[0];
      ys[i] = points.get(i)[1];
    }
    LineFit fit = LineFit.of(xs, ys);
    return new Growth(fit, fit.at(xs[0]), fit.at(xs[xs.length - 1]));
  }

  /** Growth a second: the line's slope. */
  public double perSecond() {
    return fit.slope();
  }

  /** The least growth a second the fit is 95 % sure of: {@link LineFit#slopeAtLeast()}. */
  public double atLeast() {
    return fit.slopeAtLeast();
  }

  /**
   * The growth as a share of {@code allowed} a second (above 1: broken): the least growth the fit
   * is 95 % sure of over what is allowed, 0 when it is not even sure of a growth. A chance upswing
   * in a window of a few seconds has a steep slope but a low sure one: a count must surely grow by
   * more than the allowance to break a step.
   */
  public double share(double allowed) {
    double sure = fit.slopeAtLeast();
    if (sure <= 0) {
      return 0;
    }
    return allowed <= 0 ? Double.POSITIVE_INFINITY : sure / allowed;
  }
}
