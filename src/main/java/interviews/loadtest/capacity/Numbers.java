package interviews.loadtest.capacity;

import java.util.Locale;

/** How the search writes its figures: plain, few digits, the same on the console, in JSON and HTML. */
final class Numbers {

  private Numbers() {}

  /** 2, 2.5, 0.333: no trailing zeros, at most three decimals. */
  static String plain(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "-";
    }
    double r = round(value, 3);
    return r == Math.rint(r) && Math.abs(r) < 1e15 ? String.valueOf((long) r) : String.valueOf(r);
  }

  /** {@code value} rounded to {@code decimals} places; NaN stays NaN. */
  static double round(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    double f = Math.pow(10, decimals);
    return Math.round(value * f) / f;
  }

  /** A latency for the console: "412 ms", or "-" without samples. */
  static String ms(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f ms", value);
  }

  /** A share for the console: "0.4 %". */
  static String percent(double share) {
    return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f %%", share * 100);
  }
}
