package interviews.loadtest.config;

import static interviews.loadtest.config.TestConfigs.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import interviews.loadtest.slo.DriftPlan;
import interviews.loadtest.slo.DriftSlo;
import interviews.loadtest.slo.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** loadtest.drift: the windows, the drift SLOs of three kinds, their overrides, each wrong value in one line. */
class DriftSloSettingsTest {

  @Test
  void theDefaultsJudgeLatencyCreepErrorsPerWindowAndThreeServerSlopes() {
    DriftPlan plan = suite().drift();
    assertEquals(Duration.ofMinutes(2), plan.warmUp());
    assertEquals(Duration.ofMinutes(10), plan.window());
    assertEquals(50, plan.minRequests());
    assertEquals(Duration.ofMinutes(22), plan.shortestJudged());
    assertEquals(List.of(
            new DriftSlo.ServerGrowth("db-connection-growth", "db-active", 1),
            new DriftSlo.ErrorsPerWindow("errors-per-window", 0.01),
            new DriftSlo.LatencyCreep("latency-creep", "global", Metric.P95, 1.25, 50),
            new DriftSlo.ServerGrowth("memory-growth", "heap-after-gc", 64 * 1024 * 1024),
            new DriftSlo.ServerGrowth("queue-growth", "queue-depth", 10)),
        plan.slos());
  }

  @Test
  void eachFieldCanBeSetAndADriftSloAddedOrRemoved(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mine.conf");
    Files.writeString(file, "loadtest.drift.slo.queue-growth = null\n");
    DriftPlan plan = suite(
        "loadtest.config-file", file.toString(),
        "loadtest.drift.warm-up", "30s",
        "loadtest.drift.window", "5m",
        "loadtest.drift.slo.latency-creep.metric", "p99",
        "loadtest.drift.slo.latency-creep.at-most", "1.5",
        "loadtest.drift.slo.latency-creep.tolerance", "0ms",
        "loadtest.drift.slo.login-creep.kind", "latency-creep",
        "loadtest.drift.slo.login-creep.scope", "Log in",
        "loadtest.drift.slo.login-creep.metric", "p95",
        "loadtest.drift.slo.login-creep.at-most", "2",
        "loadtest.drift.slo.login-creep.tolerance", "100ms",
        "loadtest.drift.slo.memory-growth.below-per-hour", "1GiB").drift();
    assertEquals(Duration.ofSeconds(30), plan.warmUp());
    assertEquals(Duration.ofMinutes(5), plan.window());
    assertEquals(List.of("db-connection-growth", "errors-per-window", "latency-creep", "login-creep", "memory-growth"),
        plan.slos().stream().map(DriftSlo::name).toList());
    assertEquals(new DriftSlo.LatencyCreep("latency-creep", "global", Metric.P99, 1.5, 0), plan.slos().get(2));
    assertEquals(new DriftSlo.LatencyCreep("login-creep", "Log in", Metric.P95, 2, 100), plan.slos().get(3));
    assertEquals(1024.0 * 1024 * 1024, plan.slos().get(4).limit());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "loadtest.drift.window | 0s | loadtest.drift.window = '0s': must be a duration from 1s to 24h",
      "loadtest.drift.window | 1500ms | loadtest.drift.window = '1500ms': must be a whole number of seconds, such as 30s or 10m",
      "loadtest.drift.warm-up | soon | loadtest.drift.warm-up = 'soon': must be a duration such as 500ms, 30s or 10m",
      "loadtest.drift.min-requests | 0 | loadtest.drift.min-requests = '0': must be a number from 1 to 1000000",
      "loadtest.drift.slo.latency-creep.at-most | 0.9 | loadtest.drift.slo.latency-creep.at-most = '0.9': must be a number from 1 to 1000",
      "loadtest.drift.slo.latency-creep.metric | mean | loadtest.drift.slo.latency-creep.metric = 'mean': must be a latency percentile (p50, p95, p99, p99.9) or max",
      "loadtest.drift.slo.latency-creep.metric | error-rate | loadtest.drift.slo.latency-creep.metric = 'error-rate': must be a latency percentile (p50, p95, p99, p99.9) or max",
      "loadtest.drift.slo.latency-creep.tolerance | -1s | loadtest.drift.slo.latency-creep.tolerance = '-1s': must be a duration from 0s to 1h",
      "loadtest.drift.slo.errors-per-window.below-percent | 101 | loadtest.drift.slo.errors-per-window.below-percent = '101': must be a number from 0 to 100",
      "loadtest.drift.slo.db-connection-growth.below-per-hour | 0 | loadtest.drift.slo.db-connection-growth.below-per-hour = '0': must be a number above 0, or a size such as 64MiB for memory",
      "loadtest.drift.slo.memory-growth.below-per-hour | lots | loadtest.drift.slo.memory-growth.below-per-hour = 'lots': must be a number above 0, or a size such as 64MiB for memory",
      "loadtest.drift.slo.queue-growth.metric | Queue Depth | loadtest.drift.slo.queue-growth.metric = 'Queue Depth': must be a server metric's key such as db-active, heap-after-gc or a source's broker.queued",
      "loadtest.drift.slo.queue-growth.kind | slope | loadtest.drift.slo.queue-growth.kind = 'slope': must be one of latency-creep, errors-per-window, server-growth",
      "loadtest.drift.slo.queue-growth.at-most | 2 | unknown setting loadtest.drift.slo.queue-growth.at-most; a server-growth drift SLO has kind, metric, below-per-hour",
      "loadtest.drift.slo.latency-creep.tolerence | 5ms | unknown setting loadtest.drift.slo.latency-creep.tolerence; a latency-creep drift SLO has kind, scope, metric, at-most, tolerance; did you mean tolerance?",
      "loadtest.drift.slo.leak | 5 | loadtest.drift.slo.leak = '5': must be a drift SLO: { kind = latency-creep, errors-per-window or server-growth, and the kind's fields }",
      "loadtest.drift.windw | 5m | unknown setting loadtest.drift.windw (from -D); did you mean loadtest.drift.window?",
  })
  void aWrongValueIsRefusedInOneLineNamingItsKey(String key, String value, String message) {
    SettingError e = assertThrows(SettingError.class, () -> suite(key, value));
    assertEquals(message, e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aNewDriftSloWithoutAFieldIsRefusedNamingIt() {
    assertEquals("loadtest.drift.slo.pending-growth.below-per-hour is missing: a server-growth drift SLO has kind, "
        + "metric, below-per-hour", assertThrows(SettingError.class, () -> suite(
            "loadtest.drift.slo.pending-growth.kind", "server-growth",
            "loadtest.drift.slo.pending-growth.metric", "db-pending")).getMessage());
    assertEquals("loadtest.drift.slo.pending-growth.kind is missing", assertThrows(SettingError.class, () -> suite(
        "loadtest.drift.slo.pending-growth.metric", "db-pending")).getMessage());
  }
}
