package interviews.loadtest.capacity;

import java.util.List;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Gunther's Universal Scalability Law fitted to the steps: throughput X at concurrency N is
 * {@code X(N) = λN / (1 + σ(N − 1) + κN(N − 1))}: λ the throughput of one user alone, σ the cost of
 * contention (queueing for a shared resource), κ the cost of coherency (crosstalk), and the
 * throughput peaks at {@code N* = √((1 − σ) / κ)}. Fitted by least squares (Levenberg–Marquardt,
 * commons-math3), σ and κ kept at 0 or above; it needs at least {@value #MIN_POINTS} points, as
 * usl4j does. Each step is one point: its mean journeys in progress and journeys ended a second.
 *
 * @param sigma σ, contention
 * @param kappa κ, coherency
 * @param lambda λ, journeys a second of one user
 * @param peakConcurrency N*, rounded down; null when κ is 0 (no peak: throughput levels off)
 * @param peakThroughput X(N*), or λ / σ when there is no peak (the level it tends to)
 * @param points the number of steps fitted
 * @param rmsError root mean square of the fit's residuals, journeys a second
 */
record UslFit(double sigma, double kappa, double lambda, Long peakConcurrency, double peakThroughput, int points,
    double rmsError) {

  static final int MIN_POINTS = 6;

  /** X(N) of the fitted law. */
  double throughput(double n) {
    return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }

  /** Fits the law to (concurrency, throughput) points; null with fewer than {@value #MIN_POINTS} usable points or no fit. */
  static UslFit fit(List<double[]> points) {
    List<double[]> usable = points.stream().filter(p -> p[0] > 0 && p[1] > 0 && Double.isFinite(p[0]) && Double.isFinite(p[1])).toList();
    if (usable.size() < MIN_POINTS) {
      return null;
    }
    double[] n = usable.stream().mapToDouble(p -> p[0]).toArray();
    double[] x = usable.stream().mapToDouble(p -> p[1]).toArray();
    // λ starts at the best throughput per user seen (the lightest steps come closest to it).
    double lambda0 = 0;
    for (int i = 0; i < n.length; i++) {
      lambda0 = Math.max(lambda0, x[i] / n[i]);
    }
    MultivariateJacobianFunction model = params -> {
      double l = params.getEntry(0);
      double s = params.getEntry(1);
      double k = params.getEntry(2);
      RealVector value = new ArrayRealVector(n.length);
      Array2DRowRealMatrix jacobian = new Array2DRowRealMatrix(n.length, 3);
      for (int i = 0; i < n.length; i++) {
        double ni = n[i];
        double d = 1 + s * (ni - 1) + k * ni * (ni - 1);
        value.setEntry(i, l * ni / d);
        jacobian.setEntry(i, 0, ni / d);
        jacobian.setEntry(i, 1, -l * ni * (ni - 1) / (d * d));
        jacobian.setEntry(i, 2, -l * ni * ni * (ni - 1) / (d * d));
      }
      return new Pair<>(value, jacobian);
    };
    try {
      LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
          .start(new double[] {lambda0, 0.01, 0.0001})
          .model(model)
          .target(x)
          .parameterValidator(p -> {
            p.setEntry(0, Math.max(1e-9, p.getEntry(0)));
            p.setEntry(1, Math.min(1, Math.max(0, p.getEntry(1))));
            p.setEntry(2, Math.max(0, p.getEntry(2)));
            return p;
          })
          .maxEvaluations(10_000)
          .maxIterations(10_000)
          .lazyEvaluation(false)
          .build());
      double l = optimum.getPoint().getEntry(0);
      double s = optimum.getPoint().getEntry(1);
      double k = optimum.getPoint().getEntry(2);
      Long peak = k > 0 ? (long) Math.floor(Math.sqrt((1 - s) / k)) : null;
      double rms = optimum.getRMS();
      UslFit fit = new UslFit(s, k, l, peak, 0, usable.size(), rms);
      double peakX = peak != null ? fit.throughput(Math.max(1, peak)) : (s > 0 ? l / s : Double.POSITIVE_INFINITY);
      return new UslFit(s, k, l, peak, peakX, usable.size(), rms);
    } catch (RuntimeException e) {
      // No convergence: the steps say nothing the law can fit.
      return null;
    }
  }
}
