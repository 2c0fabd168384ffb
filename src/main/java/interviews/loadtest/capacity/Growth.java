package interviews.loadtest.capacity;

import interviews.loadtest.measure.SecondRow;
import interviews.loadtest.slo.LineFit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How a count grew over a step's judged window: a straight line ({@link LineFit}, least squares)
 * through its values second by second, seconds without a value left out. A value sampled every
 * few seconds (a server metric: each row repeats the latest sample) gives one point per sampling
 * interval, as many points as samples, so that a repeated sample does not make the fit surer than
 * it is.
 *
 * @param fit the line, x in the run's seconds
 * @param from the line's value at the first point
 * @param to the line's value at the last point
 */
record Growth(LineFit fit, double from, double to) {

  /** Fewer points than this make no line worth judging. */
  static final int MIN_POINTS = 5;

  /**
   * The growth of {@code value} over {@code rows}, one point every {@code everySeconds} at most;
   * null with fewer than {@value #MIN_POINTS} points (or all at one second).
   *
   * @param value a row's value, null or NaN when it has none
   */
  static Growth of(List<SecondRow> rows, Function<SecondRow, Double> value, long everySeconds) {
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
  double perSecond() {
    return fit.slope();
  }

  /** Whether the fit is 95 % sure the count grows (the lower end of its slope's interval above 0). */
  boolean sure() {
    return fit.slopeAtLeast() > 0;
  }

  /**
   * The growth as a share of {@code allowed} a second (above 1: broken): the slope over what is
   * allowed when the fit is sure the count grows; when it is not, no more than how near it came
   * to being sure (the slope over the least slope it would be sure of: 1 or less), so that a growth
   * the fit is unsure of never breaks a step, and one it is nearly sure of, and material, is borderline.
   */
  double share(double allowed) {
    double slope = fit.slope();
    if (slope <= 0) {
      return 0;
    }
    double material = allowed <= 0 ? Double.POSITIVE_INFINITY : slope / allowed;
    if (sure()) {
      return material;
    }
    double sureAt = slope - fit.slopeAtLeast();
    return Math.min(material, sureAt <= 0 ? 0 : slope / sureAt);
  }
}
