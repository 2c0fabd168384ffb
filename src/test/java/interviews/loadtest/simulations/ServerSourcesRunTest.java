package interviews.loadtest.simulations;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import interviews.loadtest.results.SummarySchema;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.GatlingRunner;
import interviews.loadtest.testing.MetricsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Smoke run with named server sources set the way a user sets them (-D): one is sampled
 * into series.csv, summary.json and the saturation sentence; one the guard refuses is said and
 * recorded, and the run passes all the same.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ServerSourcesRunTest {

  @TempDir
  Path results;

  private List<String> setKeys = List.of();

  @AfterEach
  void clearProperties() {
    setKeys.forEach(System::clearProperty);
  }

  @Test
  void aSmokeRunSamplesItsSourcesSaysTheRefusedOneAndPasses() throws Exception {
    try (MetricsServer db = new MetricsServer(() -> """
        pg_stat_activity_count{datname="app",state="active"} 18
        pg_stat_activity_count{datname="app",state="idle"} 1
        pg_settings_max_connections 20
        """)) {
      Map<String, String> props = new HashMap<>(Map.of(
          "loadtest.think-time.min", "100ms",
          "loadtest.think-time.max", "300ms",
          "loadtest.booking.notification.poll-interval", "200ms",
          "loadtest.target.health-check-timeout", Await.PATIENCE.toSeconds() + "s",
          "loadtest.results.prometheus.interval", "500ms",
          "loadtest.results.live.port", "0",
          "loadtest.results.sources.db.preset", "postgres",
          "loadtest.results.sources.db.url", db.url(),
          "loadtest.results.sources.far.preset", "node",
          "loadtest.results.sources.far.url", "http://prod.stub.invalid:9100/metrics"));
      setKeys = List.copyOf(props.keySet());
      props.forEach(System::setProperty);
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
}
