package interviews.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.config.TestConfigs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import interviews.loadtest.measure.SecondRow;
import interviews.loadtest.saturation.Gauge;
import interviews.loadtest.saturation.Reading;
import interviews.loadtest.saturation.Resource;
import interviews.loadtest.saturation.SaturationRule;
import org.junit.jupiter.api.Test;

/** capacity.json's answers and cross-checks, and capacity.html, from steps made up here. */
class CapacityReportTest {

  /** node_exporter's CPU share on a machine of 2 cores, the node preset's rule. */
  static final SaturationRule CPU = SaturationRule.parse("app.cpu-busy", ">= 0.85")
      .on(Gauge.shareOf(Resource.CPU, "cores", "cores"), "app.cores");

  private static Step step(int number, String model, double load, double achieved, double p95, double concurrency, boolean good) {
    // One request a journey: as many sent a second as journeys started; the CPU busier with the load.
    double busy = Math.min(0.99, load / 22.0);
    List<SecondRow> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new SecondRow(number * 10L + i, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of("app.cpu-busy", busy, "app.cores", 2.0)));
    }
    return new Step(number, model, "bracket", load, number * 10L, 10, false, load, achieved, achieved, load, (long) (achieved * 10),
        0, p95 / 2, p95, p95 * 1.1, p95 / 2, concurrency, Map.of("app.cpu-busy", busy, "app.memory-used", 2.3654823525E10), good,
        good ? List.of() : List.of("response-time: global p95 3000 >= 2000 ms"), "x", 0.5, false, 0,
        Reading.over(rows, List.of(CPU)));
  }

  @Test
  void aSearchInterruptedBeforeItsFirstStepWasJudgedSaysSoAndNotThatAStepBroke() {
    CapacitySettings settings = CapacitySettings.from(TestConfigs.settings("loadtest.capacity.journey", "Login"));
    ModelResult o = new ModelResult("open", Double.NaN, false, Double.NaN, "", "interrupted", null, null, List.of());
    assertEquals("not known: no step was judged (search ended by interrupted)", o.answer());
    CapacityReport r = CapacityReport.of(settings, "http://127.0.0.1:1", List.of("response-time: global p95 < 2000 ms"), 2000,
        Instant.parse("2026-01-01T00:00:00Z"), 12, List.of(o), List.of(), null, List.of(CPU));
    assertEquals("open model: no step was judged (search ended by interrupted)", r.limitedBy());
    assertFalse(r.answerLine().contains("broke"), r.answerLine());
  }

  @Test
  void answersLittlesLawAndAnOfflinePage() {
    CapacitySettings settings = CapacitySettings.from(TestConfigs.settings("loadtest.capacity.journey", "Login"));
    List<Step> open = List.of(step(1, "open", 5, 5, 210, 11, true), step(2, "open", 10, 10, 220, 22, true),
        step(3, "open", 20, 19.8, 400, 46, true), step(4, "open", 40, 20, 3000, 170, false));
    List<Step> closed = List.of(step(5, "closed", 50, 20, 900, 50, true), step(6, "closed", 100, 20, 3000, 100, false),
        step(7, "closed", 75, 20, 1800, 75, true));
    ModelResult o = new ModelResult("open", 20, false, 40, "response-time: global p95 3000 >= 2000 ms", "resolved",
        open.get(2), open.get(3), open);
    ModelResult c = new ModelResult("closed", 75, false, 100, "response-time: global p95 3000 >= 2000 ms", "resolved",
        closed.get(2), closed.get(1), closed);
    List<Step> all = new ArrayList<>(open);
    all.addAll(closed);
    CapacityReport r = CapacityReport.of(settings, "http://127.0.0.1:1", List.of("response-time: global p95 < 2000 ms"), 2000,
        Instant.parse("2026-01-01T00:00:00Z"), 120, List.of(o, c), all, null, List.of(CPU));

    // N = X (R + Z): 20 journeys/s x (75 in progress / 20 ended a second) = 75 users.
    assertEquals(75, r.littlesLaw().predictedUsers(), 1e-9);
    assertEquals(1.0, r.littlesLaw().ratio(), 1e-9);

    Map<String, Object> json = CapacityJson.tree(r);
    assertEquals(20.0, ((Map<?, ?>) json.get("maxRate")).get("journeysPerSecond"));
    assertEquals(20.0, ((Map<?, ?>) json.get("maxRate")).get("requestsPerSecond"));
    assertEquals(75L, json.get("maxConcurrentUsers"));
    assertTrue(json.get("limitedBy").toString().contains("open model: response-time"), json.get("limitedBy").toString());
    assertTrue(json.containsKey("usl"));
    assertEquals(7, ((List<?>) json.get("steps")).size());
    assertEquals(40.0, ((Map<?, ?>) ((Map<?, ?>) json.get("loads")).get("open")).get("failsAt"));
    // What ran out: the CPU, first at its limit at 20 logins/s (0.91 of 2 cores), 0.99 at 40.
    Map<?, ?> saturation = (Map<?, ?>) json.get("saturation");
    assertEquals("cpu", saturation.get("resource"));
    assertEquals(20.0, saturation.get("atLoad"));
    assertEquals("CPU: 0.91 of 2 cores at 20 logins/s, 0.99 at 40", saturation.get("evidence"));
    assertEquals(Map.of("cores", 2.0), saturation.get("sizes"));
    Map<?, ?> first = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) json.get("steps")).get(0)).get("resources")).get(0);
    assertEquals("below", first.get("state"), first.toString());
    assertEquals("CPU: 0.23 of 2 cores", first.get("text"));

    String html = CapacityHtml.render(r);
    // Every chart an svg.chart, every step a .point: 2 models x (throughput + latency) charts;
    // 7 steps on the throughput charts, 7 x (p50, p95, p99) on the latency charts.
    // ... and the CPU against load for each model (7 more points).
    assertEquals(6, count(html, "<svg class=\"chart\""), "charts");
    assertEquals(6, count(html, "<svg"), "every svg a chart");
    assertEquals(7 + 7 * 3 + 7, count(html, "class=\"point\""), "points");
    assertTrue(html.contains("What ran out first: CPU (app.cpu-busy): 0.91 of 2 cores at 20 logins/s, 0.99 at 40"), "in words");
    assertTrue(html.contains("app.memory-used 22.03 GiB") && !html.contains("E10"), "server figures with units");
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched");
    assertTrue(html.contains("SLO 2000 ms") && html.contains("knee 20"), "the SLO line and the knee");
    assertTrue(html.contains("succeeded") && html.contains("average response time"), "the plan's questions");
    assertTrue(r.answerLine().startsWith("[capacity] Login: highest rate within the SLOs 20 journeys/s"), r.answerLine());
    assertTrue(r.answerLine().contains("What ran out first: CPU (app.cpu-busy): 0.91 of 2 cores at 20 logins/s"), r.answerLine());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
