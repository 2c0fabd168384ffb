package interviews.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import interviews.loadtest.simulations.CapacitySimulation;
import interviews.loadtest.testing.RunProperties;
import interviews.loadtest.testing.GatlingRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search against a target whose ceiling is known: the embedded reference target with W
 * handlers and a service time S on login only serves at most W / S logins a second, and the Login
 * journey sends one login. The found rate must be within ±10 % of that truth, and the users the
 * closed model finds within ±15 % of what Little's law predicts from it. Hashing is made cheap
 * (1,000 iterations) so that the service time, not the CPU the load generator shares, is the
 * limit. The steps are short (3 s warm-up, 6 s judged): the search judges requests, whose counts
 * are exact even over a few seconds. No assertion is about how fast the machine is.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CapacityAgainstKnownCeilingTest {

  @TempDir
  Path results;

  @RegisterExtension
  final RunProperties properties = new RunProperties();

  private JsonNode search(int handlers, Map<String, String> more) throws Exception {
    Map<String, String> p = new LinkedHashMap<>(RunProperties.PATIENT_HEALTH_CHECK);
    p.put("reference-target.handlers.count", String.valueOf(handlers));
    p.put("reference-target.service-time.login", "200ms");
    p.put("reference-target.seed.hash-iterations", "1000");
    p.put("loadtest.capacity.journey", "Login");
    p.put("loadtest.capacity.warm-up", "3s");
    p.put("loadtest.capacity.step", "6s");
    p.put("loadtest.capacity.drain-timeout", "10s");
    p.putAll(more);
    properties.set(p);
    GatlingRunner.Result r = GatlingRunner.run(CapacitySimulation.class, results, false);
    assertEquals(0, r.exitCode(), "the search ran to its end: " + r.failure());
    Path json = r.runDirectory().resolve("capacity.json");
    assertTrue(Files.isRegularFile(json), "capacity.json in " + r.runDirectory());
    String html = Files.readString(r.runDirectory().resolve("capacity.html"));
    assertTrue(html.contains("<svg") && !html.contains("<script") && !html.contains("src=\"http"), "an offline page");
    return new ObjectMapper().readTree(json.toFile());
  }

  private static void assertWithin(double truth, double share, double found, String what) {
    assertTrue(Math.abs(found - truth) <= share * truth,
        what + ": found " + found + ", truth " + truth + " ± " + Math.round(share * 100) + " %");
  }

  @Test
  void fourHandlersOf200msServeTwentyLoginsASecond() throws Exception {
    JsonNode c = search(4, Map.of(
        "loadtest.capacity.models.0", "open",
        "loadtest.capacity.open.start-rate", "8",
        "loadtest.capacity.max-duration", "100s"));
    JsonNode rate = c.path("maxRate");
    assertFalse(rate.path("atLeast").asBoolean(), c.toPrettyString());
    assertWithin(4 / 0.2, 0.10, rate.path("journeysPerSecond").asDouble(), "max rate, W=4, S=200ms");
    assertWithin(4 / 0.2, 0.10, rate.path("requestsPerSecond").asDouble(), "its requests a second (one per journey)");
    assertFalse(rate.path("limitedBy").asText().isEmpty(), "what ended it");
    assertTrue(c.path("steps").size() >= 3, "steps[]");
  }

  @Test
  void eightHandlersOf200msServeFortyLoginsASecondAndTheUsersFollowLittlesLaw() throws Exception {
    JsonNode c = search(8, Map.of(
        "loadtest.capacity.open.start-rate", "10",
        "loadtest.capacity.closed.start-users", "50",
        "loadtest.capacity.closed.max-users", "400",
        "loadtest.capacity.max-duration", "170s"));
    double rate = c.path("maxRate").path("journeysPerSecond").asDouble();
    assertWithin(8 / 0.2, 0.10, rate, "max rate, W=8, S=200ms");
    assertTrue(c.path("maxConcurrentUsers").isNumber(), c.toPrettyString());
    JsonNode little = c.path("littlesLaw");
    assertWithin(little.path("predictedUsers").asDouble(), 0.15, c.path("maxConcurrentUsers").asDouble(),
        "users against Little's law N = X (R + Z)");
    JsonNode usl = c.path("usl");
    for (String field : List.of("sigma", "kappa", "lambda")) {
      assertTrue(usl.path(field).isNumber(), field + " in " + usl);
    }
    assertTrue(usl.has("peakConcurrency"), usl.toString());
    JsonNode step = c.path("steps").get(0);
    for (String field : List.of("offered", "achieved", "p50", "p95", "p99", "errorRate", "server")) {
      assertTrue(step.has(field), field + " in " + step);
    }
  }
}
