package interviews.loadtest.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.journeys.Requests;
import interviews.loadtest.measure.ErrorCause;
import interviews.loadtest.testing.GatlingReport;
import interviews.loadtest.testing.GatlingRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journeys are written to the contract, not to the reference target's own choices: they run
 * against the embedded target behaving like a real Django REST framework deployment (the
 * {@code reference-target.dialect} settings: idempotent cancel, {@code Connection: close} after
 * every response, APPEND_SLASH redirects, extra JSON fields, ids beyond 32 bits, other token
 * formats, the {@code Token} scheme) as well as in its default behaviour.
 */
class RealBackendsTest {

  @TempDir
  Path results;

  private static final Map<String, String> FAST = Map.of(
      "loadtest.think-time.min", "100ms",
      "loadtest.think-time.max", "300ms",
      "loadtest.booking.notification.poll-interval", "200ms");

  /** Every dialect setting as a Django REST framework + gunicorn sync-worker backend has it. */
  private static final Map<String, String> DJANGO_LIKE = Map.of(
      "reference-target.dialect.idempotent-cancel", "true",
      "reference-target.dialect.connection-close", "true",
      "reference-target.dialect.append-slash-redirect", "true",
      "reference-target.dialect.extra-fields", "true",
      "reference-target.dialect.id-offset", "5000000000",
      "reference-target.dialect.token-format", "hex",
      "loadtest.api.auth-scheme", "Token",
      "loadtest.api.token-field", "key");

  private List<String> setKeys = List.of();

  @AfterEach
  void clearProperties() {
    setKeys.forEach(System::clearProperty);
  }

  /** Runs {@code simulation} in-process with these settings, and what it printed. */
  private Run run(Class<?> simulation, Map<String, String> properties) throws IOException {
    setKeys = List.copyOf(properties.keySet());
    properties.forEach(System::setProperty);
    PrintStream out = System.out;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    GatlingRunner.Result result;
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      result = GatlingRunner.run(simulation, results);
    } finally {
      System.setOut(out);
    }
    String printed = console.toString(StandardCharsets.UTF_8);
    out.print(printed);
    JsonNode summary = new ObjectMapper().readTree(result.runDirectory().resolve("summary.json").toFile());
    return new Run(result, printed, summary, GatlingReport.parse(result.runDirectory()));
  }

  private record Run(GatlingRunner.Result result, String console, JsonNode summary, GatlingReport report) {}

  private static Map<String, String> with(Map<String, String> base, String... keyValues) {
    Map<String, String> all = new HashMap<>(FAST);
    all.putAll(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      all.put(keyValues[i], keyValues[i + 1]);
    }
    return all;
  }

  @Test
  void smokePassesWhetherASecondCancelAnswers404Or204AndSaysWhich() throws Exception {
    Run strict = run(SmokeSimulation.class, with(Map.of(), "reference-target.dialect.idempotent-cancel", "false"));
    assertEquals(0, strict.result().exitCode(), strict.report().rows().toString());
    assertTrue(strict.console().contains("[loadtest] Smoke: Cancel the same interview again answered 404 "
        + "(the contract allows 204 or 404)"), strict.console());

    Run idempotent = run(SmokeSimulation.class, with(Map.of(), "reference-target.dialect.idempotent-cancel", "true"));
    assertEquals(0, idempotent.result().exitCode(), idempotent.report().rows().toString());
    assertTrue(idempotent.console().contains("[loadtest] Smoke: Cancel the same interview again answered 204 "
        + "(the contract allows 204 or 404)"), idempotent.console());
    assertEquals(1, idempotent.report().row("Cancel the same interview again (204 or 404)").ok());
  }

  @Test
  void smokePassesAgainstADjangoLikeBackendWithEachTokenFormat() throws Exception {
    for (String format : List.of("hex", "uuid", "jwt")) {
      Run run = run(SmokeSimulation.class, with(DJANGO_LIKE, "reference-target.dialect.token-format", format));
      assertEquals(0, run.result().exitCode(), format + ": " + run.report().rows());
      assertEquals(0, run.report().global().ko(), format);
    }
  }

  @Test
  void aShortBurstAgainstADjangoLikeBackendBooksWithoutAFailure() throws Exception {
    Run run = run(BurstSimulation.class, with(DJANGO_LIKE,
        "reference-target.dialect.token-format", "jwt",
        "loadtest.booking.cancel-share", "0.5",
        "loadtest.profiles.burst.ramp", "0s", "loadtest.profiles.burst.hold", "8s"));
    // No failed request; the p95 SLO is not asserted, since it depends on how busy this machine is.
    long started = run.summary().at("/journeys/started").asLong();
    assertTrue(started > 0);
    assertEquals(started, run.summary().at("/journeys/ended").asLong());
    assertEquals(0, run.summary().at("/global/ko").asLong(), run.summary().path("global").toString());
    assertEquals(started, run.report().row(Requests.READ).total(), "every journey booked (ids above 2^32) and read it back");
    assertTrue(run.report().row(Requests.CANCEL).ok() > 0, "some journeys cancelled");
  }

  @Test
  void aThrottlingBackendsAnswersAreCountedAsThrottled() throws Exception {
    Run run = run(BurstSimulation.class, with(Map.of(),
        "reference-target.faults.throttle-rate", "0.3", "reference-target.faults.retry-after", "2s",
        "loadtest.profiles.burst.ramp", "0s", "loadtest.profiles.burst.hold", "5s"));
    assertNotEquals(0, run.result().exitCode(), "30 % of 429s breach the error SLO");
    long throttled = run.summary().at("/global/errorsByCause").path(ErrorCause.THROTTLED).asLong();
    assertTrue(throttled > 0, run.summary().at("/global/errorsByCause").toString());
    assertEquals(throttled, run.summary().at("/global/errorsByStatus/429").asLong());
  }

  @Test
  void pathsSetWithoutTheTrailingSlashAreRefusedBeforeLoadWhenTheBackendRedirects() {
    setKeys = List.of("reference-target.dialect.append-slash-redirect", "loadtest.api.paths.interviews");
    System.setProperty("reference-target.dialect.append-slash-redirect", "true");
    System.setProperty("loadtest.api.paths.interviews", "/api/interviews");
    SettingError e = assertThrows(SettingError.class, () -> new SmokeSimulation());
    assertEquals("loadtest.api.paths.interviews = '/api/interviews': the target answers GET /api/interviews with 301 "
        + "(redirect to /api/interviews/), and redirects are never followed; set the path it redirects to", e.getMessage());
  }
}
