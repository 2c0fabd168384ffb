package interviews.loadtest.slo;

/**
 * A straight line fitted by least squares: {@code y = intercept + slope * x}, with how well it fits.
 *
 * @param n the number of points
 * @param r2 the share of the variance of y the line explains (0..1; 1 when y does not vary at all)
 */
public record LineFit(double slope, double intercept, double r2, int n) {

  /** Fits {@code ys} over {@code xs} (at least two points, not all at one x). */
  public static LineFit of(double[] xs, double[] ys) {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException("as many x as y, got " + xs.length + " and " + ys.length);
    }
    int n = xs.length;
    if (n < 2) {
      throw new IllegalArgumentException("a line needs two points, got " + n);
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += xs[i];
      my += ys[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = xs[i] - mx;
      double dy = ys[i] - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("a line needs points at two x values at least");
    }
    double slope = sxy / sxx;
    double r2 = syy == 0 ? 1.0 : (sxy * sxy) / (sxx * syy);
    return new LineFit(slope, my - slope * mx, r2, n);
  }

  /** The line's value at {@code x}. */
  public double at(double x) {
    return intercept + slope * x;
  }
}
