package interviews.loadtest.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.TestConfigs;
import interviews.loadtest.journeys.Requests;
import interviews.loadtest.reference.ReferenceTarget;
import interviews.loadtest.testing.GatlingReport;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.GatlingRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulations run for real, in this JVM, against the reference target, and their results
 * are read back from Gatling's own report. Every assertion is about what the runs did, never about
 * how quickly: the timeout only stops a run that would hang (the first start of the embedded
 * target on a machine hashes its 1000 accounts, which alone takes half a minute or more).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SimulationRunsTest {

  @TempDir
  Path results;

  private final Map<String, String> fast = Map.of(
      "loadtest.think-time.min", "100ms",
      "loadtest.think-time.max", "300ms",
      "loadtest.booking.notification.poll-interval", "200ms",
      // Only against a hang: the one health check before a run has no speed to prove.
      "loadtest.target.health-check-timeout", Await.PATIENCE.toSeconds() + "s");

  private List<String> setKeys = List.of();

  private GatlingRunner.Result run(Class<?> simulation, Map<String, String> properties) {
    setKeys = List.copyOf(properties.keySet());
    properties.forEach(System::setProperty);
    return GatlingRunner.run(simulation, results);
  }

  @AfterEach
  void clearProperties() {
    setKeys.forEach(System::clearProperty);
  }

  @Test
  void smokeVisitsEveryEndpointWithItsExpectedAnswers() throws Exception {
    GatlingRunner.Result result = run(SmokeSimulation.class, fast);
    assertEquals(0, result.exitCode());
    GatlingReport report = GatlingReport.parse(result.runDirectory());
    assertEquals(0, report.global().ko(), report.rows().toString());
    for (String name : List.of(Requests.HEALTH, Requests.LOG_IN, Requests.LIST_SLOTS, Requests.BOOK, Requests.READ, Requests.CANCEL,
        "Log in with a wrong password (401)", "Log in with malformed JSON (400)", "List slots without a token (401)",
        "List slots with limit=0 (400)", "Book an unknown slot (400 or 404)", "Book the same slot again (409)",
        "Read an unknown interview (404)", "Cancel the same interview again (204 or 404)")) {
      assertEquals(1, report.row(name).ok(), name);
    }
  }

  @Test
  void noPasswordOrTokenReachesTheConsoleOrTheResults() throws Exception {
    java.io.PrintStream out = System.out;
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    GatlingRunner.Result result;
    System.setOut(new java.io.PrintStream(new TeeStream(out, console), true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      // A wrong path makes an authenticated request fail after login, so failures are logged too.
      Map<String, String> props = new java.util.HashMap<>(fast);
      props.put("loadtest.api.paths.interviews", "/api/interviewz/");
      result = run(SmokeSimulation.class, props);
    } finally {
      System.setOut(out);
    }
    assertNotEquals(0, result.exitCode(), "the smoke failed, as intended");
    StringBuilder written = new StringBuilder(console.toString(java.nio.charset.StandardCharsets.UTF_8));
    for (String file : List.of("summary.json", "series.csv", "slo-junit.xml")) {
      written.append(java.nio.file.Files.readString(result.runDirectory().resolve(file)));
    }
    assertTrue(written.indexOf("[loadtest] Smoke") >= 0, "the console was captured");
    for (Map<String, Object> account : interviews.loadtest.journeys.TestData.load(
        interviews.loadtest.config.TestConfigs.suite()).users()) {
      String password = (String) account.get("password");
      assertEquals(-1, written.indexOf(password), "a password was written: " + account.get("email"));
    }
    assertTrue(!written.toString().matches("(?s).*\\b[0-9a-f]{40}\\b.*"), "a token was written");
  }

  /** Copies what is written to two streams. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }

  @Test
  void aShortBurstStartsItsJourneysAtTheConfiguredRateWithoutFailures() throws Exception {
    Map<String, String> props = new java.util.HashMap<>(fast);
    props.putAll(Map.of("loadtest.profiles.burst.ramp", "0s", "loadtest.profiles.burst.hold", "12s",
        // Speed is not this test's subject: the latency SLO is set out of a busy machine's reach
        // (10 minutes), so "passed" reads the error SLO and the verdicts' plumbing.
        "loadtest.slo.response-time-ms", "600000"));
    GatlingRunner.Result result = run(BurstSimulation.class, props);
    assertEquals(0, result.exitCode());
    // The run's own summary: 500 a minute for 12 s is 100 journeys, all ended, none failed.
    JsonNode summary = new ObjectMapper().readTree(result.runDirectory().resolve("summary.json").toFile());
    long started = summary.path("journeys").path("started").asLong();
    assertEquals(100, started, 2, "journeys started, within 2 %");
    assertEquals(started, summary.path("journeys").path("ended").asLong(), "journeys ended");
    assertEquals(0, summary.path("global").path("ko").asLong(), summary.path("global").toString());
    assertTrue(summary.path("passed").asBoolean(), summary.path("sloVerdicts").toString());
    assertEquals(2, summary.path("sloVerdicts").size());
    // Gatling's own report agrees: every booking journey logged in exactly once.
    GatlingReport report = GatlingReport.parse(result.runDirectory());
    long journeys = report.row(Requests.LOG_IN).total();
    assertEquals(started, journeys);
    assertEquals(0, report.global().ko(), report.rows().toString());
    assertEquals(journeys, report.row(Requests.BOOK).total(), "every journey tried to book once, then retried apart");
    // Each journey that booked (201) read its interview back once: with 14 days of slots, none
    // ran out of retries.
    assertEquals(journeys, report.row(Requests.READ).total(), "every journey booked and read it back");
  }

  @Test
  void anotherServerWithTheTokenSchemeAndItsOwnTokenFieldIsDriven() throws Exception {
    // A second server, not the embedded one, speaking Django REST framework's dialect.
    try (ReferenceTarget other = ReferenceTarget.start(ConfigFactory.parseMap(Map.of(
            "auth.scheme", "Token", "auth.token-field", "key"))
        .withFallback(ConfigFactory.parseResources("reference-target.conf").getConfig("reference-target")))) {
      Map<String, String> props = new java.util.HashMap<>(fast);
      props.putAll(Map.of("loadtest.target.base-url", other.baseUrl(),
          "loadtest.api.auth-scheme", "Token", "loadtest.api.token-field", "key"));
      GatlingRunner.Result result = run(SmokeSimulation.class, props);
      assertEquals(0, result.exitCode());
      assertEquals(0, GatlingReport.parse(result.runDirectory()).global().ko());
    }
  }

  @Test
  void aBreachedSloMakesTheRunFail() throws Exception {
    Map<String, String> props = new java.util.HashMap<>(fast);
    props.put("loadtest.slo.response-time-ms", "1");
    props.put("reference-target.service-time-ms.slots", "20");
    GatlingRunner.Result result = run(SmokeSimulation.class, props);
    assertNotEquals(0, result.exitCode());
    assertEquals(0, GatlingReport.parse(result.runDirectory()).global().ko(), "the requests themselves succeeded");
  }

  @Test
  void aNotificationThatNeverComesEndsTheJourneyAtItsTimeout() throws Exception {
    Map<String, String> props = new java.util.HashMap<>(fast);
    // The job takes 10 minutes: within the run, the notification never comes.
    props.put("reference-target.notifications.job-delay-ms", "600000");
    props.put("loadtest.booking.notification.timeout", "5s");
    GatlingRunner.Result result = run(SmokeSimulation.class, props);
    assertNotEquals(0, result.exitCode());
    GatlingReport report = GatlingReport.parse(result.runDirectory());
    // Polled every 200 ms until the 5 s timeout, then the poll failed and the tour ended: no endless
    // loop. At most 5 s / 200 ms + 1 polls, as each round pauses 200 ms (a slow machine polls
    // fewer times, never more); at least 2, so the deadline was not applied to the first poll (that
    // needs reading the interview and one poll to take under 5 s).
    long polls = report.row(Requests.POLL).total();
    assertTrue(polls >= 2 && polls <= 26, "polls: " + polls);
    assertEquals(1, report.row(Requests.POLL).ko());
    assertEquals(1, report.global().ko());
    JsonNode summary = new ObjectMapper().readTree(result.runDirectory().resolve("summary.json").toFile());
    assertEquals(1, summary.path("journeys").path("ended").asLong(), "the tour still counts as ended");
  }

  @Test
  void aWrongSettingStopsTheRunBeforeAnyLoad() {
    assertRefused(BurstSimulation.class, Map.of("loadtest.profiles.burst.bookings-per-minute", "-5"),
        "loadtest.profiles.burst.bookings-per-minute = '-5': must be above 0 and at most 1000000");
  }

  @Test
  void aWrongResultsSettingIsRefusedInTheSameWay() {
    assertRefused(SmokeSimulation.class, Map.of("loadtest.results.watchdog.window", "0s"),
        "loadtest.results.watchdog.window = '0s': must be a duration from 1s to 1h");
  }

  @Test
  void aProfileLongerThanTheMaximumDurationIsRefused() {
    assertRefused(BurstSimulation.class, Map.of("loadtest.profiles.burst.ramp", "30m"),
        "loadtest.max-duration = '20m': is shorter than the Burst profile (1860s); raise it or shorten the profile");
  }

  @Test
  void moreConcurrentRecruitersThanAccountsIsRefused() {
    assertRefused(LoginSimulation.class, Map.of("loadtest.profiles.login.users", "1001"),
        "loadtest.feeders.users: " + TestConfigs.ROOT.resolve("simulations-data/users.csv")
            + " has 1000 accounts, too few for 1001 concurrent recruiters (loadtest.profiles.login.users): "
            + "each needs an account of its own");
  }

  /** The run ends with this setting error before Gatling starts any user: no simulation.log. */
  private void assertRefused(Class<?> simulation, Map<String, String> properties, String message) {
    GatlingRunner.Result result = run(simulation, properties);
    // In-process, Gatling hands the simulation's refusal back (the forked command exits 1).
    assertNotEquals(0, result.exitCode());
    Throwable thrown = result.failure();
    while (!(thrown instanceof SettingError) && thrown != null && thrown.getCause() != null) {
      thrown = thrown.getCause();
    }
    assertEquals(message, assertInstanceOf(SettingError.class, thrown).getMessage());
    assertEquals(List.of(), GatlingRunner.runDirectories(results), "no simulation.log: nothing ran");
  }
}
