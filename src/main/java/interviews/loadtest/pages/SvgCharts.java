package interviews.loadtest.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The charts of the suite's own pages (capacity.html, trend.html): every chart an
 * {@code <svg class="chart">}, every data point inside it an element of class {@code point}. Each
 * svg.chart must be rendered (shown, non-zero size) and hold at least one visible point: shown,
 * non-zero size, not transparent, and inside the chart's box. A page without any svg.chart fails:
 * its charts are missing, or do not follow the convention.
 */
final class SvgCharts implements Charts.Check {

  static final String PROBE = """
      function shown(e) {
        var s = getComputedStyle(e);
        return s.display !== 'none' && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0;
      }
      return Array.prototype.map.call(document.querySelectorAll('svg.chart'), function (svg, i) {
        var r = svg.getBoundingClientRect();
        var t = svg.querySelector('title');
        var label = svg.getAttribute('aria-label') || (t && t.textContent) || '';
        var points = svg.querySelectorAll('.point');
        var visible = Array.prototype.filter.call(points, function (p) {
          var b = p.getBoundingClientRect();
          return shown(p) && b.width > 0 && b.height > 0
              && b.right > r.left && b.left < r.right && b.bottom > r.top && b.top < r.bottom;
        }).length;
        return { label: label, width: r.width, height: r.height, shown: shown(svg), points: points.length, visible: visible };
      });
      """;

  @Override
  public Charts look(PageBrowser browser) {
    List<?> charts = (List<?>) browser.script(PROBE);
    if (charts.isEmpty()) {
      return new Charts(0, 0, List.of("no chart: the suite's pages draw every chart as <svg class=\"chart\">"));
    }
    List<String> problems = new ArrayList<>();
    long points = 0;
    for (int i = 0; i < charts.size(); i++) {
      Map<?, ?> c = (Map<?, ?>) charts.get(i);
      String name = "svg.chart " + (i + 1) + " of " + charts.size()
          + (String.valueOf(c.get("label")).isBlank() ? "" : " ('" + c.get("label") + "')");
      long visible = Charts.number(c.get("visible"));
      points += visible;
      if (!Boolean.TRUE.equals(c.get("shown")) || Charts.size(c.get("width")) <= 0 || Charts.size(c.get("height")) <= 0) {
        problems.add(name + " is not rendered (" + Charts.number(c.get("width")) + "x" + Charts.number(c.get("height"))
            + (Boolean.TRUE.equals(c.get("shown")) ? "" : ", hidden") + ")");
      } else if (visible == 0) {
        long all = Charts.number(c.get("points"));
        problems.add(name + (all == 0 ? " has no .point" : " has " + all + " .point, none visible"));
      }
    }
    return new Charts(charts.size(), points, problems);
  }
}
