package interviews.loadtest.trend;

import java.util.Arrays;
import java.util.List;

/**
 * What a figure usually is, and how far it may move before it counts: the median of the
 * baseline runs' values, and a band around it from their spread.
 *
 * <pre>
 * spread = 1.4826 x median(|value - median|)      (the scaled MAD: one standard deviation for normal noise)
 * band   = max(madFactor x spread, tolerance x |median|)
 * </pre>
 *
 * The MAD ignores one wild run among several, and the minimum relative tolerance keeps a very
 * quiet history (MAD 0) from flagging the next run's noise.
 *
 * @param median the median of the values
 * @param spread 1.4826 x their median absolute deviation
 * @param band the half-width of the band around the median
 * @param runs how many values
 */
public record Baseline(double median, double spread, double band, int runs) {

  /** The MAD of normally distributed values times this is their standard deviation. */
  public static final double MAD_SCALE = 1.4826;

  /** The baseline of {@code values} (at least one). */
  public static Baseline of(List<Double> values, double madFactor, double tolerance) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a baseline needs at least one value");
    }
    double median = median(values.stream().mapToDouble(Double::doubleValue).toArray());
    double mad = median(values.stream().mapToDouble(v -> Math.abs(v - median)).toArray());
    double spread = MAD_SCALE * mad;
    return new Baseline(median, spread, Math.max(madFactor * spread, tolerance * Math.abs(median)), values.size());
  }

  /** The top of the band: a p95 above it is a regression. */
  public double upper() {
    return median + band;
  }

  /** The bottom of the band: a capacity below it is a regression. */
  public double lower() {
    return median - band;
  }

  /** The middle value; of an even count, the mean of the two middle ones. */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
