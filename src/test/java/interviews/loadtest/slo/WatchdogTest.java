package interviews.loadtest.slo;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import interviews.loadtest.slo.Slo.AbortOnFail;
import interviews.loadtest.testing.GatlingRunner;
import interviews.loadtest.testing.StubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SLO with abort-on-fail stops a run once the target fails or turns slow, at the first second
 * that ends a window of bad seconds, and not before the target turned; an SLO without it, breached
 * as well, does not. The test turns the target after a number of answered requests, not after a
 * time, and reads the order of events from the run's own series.csv and summary.json, so a busy
 * machine changes when things happen but not what the test sees. The SLO the test does not look
 * at is out of reach or does not abort, so that a slow machine cannot stop the run for the wrong
 * reason.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // only against a hang: the run stops by itself
class WatchdogTest {

  private static final int WINDOW = 3;
  /** Requests the stub answers well before it turns. */
  private static final int HEALTHY_REQUESTS = 20;
  /** The simulation's users (20 a second for 30 s); a stopped run starts fewer. */
  private static final int ALL_USERS = 20 * 30;

  private static final AbortOnFail ABORT = AbortOnFail.after(Duration.ofSeconds(WINDOW));

  private JsonNode runTurning(Path results, List<Slo> slos, Consumer<StubServer> turn, String expectedWhat,
      Predicate<String[]> bad) throws Exception {
    WatchdogStubSimulation.SLOS = slos;
    GatlingRunner.Result r;
    AtomicLong turnedAt = new AtomicLong();
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    try (StubServer stub = new StubServer()) {
      System.setProperty("test.baseUrl", stub.baseUrl());
      watcher.scheduleWithFixedDelay(() -> {
        if (turnedAt.get() == 0 && stub.requests() >= HEALTHY_REQUESTS) {
          turn.accept(stub);
          turnedAt.set(System.currentTimeMillis());
        }
      }, 10, 10, TimeUnit.MILLISECONDS);
      r = GatlingRunner.run(WatchdogStubSimulation.class, results);
    } finally {
      watcher.shutdownNow();
    }
    assertNotEquals(0, turnedAt.get(), "the target never turned: fewer than " + HEALTHY_REQUESTS + " requests");
    assertNotEquals(0, r.exitCode(), "a stopped run exits non-zero");
    Path dir = r.runDirectory();
    assertTrue(Files.isRegularFile(dir.resolve("index.html")), "Gatling report still generated");
    JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    JsonNode stopped = s.path("stoppedEarly");
    assertFalse(stopped.isNull() || stopped.isMissingNode(), s.toPrettyString());
    String reason = stopped.path("reason").asText();
    assertTrue(reason.startsWith("SLO watchdog: " + expectedWhat + " breached for " + WINDOW + " s (last second: "), reason);
    assertFalse(s.path("passed").asBoolean());
    String junit = Files.readString(dir.resolve("slo-junit.xml"));
    assertTrue(junit.contains("<testcase classname=\"run\" name=\"watchdog\""), junit);
    assertTrue(junit.contains("type=\"StoppedEarly\""), junit);

    // Not before the target turned.
    long trippedAt = Instant.parse(stopped.path("at").asText()).toEpochMilli();
    assertTrue(trippedAt >= turnedAt.get(), "tripped at " + stopped.path("at").asText() + ", before the target turned at "
        + Instant.ofEpochMilli(turnedAt.get()));
    // At the first second that ends WINDOW bad seconds in a row, as series.csv recorded them.
    List<String> rows = Files.readAllLines(dir.resolve("series.csv"));
    List<String> columns = List.of(rows.get(0).split(","));
    int run = 0;
    long firstFullWindow = -1;
    for (String line : rows.subList(1, rows.size())) {
      String[] cells = line.split(",", -1);
      run = bad.test(new String[] {cells[columns.indexOf("requests")], cells[columns.indexOf("errors")],
          cells[columns.indexOf("p95_ms")], cells[columns.indexOf("in_flight")]}) ? run + 1 : 0;
      if (run >= WINDOW) {
        firstFullWindow = Long.parseLong(cells[0]);
        break;
      }
    }
    assertEquals(firstFullWindow, stopped.path("elapsedSeconds").asLong(),
        "the watchdog trips at the first second that ends " + WINDOW + " bad ones in a row; series.csv:\n"
            + String.join("\n", rows));
    // And the stop ended the injection: fewer users than the profile's all started.
    long started = s.at("/journeys/started").asLong();
    assertTrue(started > HEALTHY_REQUESTS && started < ALL_USERS, "journeys started: " + started);
    return s;
  }

  @Test
  void stopsWhenTheTargetFails(@TempDir Path results) throws Exception {
    // The latency SLO does not abort, and is out of reach anyway (1 h): only the error share counts.
    JsonNode s = runTurning(results, List.of(
            new Slo("errors", Slo.GLOBAL, Metric.ERROR_RATE, 0.05, ABORT),
            new Slo("response-time", Slo.GLOBAL, Metric.P95, 3_600_000, AbortOnFail.OFF)),
        stub -> stub.failAll(true), "errors (global errorRate < 0.0500)", row -> failing(row, 0.05) || hanging(row));
    assertTrue(s.at("/global/ko").asLong() > 0);
    assertTrue(s.at("/global/errorsByStatus/500").asLong() > 0);
  }

  @Test
  void stopsWhenTheTargetIsSlow(@TempDir Path results) throws Exception {
    // A maximum below 1 ms is breached from the start, but that SLO does not abort: only the p95
    // stops the run. The stub turns from answering at once to answering after 2 s, twice the limit.
    JsonNode s = runTurning(results, List.of(
            new Slo("max", Slo.GLOBAL, Metric.MAX, 1, AbortOnFail.OFF),
            new Slo("response-time", Slo.GLOBAL, Metric.P95, 1000, ABORT)),
        stub -> stub.slowAll(2000), "response-time (global p95 < 1000 ms)", row -> slow(row, 1000) || hanging(row));
    assertTrue(s.at("/global/latencyMs/max").asLong() >= 2000);
  }

  // The watchdog's own definitions of a bad second, on the cells requests, errors, p95_ms, in_flight.

  private static boolean failing(String[] row, double limit) {
    long requests = Long.parseLong(row[0]);
    return requests > 0 && Long.parseLong(row[1]) / (double) requests >= limit;
  }

  private static boolean slow(String[] row, double limitMs) {
    // A second of responses is bad unless its p95 is below the limit (an SLO's "below").
    return Long.parseLong(row[0]) > 0 && !row[2].isEmpty() && Double.parseDouble(row[2]) >= limitMs;
  }

  private static boolean hanging(String[] row) {
    return Long.parseLong(row[0]) == 0 && Long.parseLong(row[3]) > 0;
  }
}
