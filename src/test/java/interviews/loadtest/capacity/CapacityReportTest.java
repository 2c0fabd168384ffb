package interviews.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.config.TestConfigs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** capacity.json's answers and cross-checks, and capacity.html, from steps made up here. */
class CapacityReportTest {

  private static Step step(int number, String model, double load, double achieved, double p95, double concurrency, boolean good) {
    // One request a journey: as many sent a second as journeys started.
    return new Step(number, model, "bracket", load, number * 10L, 10, false, load, achieved, achieved, load, (long) (achieved * 10),
        0, p95 / 2, p95, p95 * 1.1, p95 / 2, concurrency, Map.of("cpu", 0.5), good,
        good ? List.of() : List.of("response-time: global p95 3000 >= 2000 ms"), "x", 0.5, false);
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
        Instant.parse("2026-01-01T00:00:00Z"), 120, List.of(o, c), all, null);

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

    String html = CapacityHtml.render(r);
    // Every chart an svg.chart, every step a .point: 2 models x (throughput + latency) charts;
    // 7 steps on the throughput charts, 7 x (p50, p95, p99) on the latency charts.
    assertEquals(4, count(html, "<svg class=\"chart\""), "charts");
    assertEquals(4, count(html, "<svg"), "every svg a chart");
    assertEquals(7 + 7 * 3, count(html, "class=\"point\""), "points");
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched");
    assertTrue(html.contains("SLO 2000 ms") && html.contains("knee 20"), "the SLO line and the knee");
    assertTrue(html.contains("succeeded") && html.contains("average response time"), "the plan's questions");
    assertTrue(r.answerLine().startsWith("[capacity] Login: highest rate within the SLOs 20 journeys/s"), r.answerLine());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
