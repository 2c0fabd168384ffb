package interviews.loadtest.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.reference.ReferenceCluster;
import interviews.loadtest.simulations.CapacitySimulation;
import interviews.loadtest.testing.RunProperties;
import interviews.loadtest.testing.GatlingRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's prediction comes true: the reference target as N instances behind one round-robin
 * balancer on one shared database. A capacity search measures 1 instance of 4 handlers (login
 * 200 ms of service time: the handlers, not the CPU, are the limit, and hashing is cheap); its plan
 * predicts 2 such instances (more VMs) and 1 instance of twice the handlers (a VM twice as big);
 * both are then measured by the same search, and each prediction must be within ±15 % of its
 * measurement. The one test in the suite whose truth is a measured figure; its margins hold on a
 * busy 2-core machine because service time dominates. No assertion is about how fast the machine is.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class ScalingPredictionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HANDLERS = 4;
  private static final double SERVICE_SECONDS = 0.2;

  @TempDir
  Path results;

  @RegisterExtension
  final RunProperties properties = new RunProperties();

  @Test
  void twoInstancesAndTwiceTheHandlersServeWhatThePlanPredicts() throws Exception {
    Measured one = search(1, HANDLERS, 8, "100s");
    assertEquals("web-workers", one.plan.path("saturatedFirst").path("resource").asText(), one.plan.toPrettyString());
    double predictedTwo = one.plan.path("vm").path("predictions").path("twoInstances").path("journeysPerSecond").asDouble();
    double predictedTwice = one.plan.path("vm").path("predictions").path("twiceTheVm").path("journeysPerSecond").asDouble();

    Measured two = search(2, HANDLERS, 12, "110s");
    Measured twice = search(1, 2 * HANDLERS, 12, "110s");

    String figures = String.format(Locale.ROOT, "1 instance of %d handlers: %s logins/s (truth %s); 2 instances: predicted"
            + " %s, measured %s; 1 instance of %d handlers: predicted %s, measured %s", HANDLERS, one.rate,
        HANDLERS / SERVICE_SECONDS, predictedTwo, two.rate, 2 * HANDLERS, predictedTwice, twice.rate);
    System.out.println("[scaling] " + figures);
    assertWithin(two.rate, predictedTwo, "2 instances behind the balancer: " + figures);
    assertWithin(twice.rate, predictedTwice, "twice the handlers: " + figures);
  }

  private static void assertWithin(double measured, double predicted, String what) {
    assertTrue(measured > 0 && Math.abs(predicted - measured) <= 0.15 * measured,
        what + " (prediction within ±15 % of the measurement)");
  }

  private record Measured(double rate, JsonNode plan) {}

  /** One open-model Login search against {@code instances} instances of {@code handlers} handlers. */
  private Measured search(int instances, int handlers, double startRate, String maxDuration) throws Exception {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("handlers.count", handlers);
    target.put("service-time.login", "200ms");
    target.put("seed.hash-iterations", 1000);
    try (ReferenceCluster cluster = ReferenceCluster.start(ConfigFactory.parseMap(target), instances)) {
      Map<String, String> p = new LinkedHashMap<>(RunProperties.PATIENT_HEALTH_CHECK);
      p.put("loadtest.target.base-url", cluster.baseUrl());
      p.put("loadtest.capacity.journey", "Login");
      p.put("loadtest.capacity.models.0", "open");
      p.put("loadtest.capacity.open.start-rate", String.valueOf(startRate));
      p.put("loadtest.capacity.warm-up", "3s");
      p.put("loadtest.capacity.step", "6s");
      p.put("loadtest.capacity.drain-timeout", "10s");
      p.put("loadtest.capacity.max-duration", maxDuration);
      // What the plan cannot see from outside: this machine's cores, the instances and their handlers.
      p.put("loadtest.scaling.measured.vcpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
      p.put("loadtest.scaling.measured.instances", String.valueOf(instances));
      p.put("loadtest.scaling.measured.gunicorn-workers", String.valueOf(handlers));
      p.put("loadtest.scaling.measured.gunicorn-threads", "1");
      // The web workers' limit, as the embedded target gets it by itself: requests in flight at 0.85 of the handlers.
      p.put("loadtest.results.prometheus.saturation.in-flight", ">= " + 0.85 * handlers);
      properties.set(p);
      try {
        GatlingRunner.Result r = GatlingRunner.run(CapacitySimulation.class, results, false);
        assertEquals(0, r.exitCode(), "the search ran to its end: " + r.failure());
        JsonNode capacity = JSON.readTree(r.runDirectory().resolve("capacity.json").toFile());
        Path plan = r.runDirectory().resolve(ScalingPlan.JSON);
        assertTrue(Files.isRegularFile(plan), "the search wrote its plan: " + r.runDirectory());
        assertTrue(Files.isRegularFile(r.runDirectory().resolve(ScalingPlan.MARKDOWN)), "and its page");
        JsonNode rate = capacity.path("maxRate");
        assertFalse(rate.path("atLeast").asBoolean(), "a limit was found: " + capacity.toPrettyString());
        return new Measured(rate.path("journeysPerSecond").asDouble(), JSON.readTree(plan.toFile()));
      } finally {
        properties.clear();
      }
    }
  }
}
