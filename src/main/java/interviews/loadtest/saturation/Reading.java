package interviews.loadtest.saturation;

import interviews.loadtest.measure.SecondRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one rule's metric showed over a window (a capacity step): its mean and highest value, for a
 * backlog its slope, the resource's size when a source measured it, and whether the resource was
 * at its limit, near it or below it; said in words with units ("CPU: 0.90 of 2 cores").
 *
 * @param slope for a backlog rule the fitted growth a second, NaN otherwise
 * @param size the resource's size (mean of its metric), NaN when no source measured it
 * @param state {@value #AT_LIMIT}, {@value #NEAR_LIMIT} or {@value #BELOW}
 */
public record Reading(SaturationRule rule, double mean, double max, double slope, double size, String state) {

  public static final String AT_LIMIT = "at limit";
  public static final String NEAR_LIMIT = "near limit";
  public static final String BELOW = "below";

  /** Every rule's reading over {@code rows}, in rule order; rules whose metric had no value are left out. */
  public static List<Reading> over(List<SecondRow> rows, List<SaturationRule> rules) {
    List<Reading> out = new ArrayList<>();
    for (SaturationRule r : rules) {
      Reading x = r.read(rows);
      if (x != null) {
        out.add(x);
      }
    }
    return out;
  }

  public Resource resource() {
    return rule.resource();
  }

  public boolean atLimit() {
    return AT_LIMIT.equals(state);
  }

  public boolean nearLimit() {
    return NEAR_LIMIT.equals(state);
  }

  /** The size's unit, or null without a size. */
  public String sizeUnit() {
    return Double.isNaN(size) || rule.gauge().sizeUnit().isEmpty() ? null : rule.gauge().sizeUnit();
  }

  /** The figure in words with its unit, e.g. {@code 0.90 of 2 cores}, {@code 12 jobs, growing 0.9 a second}. */
  public String figure() {
    return figure(mean);
  }

  /** {@link #figure()} of another value of the same metric (a step's highest, say). */
  public String figure(double value) {
    Gauge g = rule.gauge();
    String sizeText = Double.isNaN(size) || g.sizeUnit().isEmpty() ? "" : " of " + amount(size, g.sizeUnit());
    String text = switch (g.unit()) {
      case Gauge.SHARE -> share(value) + (sizeText.isEmpty() ? " of its size" : sizeText);
      case Gauge.AVAILABLE_SHARE -> share(value) + " available" + sizeText;
      case Gauge.BYTES -> amount(value, Gauge.BYTES);
      case "" -> number(value, 3);
      default -> amount(value, g.unit());
    };
    if (rule.backlog() && !Double.isNaN(slope)) {
      text += String.format(Locale.ROOT, ", %s %s a second", slope >= 0 ? "growing" : "falling",
          number(Math.abs(slope), 2));
    }
    return text;
  }

  /** The resource and its figure: {@code CPU: 0.90 of 2 cores}. */
  public String text() {
    return resource().label() + ": " + figure();
  }

  /** An amount in its unit: bytes as MiB or GiB, anything else as a number and its word. */
  static String amount(double v, String unit) {
    if (Gauge.BYTES.equals(unit)) {
      double mib = v / (1024 * 1024);
      return mib >= 1024 ? number(mib / 1024, 1) + " GiB" : number(mib, mib >= 100 ? 0 : 1) + " MiB";
    }
    return number(v, Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2) + " " + unit;
  }

  /** A share with two decimals: {@code 0.90}. */
  static String share(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** {@code v} to at most {@code decimals} decimals, without trailing zeros. */
  static String number(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }
}
