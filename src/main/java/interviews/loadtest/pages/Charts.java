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

  static long number(Object value) {
    return value instanceof Number n ? Math.round(n.doubleValue()) : 0;
  }
}
