package interviews.loadtest.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.measure.ErrorCause;
import interviews.loadtest.measure.Measurements;
import interviews.loadtest.results.RunResults;
import interviews.loadtest.measure.SecondRow;
import interviews.loadtest.reference.ReferenceTarget;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.GatlingReport;
import interviews.loadtest.testing.GatlingRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short Burst, in this JVM, against a reference target the test starts and then breaks through
 * its knobs once the run has answered its first requests: killed, answering 500s, answering after
 * 10 s. Every run must end by itself, still write Gatling's report and the results files, name the
 * cause of its errors, and exit non-zero. The fault follows an event of the run, not a time, and
 * no assertion depends on how quick the machine is; the timeout only stops a run that would hang.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TargetFaultsTest {

  /** How long the burst holds its rate. */
  private static final Duration HOLD = Duration.ofSeconds(6);
  /** Requests the run completes (as its per-second rows count them) before the fault. */
  private static final int REQUESTS_BEFORE_FAULT = 3;
  /**
   * Gatling's maxDuration. Only the run against 10 s answers reaches it: its journeys of several
   * 10 s requests each could not end before it, however quick the machine, and requests sent right
   * after the fault have 20 s to spare to complete.
   */
  private static final Duration MAX_DURATION = Duration.ofSeconds(30);

  @TempDir
  Path results;

  private final List<String> setKeys = new java.util.ArrayList<>();

  @AfterEach
  void clearProperties() {
    setKeys.forEach(System::clearProperty);
    setKeys.clear();
    ConfigFactory.invalidateCaches(); // Gatling reads system properties through Typesafe Config's cache
  }

  /** What one faulty run left behind. */
  private record Run(GatlingRunner.Result result, Duration wall, JsonNode summary, GatlingReport report) {
    long cause(String cause) {
      return summary.at("/global/errorsByCause").path(cause).asLong();
    }
  }

  @Test
  void aTargetKilledMidRunGivesConnectionErrorsAndTheRunStillEndsWithItsResults() throws Exception {
    Run run = runAgainst(target -> target.close(), Map.of());
    assertTrue(run.report().global().ko() > 0, run.report().rows().toString());
    assertTrue(run.cause(ErrorCause.CONNECTION_REFUSED) > 0, run.summary().at("/global/errorsByCause").toString());
    assertEquals(run.summary().at("/global/ko").asLong(), run.summary().at("/global/noResponse").asLong()
        + run.summary().at("/global/errorsByCause").path(ErrorCause.HTTP_5XX).asLong()
        + run.summary().at("/global/errorsByCause").path(ErrorCause.CHECK_FAILED).asLong(),
        "every error is a connection failure, or a 503 of the closing target, or a journey check");
    assertEquals(0, run.cause(ErrorCause.NO_RESPONSE), "every connection failure has its cause");
    assertSloFailed(run, "errorRate");
  }

  @Test
  void aTargetAnswering500sGivesHttp5xxErrors() throws Exception {
    Run run = runAgainst(target -> target.knobs().errorRate(1.0), Map.of());
    assertTrue(run.report().global().ko() > 0);
    long ko = run.summary().at("/global/ko").asLong();
    assertEquals(ko, run.cause(ErrorCause.HTTP_5XX), run.summary().at("/global/errorsByCause").toString());
    assertEquals(ko, run.summary().at("/global/errorsByStatus/500").asLong());
    assertSloFailed(run, "errorRate");
  }

  @Test
  void aTargetAnsweringAfter10SecondsIsCutAtTheMaximumDurationAndBreachesTheLatencySlo() throws Exception {
    Run run = runAgainst(target -> target.knobs().latencyMs(10_000), Map.of());
    assertTrue(run.wall().compareTo(Duration.ofSeconds(10)) > 0, "the run waited for slow answers: " + run.wall());
    long started = run.summary().at("/journeys/started").asLong();
    assertTrue(run.summary().at("/journeys/ended").asLong() < started,
        "cut at the maximum duration with journeys under way, not run to their end: " + run.summary().at("/journeys"));
    assertTrue(run.summary().at("/global/latencyMs/max").asLong() >= 10_000, run.summary().at("/global/latencyMs").toString());
    assertTrue(run.report().global().max() >= 10_000, "Gatling's report saw the 10 s answers too");
    assertSloFailed(run, "p95");
  }

  @Test
  void answersSlowerThanTheRequestTimeoutAreCountedAsTimeouts() throws Exception {
    Run run = runAgainst(target -> target.knobs().latencyMs(10_000), Map.of("gatling.http.requestTimeout", "3000"));
    assertTrue(run.report().global().ko() > 0);
    assertTrue(run.cause(ErrorCause.TIMEOUT) > 0, run.summary().at("/global/errorsByCause").toString());
    assertEquals(run.summary().at("/global/noResponse").asLong(), run.cause(ErrorCause.TIMEOUT),
        "every request without a response timed out");
    assertSloFailed(run, "errorRate");
  }

  // ------------------------------------------------------------------------------------------

  /**
   * Starts a reference target, runs a short Burst against it with {@code fault} applied once the
   * run has completed {@link #REQUESTS_BEFORE_FAULT} requests, and checks what every faulty run
   * must do.
   */
  private Run runAgainst(Consumer<ReferenceTarget> fault, Map<String, String> extra) throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (ReferenceTarget target = ReferenceTarget.start(
        ConfigFactory.parseResources("reference-target.conf").getConfig("reference-target"))) {
      Map<String, String> props = new HashMap<>(Map.of(
          "loadtest.target.base-url", target.baseUrl(),
          "loadtest.think-time.min", "100ms",
          "loadtest.think-time.max", "300ms",
          "loadtest.booking.notification.poll-interval", "200ms",
          "loadtest.profiles.burst.bookings-per-minute", "300",
          "loadtest.profiles.burst.ramp", "0s",
          "loadtest.profiles.burst.hold", HOLD.toSeconds() + "s",
          "loadtest.max-duration", MAX_DURATION.toSeconds() + "s",
          // Only against a hang: the one health check before the run has no speed to prove.
          "loadtest.target.health-check-timeout", Await.PATIENCE.toSeconds() + "s"));
      props.putAll(extra);
      props.forEach((k, v) -> {
        setKeys.add(k);
        System.setProperty(k, v);
      });
      ConfigFactory.invalidateCaches();
      // The health check runs before the run starts; the fault comes once the run has answered
      // its first requests, so the run had a working target first and journeys under way meet it.
      java.util.concurrent.atomic.AtomicBoolean faulted = new java.util.concurrent.atomic.AtomicBoolean();
      timer.scheduleWithFixedDelay(() -> {
        Measurements m = RunResults.measurements();
        if (m != null && !faulted.get()
            && m.rows().stream().mapToLong(SecondRow::requests).sum() >= REQUESTS_BEFORE_FAULT) {
          fault.accept(target);
          faulted.set(true);
        }
      }, 20, 20, TimeUnit.MILLISECONDS);
      long start = System.nanoTime();
      GatlingRunner.Result result = GatlingRunner.run(BurstSimulation.class, results);
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("[test] " + wall.toMillis() + " ms, exit " + result.exitCode());
      assertTrue(faulted.get(), "the fault never came: the run completed fewer than " + REQUESTS_BEFORE_FAULT + " requests");

      assertNotEquals(0, result.exitCode(), "a faulty run must fail");
      assertNotNull(result.runDirectory(), "Gatling wrote no run folder");
      Path dir = result.runDirectory();
      for (String f : List.of("index.html", "summary.json", "series.csv", "slo-junit.xml", "histograms.hlog")) {
        assertTrue(Files.isRegularFile(dir.resolve(f)), f + " missing in " + dir);
      }
      JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
      assertFalse(summary.path("passed").asBoolean(true), "summary says passed");
      assertTrue(Files.readString(dir.resolve("slo-junit.xml")).contains("<failure"), "no failed SLO in the JUnit XML");
      GatlingReport report = GatlingReport.parse(dir);
      assertEquals(report.global().ko(), summary.at("/global/gatlingKo").asLong(), "summary and report disagree on KOs");
      assertEquals(report.global().total(), summary.at("/global/requests").asLong(), "summary and report disagree on requests");
      return new Run(result, wall, summary, report);
    } finally {
      timer.shutdownNow();
    }
  }

  /** The global SLO of {@code metric} failed. */
  private static void assertSloFailed(Run run, String metric) {
    for (JsonNode v : run.summary().path("sloVerdicts")) {
      if (v.path("scope").asText().equals("global") && v.path("metric").asText().equals(metric)) {
        assertEquals("failed", v.path("status").asText(), v.toString());
        return;
      }
    }
    throw new AssertionError("no global " + metric + " SLO verdict in " + run.summary().path("sloVerdicts"));
  }
}
