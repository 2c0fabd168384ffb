package interviews.loadtest.scaling;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers in words: three significant digits, no trailing zeros, no exponent. */
final class Plain {

  private Plain() {}

  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "n/a";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  /** A share as a percentage: 0.6 is "60 %". */
  static String percent(double share) {
    return number(share * 100) + " %";
  }

  /** Rounded for a JSON figure: three significant digits, or null without a value. */
  static Double figure(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return null;
    }
    return new BigDecimal(value).round(new MathContext(4)).doubleValue();
  }
}
