package interviews.loadtest.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The charts of Gatling's HTML report: Highcharts (Highstock) charts, each made by a script of the
 * page ({@code new Highcharts.Chart}, {@code new Highcharts.StockChart}) into a container of its
 * own. Each chart found in {@code window.Highcharts.charts} must have a container of non-zero size,
 * at least one data point in its own series (a Highstock navigator's copy does not count), and
 * drawn series in its SVG. A page without Highcharts is no Gatling report.
 */
final class HighchartsCharts implements Charts.Check {

  static final String PROBE = """
      var H = window.Highcharts;
      if (!H || !H.charts) { return null; }
      return H.charts.filter(function (c) { return c; }).map(function (c) {
        var box = c.container ? c.container.getBoundingClientRect() : { width: 0, height: 0 };
        var title = (c.title && c.title.textStr) ? c.title.textStr.replace(/<[^>]*>/g, '').trim() : '';
        var points = 0;
        c.series.forEach(function (s) {
          if (s.options && s.options.isInternal) { return; }
          (s.points || []).forEach(function (p) { if (p && p.y !== null && p.y !== undefined) { points++; } });
        });
        var drawn = c.container ? c.container.querySelectorAll(
            '.highcharts-series:not(.highcharts-navigator-series) > *').length : 0;
        return { id: (c.renderTo && c.renderTo.id) || '', title: title, width: box.width, height: box.height,
                 points: points, drawn: drawn };
      });
      """;

  @Override
  public Charts look(PageBrowser browser) {
    Object found = browser.script(PROBE);
    if (!(found instanceof List<?> charts)) {
      return new Charts(0, 0, List.of("no Highcharts: window.Highcharts is not defined, so this is no Gatling report"
          + " or its scripts did not load"));
    }
    if (charts.isEmpty()) {
      return new Charts(0, 0, List.of("no chart: Highcharts is loaded but drew no chart"));
    }
    List<String> problems = new ArrayList<>();
    long points = 0;
    for (Object o : charts) {
      Map<?, ?> c = (Map<?, ?>) o;
      String name = "chart '" + c.get("title") + "'" + (String.valueOf(c.get("id")).isEmpty() ? "" : " (#" + c.get("id") + ")");
      long chartPoints = Charts.number(c.get("points"));
      points += chartPoints;
      if (Charts.size(c.get("width")) <= 0 || Charts.size(c.get("height")) <= 0) {
        problems.add(name + " is not drawn: its container is " + Charts.number(c.get("width")) + "x" + Charts.number(c.get("height")));
      } else if (chartPoints == 0) {
        problems.add(name + " has no data points");
      } else if (Charts.number(c.get("drawn")) == 0) {
        problems.add(name + " has data points but no series drawn");
      }
    }
    return new Charts(charts.size(), points, problems);
  }
}
