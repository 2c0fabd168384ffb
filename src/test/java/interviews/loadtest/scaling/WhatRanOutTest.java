package interviews.loadtest.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.reference.ReferenceTarget;
import interviews.loadtest.simulations.CapacitySimulation;
import interviews.loadtest.testing.GatlingRunner;
import interviews.loadtest.testing.LocalDeployment;
import interviews.loadtest.testing.RunProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ran out, seen the way a deployment is seen: the reference target on PostgreSQL, its
 * notification jobs on a Redis broker, its own /metrics not read; the only view of the servers is
 * Debian's node_exporter, postgres_exporter and redis_exporter, named as sources. Three stacks whose
 * bottleneck is known by construction, each searched by a capacity search whose scaling plan must
 * name it: logins that cost CPU (PBKDF2 hashing) run out of CPU; requests that hold a database
 * connection for 250 ms against a PostgreSQL of 8 connections run out of database connections; two
 * notification workers of 500 ms a job (a drain of 4 bookings a second) run out of background
 * workers, and the search finds the rate they drain within ±10 %. No assertion is about how fast
 * the machine is.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class WhatRanOutTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path results;

  @TempDir
  Path logs;

  @RegisterExtension
  final RunProperties properties = new RunProperties();

  private record Found(JsonNode capacity, JsonNode plan) {
    String resource() {
      return plan.path("saturatedFirst").path("resource").asText();
    }

    String figures() {
      return capacity.path("saturation").toPrettyString() + "\nplan: " + plan.path("saturatedFirst").toPrettyString()
          + "\n" + plan.path("vm").path("choice").asText();
    }
  }

  /** Starts the web tier on the deployment with {@code target} settings and searches it. */
  private Found search(LocalDeployment d, Map<String, Object> target, Map<String, String> search) throws Exception {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("database.jdbc-url", d.jdbcUrl());
    t.put("database.username", "postgres");
    t.put("database.password", "");
    t.put("notifications.broker-url", d.brokerUrl());
    t.put("seed.slots", 4000);
    t.put("seed.users-file", "simulations-data/users.csv");
    t.putAll(target);
    try (ReferenceTarget web = ReferenceTarget.start(ConfigFactory.parseMap(t)
        .withFallback(ConfigFactory.parseResources("reference-target.conf").getConfig("reference-target")))) {
      Map<String, String> p = new LinkedHashMap<>(RunProperties.PATIENT_HEALTH_CHECK);
      p.put("loadtest.target.base-url", web.baseUrl());
      p.putAll(d.sources());
      p.put("loadtest.capacity.models.0", "open");
      p.put("loadtest.capacity.warm-up", "3s");
      p.put("loadtest.capacity.step", "8s");
      p.put("loadtest.capacity.drain-timeout", "30s");
      p.putAll(search);
      properties.set(p);
      GatlingRunner.Result r = GatlingRunner.run(CapacitySimulation.class, results, false);
      assertEquals(0, r.exitCode(), "the search ran to its end: " + r.failure());
      Path plan = r.runDirectory().resolve(ScalingPlan.JSON);
      assertTrue(Files.isRegularFile(plan), "the search wrote its plan: " + r.runDirectory());
      Found f = new Found(JSON.readTree(r.runDirectory().resolve("capacity.json").toFile()), JSON.readTree(plan.toFile()));
      System.out.println("[what ran out] " + f.figures());
      return f;
    }
  }

  @Test
  void loginsThatCostCpuRunOutOfCpu() throws Exception {
    try (LocalDeployment d = LocalDeployment.start(40, logs)) {
      Found f = search(d, Map.of("handlers.count", 8, "seed.hash-iterations", 100000), Map.of(
          "loadtest.capacity.journey", "Login",
          "loadtest.capacity.open.start-rate", "4",
          "loadtest.capacity.warm-up", "6s",
          "loadtest.capacity.max-duration", "150s"));
      assertFalse(f.capacity().path("maxRate").path("atLeast").asBoolean(), "a limit was found: " + f.figures());
      assertEquals("cpu", f.resource(), f.figures());
      assertEquals("cpu", f.capacity().path("saturation").path("resource").asText(), f.figures());
      assertEquals(Runtime.getRuntime().availableProcessors(),
          f.capacity().path("saturation").path("sizes").path("cores").asDouble(), 0.01, "node_exporter counted the cores");
      assertTrue(f.plan().path("saturatedFirst").path("evidence").asText().startsWith("CPU: "), f.figures());
    }
  }

  @Test
  void requestsThatHoldAConnectionRunOutOfDatabaseConnections() throws Exception {
    try (LocalDeployment d = LocalDeployment.start(8, logs)) {
      Found f = search(d, Map.of("handlers.count", 24, "seed.hash-iterations", 1000, "database.pool-size", 24,
          "database.min-idle", 1, "database.query-time", "250ms", "database.connection-timeout", "2s"), Map.of(
          "loadtest.capacity.journey", "Login",
          "loadtest.capacity.open.start-rate", "4",
          "loadtest.capacity.max-duration", "150s",
          // 8 connections leave little to reserve for administration: the plan's budget keeps 2.
          "loadtest.scaling.database.reserve", "2"));
      assertEquals("db-connections", f.resource(), f.figures());
      assertEquals(8, f.capacity().path("saturation").path("sizes").path("max-connections").asDouble(), 0.01,
          "postgres_exporter read max_connections");
      assertTrue(f.plan().path("vm").path("choice").asText().startsWith("neither"), f.figures());
    }
  }

  @Test
  void slowNotificationJobsRunOutOfBackgroundWorkersAndTheSearchFindsTheirDrainRate() throws Exception {
    int workers = 2;
    double jobSeconds = 0.5;
    double drain = workers / jobSeconds;
    try (LocalDeployment d = LocalDeployment.start(40, logs)) {
      Map<String, String> search = new LinkedHashMap<>(RunProperties.FAST_RECRUITERS);
      search.put("loadtest.capacity.journey", "Booking");
      search.put("loadtest.capacity.open.start-rate", "1.5");
      search.put("loadtest.capacity.step", "12s");
      search.put("loadtest.capacity.max-duration", "240s");
      Found f = search(d, Map.of("handlers.count", 8, "seed.hash-iterations", 1000, "notifications.workers", workers,
          "notifications.job-delay", "500ms"), search);
      double found = f.capacity().path("maxRate").path("journeysPerSecond").asDouble();
      String figures = String.format(Locale.ROOT, "found %s bookings/s, drain %s: %s", found, drain, f.figures());
      assertTrue(Math.abs(found - drain) <= 0.10 * drain, "within ±10 % of the drain rate: " + figures);
      assertEquals("queue", f.resource(), figures);
      assertTrue(f.plan().path("vm").path("choice").asText().contains("Celery"), figures);
    }
  }
}
