package interviews.loadtest.slo;

/**
 * A straight line fitted by least squares: {@code y = intercept + slope * x}, with how well it fits.
 *
 * @param n the number of points
 * @param r2 the share of the variance of y the line explains (0..1; 1 when y does not vary at all)
 * @param slopeError the standard error of the slope (0 with two points, or when they lie on the line)
 */
public record LineFit(double slope, double intercept, double r2, int n, double slopeError) {

  /** Student's t at 95 %, one-sided, for 1 to 30 degrees of freedom. */
  private static final double[] T95 = {
    6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753,
    1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697};

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
    double residual = Math.max(0, syy - slope * sxy); // the squares the line leaves unexplained
    double error = n > 2 ? Math.sqrt(residual / (n - 2) / sxx) : 0;
    return new LineFit(slope, my - slope * mx, r2, n, error);
  }

  /**
   * The slope it is 95 % sure of: the lower end of its one-sided 95 % confidence interval (Student's
   * t with n - 2 degrees of freedom). With two points, the slope itself.
   */
  public double slopeAtLeast() {
    int df = n - 2;
    if (df < 1) {
      return slope;
    }
    double t = df <= T95.length ? T95[df - 1] : 1.645 + (T95[T95.length - 1] - 1.645) * T95.length / df;
    return slope - t * slopeError;
  }

  /** The line's value at {@code x}. */
  public double at(double x) {
    return intercept + slope * x;
  }
}
