package interviews.loadtest.pages;

import java.util.List;

/**
 * What a page's charts looked like at one moment.
 *
 * @param charts the charts found
 * @param points their data points
 * @param problems what is wrong with them (none: every chart is drawn with data points)
 */
record Charts(int charts, long points, List<String> problems) {

  boolean drawn() {
    return problems.isEmpty();
  }

  /** How a page's charts are found and judged. */
  interface Check {
    Charts look(PageBrowser browser);
  }

  /** A count the page's script returned. */
  static long number(Object value) {
    return value instanceof Number n ? Math.round(n.doubleValue()) : 0;
  }

  /** A size the page's script returned, in CSS pixels (a box under half a pixel is still drawn). */
  static double size(Object value) {
    return value instanceof Number n ? n.doubleValue() : 0;
  }
}
