package interviews.loadtest.results.live;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.config.TestConfigs;
import interviews.loadtest.measure.SecondRow;
import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.RunInfo;
import interviews.loadtest.results.RunResults;
import interviews.loadtest.results.server.PrometheusText;
import interviews.loadtest.results.server.Presets;
import interviews.loadtest.testing.Await;
import java.net.ServerSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveEndpointTest {

  private static String get(String url) throws Exception {
    HttpClient c = HttpClient.newHttpClient();
    return c.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static double value(List<PrometheusText.Sample> s, String name) {
    return s.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name)).value();
  }

  @Test
  void servesTheLastSecondAndTheTotalsInPrometheusTextOnLoopback() throws Exception {
    try (LiveEndpoint live = LiveEndpoint.start(0, "Burst", "run-1")) {
      assertTrue(live.url().startsWith("http://127.0.0.1:"));
      live.update(new SecondRow(1, 0, 3, 0, 3, 10, 9, 0, 1, 2, 20, 95, 99, 120, 20, 90, 99, 110, Map.of("node.cpu-busy", 0.5)));
      live.update(new SecondRow(2, 0, 4, 1, 6, 20, 20, 0, 0, 1, 21, 96, 98, 99, 21, 96, 98, 99, Map.of("node.cpu-busy", 0.75)));
      List<PrometheusText.Sample> s = PrometheusText.parse(get(live.url()));
      Set<String> names = new HashSet<>();
      s.forEach(x -> names.add(x.name()));
      assertEquals(new HashSet<>(LiveEndpoint.NAMES), names);
      assertEquals(4, value(s, "loadtest_arrival_rate"));
      assertEquals(20, value(s, "loadtest_throughput"));
      assertEquals(96, value(s, "loadtest_p95_ms"));
      assertEquals(6, value(s, "loadtest_users_active"));
      assertEquals(7, value(s, "loadtest_journeys_started_total"));
      assertEquals(30, value(s, "loadtest_requests_total"));
      assertEquals(1, value(s, "loadtest_errors_total"));
      assertEquals(0.75, value(s, "loadtest_server_metric"));
      assertEquals("run-1", s.stream().filter(x -> x.name().equals("loadtest_run_info")).findFirst().orElseThrow()
          .labels().get("run_id"));
    }
  }

  @Test
  void aPortInUseIsOneLineAndNoEndpoint() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      assertNull(LiveEndpoint.start(taken.getLocalPort(), "Burst", "run-1"));
    }
  }

  @Test
  void aRunServesItsFiguresWhileItRuns(@TempDir Path dir) throws Exception {
    ResultsSettings settings = ResultsSettings.from(ConfigFactory.parseString(
        "loadtest.results { console-interval = 0s, prometheus.enabled = false, live.port = 0 }"));
    RunResults.begin(RunInfo.of("LiveSimulation", "http://127.0.0.1:1", "synthetic", Map.of(), List.of()), settings);
    try {
      RunResults.measurements().record("ok", 200, 12, false, null);
      String url = RunResults.liveUrl();
      assertNotNull(url);
      Await.until("the first second served", () -> {
        try {
          return get(url);
        } catch (Exception e) {
          return "";
        }
      }, t -> t.contains("loadtest_requests_total{simulation=\"LiveSimulation\"} 1"));
    } finally {
      RunResults.finishInto(dir);
    }
  }

  @Test
  void theGrafanaDashboardAsksOnlyForMetricsTheInjectorAndThePresetsExporterKnow() throws Exception {
    JsonNode d = new ObjectMapper().readTree(TestConfigs.ROOT.resolve("monitoring/grafana/loadtest-dashboard.json").toFile());
    StringBuilder known = new StringBuilder(String.join(" ", LiveEndpoint.NAMES));
    for (String p : Presets.NAMES) {
      known.append(' ').append(String.join(" ", Presets.of(p).metrics().values()));
    }
    Pattern metric = Pattern.compile("\\b(loadtest|node|pg|redis)_[A-Za-z0-9_]+");
    List<String> unknown = new ArrayList<>();
    int exprs = 0;
    for (JsonNode panel : d.path("panels")) {
      for (JsonNode t : panel.path("targets")) {
        exprs++;
        Matcher m = metric.matcher(t.path("expr").asText());
        while (m.find()) {
          if (!Pattern.compile("\\b" + m.group() + "\\b").matcher(known).find()) {
            unknown.add(m.group());
          }
        }
      }
    }
    assertTrue(exprs >= 10, "panels with queries: " + exprs);
    assertEquals(List.of(), unknown, "metric names that neither the injector nor a preset's exporter serves");
  }
}
