package interviews.loadtest.pages;

import java.nio.file.Path;

/**
 * Which charts a page is expected to hold, by its name: Gatling's report pages ({@code index.html},
 * a request's {@code req_*.html}, a group's {@code group_*.html}) draw Highcharts charts; every other
 * page is one of the suite's own (capacity.html, trend.html), drawing {@code svg.chart}s.
 */
enum PageKind {
  GATLING_REPORT("Gatling report", new HighchartsCharts()),
  SUITE_PAGE("suite page", new SvgCharts());

  final String label;
  final Charts.Check charts;

  PageKind(String label, Charts.Check charts) {
    this.label = label;
    this.charts = charts;
  }

  static PageKind of(Path page) {
    String name = page.getFileName().toString();
    return name.equals("index.html") || name.startsWith("req_") || name.startsWith("group_") ? GATLING_REPORT : SUITE_PAGE;
  }
}
