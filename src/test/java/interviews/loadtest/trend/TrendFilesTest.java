package interviews.loadtest.trend;

import static interviews.loadtest.trend.TrendRuns.args;
import static interviews.loadtest.trend.TrendRuns.build;
import static interviews.loadtest.trend.TrendRuns.capacity;
import static interviews.loadtest.trend.TrendRuns.count;
import static interviews.loadtest.trend.TrendRuns.day;
import static interviews.loadtest.trend.TrendRuns.run;
import static interviews.loadtest.trend.TrendRuns.trend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.trend.TrendRuns.Result;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** trend.csv, trend.html and trend-junit.xml as written by the command. */
class TrendFilesTest {

  @TempDir
  Path base;

  /** Builds 1 to 5 (build 3 failed its SLOs), the current run 6 written into an output folder. */
  private Result burst() {
    Path history = base.resolve("history");
    long[] p95 = {400, 410, 2500, 420, 405};
    for (int i = 0; i < p95.length; i++) {
      build(history, i + 1, p95[i], i != 2);
    }
    run(base.resolve("target/gatling/burstsimulation-6"), "build-6", TrendRuns.SIMULATION, TrendRuns.TARGET, day(6), 600, true);
    return trend(base, args("--out", "trend-out", "--label", "6"));
  }

  @Test
  void csvHasOneRowPerRunLikeThisOneAndSaysWhichAreTheBaseline() throws Exception {
    Result r = burst();
    assertTrue(r.out().contains("[trend] wrote " + base.resolve("trend-out").resolve("trend.html")
        + ", trend.csv and trend-junit.xml"), r.out());
    List<String> lines = Files.readAllLines(base.resolve("trend-out/trend.csv"));
    assertEquals(TrendCsv.HEADER, lines.get(0));
    assertEquals(7, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("1,2026-01-02T02:00:00Z,build-1,BurstSimulation,http://127.0.0.1:8080,"
        + "\"Burst: ramp 0 -> 8.33 journeys/s over 30s, hold 60s\",true,baseline,200,400,500,10,0.002,,,"), lines.get(1));
    assertTrue(lines.get(3).startsWith("3,2026-01-04T02:00:00Z,build-3,") && lines.get(3).contains(",false,earlier,1250,2500,3125,"),
        lines.get(3));
    assertTrue(lines.get(6).startsWith("6,2026-01-07T02:00:00Z,build-6,") && lines.get(6).contains(",true,current,300,600,750,"),
        lines.get(6));
    assertTrue(lines.get(6).endsWith("target/gatling/burstsimulation-6"), lines.get(6));
  }

  @Test
  void htmlHasOneChartPerMetricWithAPointPerRunAndNoScript() throws Exception {
    burst();
    String html = Files.readString(base.resolve("trend-out/trend.html"));
    List<String> charts = charts(html);
    // p50, p95, p99, throughput, error rate: no capacity figure in any run.
    assertEquals(5, charts.size());
    assertEquals(5, count(html, "<svg"), "every svg is a chart");
    for (String chart : charts) {
      assertEquals(6, count(chart, "class=\"point\""), chart);
    }
    assertTrue(charts.get(1).contains("Global p95 (ms)") && charts.get(1).contains("SLO 2000 ms"), "p95's SLO line");
    assertTrue(charts.get(1).contains("class=\"band\"") && charts.get(1).contains("baseline band 366.8 to 448.3 ms"),
        "p95's baseline band: builds 1, 2, 4, 5 (3 failed): median 407.5, 10 % floor 40.75");
    assertTrue(charts.get(4).contains("Error rate (%)") && charts.get(4).contains("SLO 1 %"), "the error rate's SLO line");
    assertTrue(charts.get(1).contains("6: 600 ms, passed, current run"), "the current run's point");
    assertFalse(html.contains("<script"), "no script at all");
    assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"?(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(html).find(),
        "nothing fetched");
    assertTrue(html.contains("trend.p95: global p95 600 ms is above the baseline band"), "the verdicts");
  }

  @Test
  void aCapacitySearchAddsTheCapacityCharts() throws Exception {
    Path history = base.resolve("history");
    for (int n = 1; n <= 4; n++) {
      capacity(history, n, 20 + n, n == 2 ? null : 400L);
    }
    Path current = capacity(base.resolve("target/gatling"), 5, 22, 410L);
    Result r = trend(base, args());
    assertEquals(0, r.status(), r.err());
    String html = Files.readString(current.resolve("trend.html"));
    List<String> charts = charts(html);
    assertEquals(7, charts.size());
    assertTrue(charts.get(5).contains("Capacity found (journeys/s"), charts.get(5));
    assertEquals(5, count(charts.get(5), "class=\"point\""));
    assertTrue(charts.get(6).contains("Capacity found (concurrent users"), charts.get(6));
    assertEquals(4, count(charts.get(6), "class=\"point\""), "build 2 searched no closed model");
    assertTrue(charts.get(5).contains("class=\"band\""));
  }

  @Test
  void junitXmlIsWellFormedWithOneTestcasePerCheck() throws Exception {
    Path history = base.resolve("history");
    for (int n = 1; n <= 4; n++) {
      capacity(history, n, 22, 400L);
    }
    Path current = capacity(base.resolve("target/gatling"), 5, 15, 400L);
    trend(base, args());
    byte[] xml = Files.readAllBytes(current.resolve("trend-junit.xml"));
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    Element suites = doc.getDocumentElement();
    assertEquals("testsuites", suites.getTagName());
    assertEquals("trend.CapacitySimulation", suites.getAttribute("name"));
    assertEquals("3", suites.getAttribute("tests"));
    assertEquals("1", suites.getAttribute("failures"));
    NodeList cases = doc.getElementsByTagName("testcase");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      assertEquals("trend", c.getAttribute("classname"));
      names.add(c.getAttribute("name"));
    }
    assertEquals(List.of("p95", "capacity", "capacity-users"), names);
    Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
    assertTrue(failure.getAttribute("message").contains("15 journeys/s is below the baseline band 22 - 1.1 = 20.9"),
        failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("current: 15 journeys/s") && failure.getTextContent().contains("baseline: 22")
        && failure.getTextContent().contains("band: ± 1.1") && failure.getTextContent().contains("limit: at least 20.9"),
        failure.getTextContent());
    assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());
    assertTrue(new String(xml, StandardCharsets.UTF_8).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  }

  /** Each {@code <svg class="chart" ...>...</svg>} of the page. */
  private static List<String> charts(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?s)<svg class=\"chart\".*?</svg>").matcher(html);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
