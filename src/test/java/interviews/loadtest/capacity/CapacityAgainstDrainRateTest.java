package interviews.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import interviews.loadtest.simulations.CapacitySimulation;
import interviews.loadtest.testing.GatlingRunner;
import interviews.loadtest.testing.RunProperties;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search against a bottleneck no request waits for: the embedded target with 2 notification
 * workers at 500 ms a job sends at most 4 notifications a second, one per booking, while it
 * answers every request at once (8 handlers, cheap hashing). The Booking journey waits for its
 * notification, so above 4 bookings a second its requests are all answered but the notification
 * queue and the journeys in progress grow. The search must find the rate the workers drain,
 * 4 journeys/s ± 10 %, and hold no step above 4.4 journeys/s. The target's metrics are scraped
 * every second, so its queue-depth (a backlog: "grows 15s") has a sample every second of a step.
 * The judged windows last 15 s: the longer the window, the surer a line through it, and a step
 * 12 % above the drain rate (its queue growing 0.5 a second where 0.2 are allowed) must break.
 * No assertion is about how fast the machine is: the workers' pace is set, not measured.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CapacityAgainstDrainRateTest {

  /** Bookings a second the workers deliver: 2 workers / 0.5 s. */
  private static final double DRAIN = 2 / 0.5;

  @TempDir
  Path results;

  @RegisterExtension
  final RunProperties properties = new RunProperties();

  @Test
  void twoWorkersOf500msDrainFourBookingsASecondAndTheSearchFindsThat() throws Exception {
    Map<String, String> p = new LinkedHashMap<>(RunProperties.PATIENT_HEALTH_CHECK);
    p.put("reference-target.notifications.workers", "2");
    p.put("reference-target.notifications.job-delay", "500ms");
    p.put("reference-target.seed.hash-iterations", "1000");
    p.put("loadtest.results.prometheus.interval", "1s");
    p.put("loadtest.capacity.journey", "Booking");
    p.put("loadtest.capacity.models.0", "open");
    p.put("loadtest.capacity.open.start-rate", "1.5");
    p.put("loadtest.capacity.warm-up", "4s");
    p.put("loadtest.capacity.step", "15s");
    p.put("loadtest.capacity.drain-timeout", "20s");
    p.put("loadtest.capacity.max-duration", "210s");
    properties.set(p);
    GatlingRunner.Result r = GatlingRunner.run(CapacitySimulation.class, results, false);
    assertEquals(0, r.exitCode(), "the search ran to its end: " + r.failure());
    JsonNode c = new ObjectMapper().readTree(r.runDirectory().resolve("capacity.json").toFile());

    JsonNode rate = c.path("maxRate");
    double found = rate.path("journeysPerSecond").asDouble();
    assertFalse(rate.path("atLeast").asBoolean(), c.toPrettyString());
    assertTrue(Math.abs(found - DRAIN) <= 0.10 * DRAIN,
        "max rate " + found + ", the workers drain " + DRAIN + " ± 10 %: " + rate + " " + c.path("steps"));
    for (JsonNode step : c.path("steps")) {
      assertFalse(step.path("good").asBoolean() && step.path("offered").asDouble() > 1.1 * DRAIN,
          "a step above 4.4 journeys/s held: " + step);
    }
    assertFalse(rate.path("limitedBy").asText().isEmpty(), "what ended it");
  }
}
