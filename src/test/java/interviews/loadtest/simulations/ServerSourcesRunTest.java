package interviews.loadtest.simulations;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import interviews.loadtest.results.SummarySchema;
import interviews.loadtest.results.server.Presets;
import interviews.loadtest.results.server.ServerMetricsSampler;
import interviews.loadtest.testing.RunProperties;
import interviews.loadtest.testing.LocalProgram;
import java.net.URI;
import java.time.Duration;
import interviews.loadtest.testing.GatlingRunner;
import interviews.loadtest.testing.MetricsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Smoke run with named server sources set the way a user sets them (-D): one is sampled
 * into series.csv, summary.json and the saturation sentence; one the guard refuses is said and
 * recorded, and the run passes all the same; a short Burst is watched through a real
 * node_exporter from its first second to its last.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ServerSourcesRunTest {

  @TempDir
  Path results;

  @RegisterExtension
  final RunProperties properties = new RunProperties();

  @Test
  void aSmokeRunSamplesItsSourcesSaysTheRefusedOneAndPasses() throws Exception {
    try (MetricsServer db = new MetricsServer(() -> """
        pg_stat_activity_count{datname="app",state="active"} 18
        pg_stat_activity_count{datname="app",state="idle"} 1
        pg_settings_max_connections 20
        """)) {
      properties.set(RunProperties.with(RunProperties.FAST_RECRUITERS, Map.of(
          "loadtest.results.prometheus.interval", "500ms",
          "loadtest.results.live.port", "0",
          "loadtest.results.sources.db.preset", "postgres",
          "loadtest.results.sources.db.url", db.url(),
          "loadtest.results.sources.far.preset", "node",
          "loadtest.results.sources.far.url", "http://prod.stub.invalid:9100/metrics")));
      GatlingRunner.Result result = GatlingRunner.run(SmokeSimulation.class, results);
      assertEquals(0, result.exitCode(), "a refused source fails no run");

      JsonNode summary = SummarySchema.assertValid(result.runDirectory().resolve("summary.json"));
      assertEquals("sampled", summary.at("/sources/db/status").asText());
      assertEquals(0.95, summary.at("/sources/db/metrics/connections-share/stats/max").asDouble());
      assertTrue(summary.at("/sources/far/status").asText().startsWith("refused: "), summary.path("sources").toString());
      assertEquals("db.connections-share", summary.at("/saturation/first/metric").asText(),
          summary.path("saturation").toString());
      String header = Files.readAllLines(result.runDirectory().resolve("series.csv")).get(0);
      assertTrue(header.contains(",ok_max_ms,db.connections,"), header);
      assertTrue(header.endsWith(",far.load1"), header);
    }
  }

  @Test
  void aShortBurstIsWatchedThroughARealNodeExporterAllAlong(@TempDir Path logs) throws Exception {
    Path exporter = LocalProgram.require("prometheus-node-exporter", "prometheus-node-exporter");
    int port = LocalProgram.freePort();
    try (LocalProgram node = LocalProgram.start("node_exporter", List.of(exporter.toString(),
        "--web.listen-address=127.0.0.1:" + port), Map.of(), logs).awaitPort(port)) {
      String url = "http://127.0.0.1:" + port + "/metrics";
      // The machine before the load: the least busy of a few one-second looks.
      ServerMetricsSampler before = new ServerMetricsSampler("before", URI.create(url), Duration.ofSeconds(1),
          Duration.ofSeconds(5), Map.of("busy", Presets.of("node").metrics().get("cpu-busy")), null);
      double idle = Double.MAX_VALUE;
      for (int i = 0; i < 4; i++) {
        Double v = before.scrapeOnce().values().get("busy");
        if (v != null) {
          idle = Math.min(idle, v);
        }
        Thread.sleep(1000);
      }
      properties.set(RunProperties.with(RunProperties.FAST_RECRUITERS, Map.of(
          "loadtest.profiles.burst.ramp", "0s",
          "loadtest.profiles.burst.hold", "15s",
          "loadtest.results.live.port", "0",
          "loadtest.results.sources.node.preset", "node",
          "loadtest.results.sources.node.url", url,
          "loadtest.results.sources.node.interval", "1s")));
      GatlingRunner.Result result = GatlingRunner.run(BurstSimulation.class, results);
      assertEquals(0, result.exitCode());
      JsonNode node0 = SummarySchema.assertValid(result.runDirectory().resolve("summary.json")).at("/sources/node");
      assertEquals(0, node0.path("gaps").asLong(), node0.toString());
      assertTrue(node0.at("/metrics/cpu-busy/stats/samples").asLong() >= 10, node0.toString());
      // Under the Burst the machine was at least as busy as at its quietest before it.
      assertTrue(node0.at("/metrics/cpu-busy/stats/max").asDouble() >= idle, idle + " idle; " + node0);
    }
  }
}
