package interviews.loadtest.results;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.testing.GatlingRunner;
import interviews.loadtest.testing.StubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog stops a run within its window once the target fails or turns slow. */
class WatchdogTest {

  private static final int TURN_AT_SECONDS = 3;
  private static final int WINDOW = 3;

  private static ResultsSettings settings() {
    return ResultsSettings.from(ConfigFactory.parseString(
        "loadtest.results { console-interval = 1s, prometheus.enabled = false,"
            + " watchdog { enabled = true, window = " + WINDOW + "s, p95-limit-ms = 100, error-rate-limit = 0.05 } }"));
  }

  private JsonNode runTurning(Path results, Consumer<StubServer> turn, String expectedWhat) throws Exception {
    WatchdogStubSimulation.SETTINGS = settings();
    GatlingRunner.Result r;
    long began = System.currentTimeMillis();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (StubServer stub = new StubServer()) {
      System.setProperty("test.baseUrl", stub.baseUrl());
      timer.schedule(() -> turn.accept(stub), TURN_AT_SECONDS, TimeUnit.SECONDS);
      r = GatlingRunner.run(WatchdogStubSimulation.class, results);
    } finally {
      timer.shutdownNow();
    }
    long tookSeconds = (System.currentTimeMillis() - began) / 1000;
    assertNotEquals(0, r.exitCode(), "a stopped run exits non-zero");
    assertTrue(tookSeconds < 25, "run should stop long before its 30 s, took " + tookSeconds + " s");
    Path dir = r.runDirectory();
    assertTrue(Files.isRegularFile(dir.resolve("index.html")), "Gatling report still generated");
    JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    JsonNode stopped = s.path("stoppedEarly");
    assertFalse(stopped.isNull() || stopped.isMissingNode(), s.toPrettyString());
    String reason = stopped.path("reason").asText();
    assertTrue(reason.contains(expectedWhat), reason);
    assertTrue(reason.contains("for " + WINDOW + " s"), reason);
    // Turned at ~3 s after the test started (Gatling's start-up counts in it); the watchdog starts
    // counting at the first request. It must trip within the window after the turn (+2 s slack for
    // the one-second buckets and start-up).
    long at = stopped.path("elapsedSeconds").asLong();
    assertTrue(at >= WINDOW, "tripped at " + at);
    assertTrue(at <= TURN_AT_SECONDS + WINDOW + 2, "tripped at " + at + " s, turned at " + TURN_AT_SECONDS);
    assertFalse(s.path("passed").asBoolean());
    String junit = Files.readString(dir.resolve("slo-junit.xml"));
    assertTrue(junit.contains("<testcase classname=\"run\" name=\"watchdog\""), junit);
    assertTrue(junit.contains("type=\"StoppedEarly\""), junit);
    return s;
  }

  @Test
  void stopsWhenTheTargetFails(@TempDir Path results) throws Exception {
    JsonNode s = runTurning(results, stub -> stub.failAll(true), "error share above 5.0 %");
    assertTrue(s.at("/global/ko").asLong() > 0);
    assertTrue(s.at("/global/errorsByStatus/500").asLong() > 0);
  }

  @Test
  void stopsWhenTheTargetIsSlow(@TempDir Path results) throws Exception {
    JsonNode s = runTurning(results, stub -> stub.slowAll(250), "p95 above 100 ms");
    assertTrue(s.at("/global/latencyMs/max").asLong() >= 250);
  }
}
