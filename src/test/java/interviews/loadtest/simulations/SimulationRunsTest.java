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
import interviews.loadtest.journeys.Booking;
import interviews.loadtest.journeys.Requests;
import interviews.loadtest.journeys.SmokeTour;
import interviews.loadtest.reference.ReferenceTarget;
import interviews.loadtest.testing.RunProperties;
import interviews.loadtest.testing.GatlingReport;
import interviews.loadtest.testing.GatlingRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

  private final Map<String, String> fast = RunProperties.FAST_RECRUITERS;

  @RegisterExtension
  final RunProperties properties = new RunProperties();

  private GatlingRunner.Result run(Class<?> simulation, Map<String, String> settings) {
    properties.set(settings);
    return GatlingRunner.run(simulation, results);
  }

  /** A run whose console (standard output) is kept, too. */
  private record Watched(GatlingRunner.Result result, String console) {}

  private Watched runWatched(Class<?> simulation, Map<String, String> properties) {
    java.io.PrintStream out = System.out;
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    java.io.PrintStream tee = new java.io.PrintStream(new TeeStream(out, console), true, java.nio.charset.StandardCharsets.UTF_8);
    System.setOut(tee);
    try {
      // Gatling prints through Scala's Console, which holds the System.out of its first use.
      GatlingRunner.Result result = scala.Console$.MODULE$.withOut(tee,
          (scala.Function0<GatlingRunner.Result>) () -> run(simulation, properties));
      return new Watched(result, console.toString(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
    }
  }

  /** The value Gatling measured for the assertion on {@code path}, from its console line "... : true (actual : 412.0)". */
  private static double gatlingActual(String console, String path) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(path) + ": .* : (true|false) \\(actual : ([0-9.]+)\\)$").matcher(console);
    assertTrue(m.find(), "no assertion of " + path + " on the console");
    return Double.parseDouble(m.group(2));
  }

  /** The summary's verdict of the SLO on {@code scope}. */
  private static JsonNode verdict(JsonNode summary, String scope) {
    for (JsonNode v : summary.path("sloVerdicts")) {
      if (v.path("scope").asText().equals(scope)) {
        return v;
      }
    }
    throw new AssertionError("no verdict of " + scope + " in " + summary.path("sloVerdicts"));
  }

  /** The names of the report's rows (requests and groups) are all among the journey's scopes. */
  private static void assertRecordsOnly(List<String> scopes, GatlingReport report) {
    Set<String> rows = new HashSet<>(report.rows().keySet());
    rows.remove(GatlingReport.GLOBAL);
    rows.removeAll(scopes);
    assertEquals(Set.of(), rows, "recorded, but not among the journey's SCOPES (journeys.Scopes)");
  }

  @Test
  void smokeVisitsEveryEndpointWithItsExpectedAnswers() throws Exception {
    Watched watched = runWatched(SmokeSimulation.class, fast);
    GatlingRunner.Result result = watched.result();
    assertEquals(0, result.exitCode());
    GatlingReport report = GatlingReport.parse(result.runDirectory());
    assertEquals(0, report.global().ko(), report.rows().toString());
    for (String name : List.of(Requests.HEALTH, Requests.LOG_IN, Requests.LIST_SLOTS, Requests.BOOK, Requests.READ, Requests.CANCEL,
        "Log in with a wrong password (401)", "Log in with malformed JSON (400)", "List slots without a token (401)",
        "List slots with limit=0 (400)", "Book an unknown slot (400 or 404)", "Book the same slot again (409)",
        "Read an unknown interview (404)", "Cancel the same interview again (204 or 404)", Booking.NOTIFICATION_LAG)) {
      assertEquals(1, report.row(name).ok(), name);
    }
    assertRecordsOnly(SmokeTour.SCOPES, report);
    // Gatling's report explains itself: the profile, the target and the SLOs, in its description.
    String index = Files.readString(result.indexHtml());
    assertTrue(index.contains("title=\"Description\""), "no description in Gatling's report");
    assertTrue(index.contains("Smoke: one recruiter visits every endpoint once | target http://127.0.0.1:"), "description: profile, target");
    assertTrue(index.contains("(embedded reference target) | SLOs: global errorRate = 0.0000; Notification lag p95 &lt; 10000 ms"),
        "description: SLOs");
    // The one notification lag, judged by Gatling and by the suite: the same figure, the group's
    // duration (a single value is exact in both; HdrHistogram keeps 3 significant digits).
    JsonNode summary = new ObjectMapper().readTree(result.runDirectory().resolve("summary.json").toFile());
    JsonNode lag = verdict(summary, Booking.NOTIFICATION_LAG);
    assertEquals("passed", lag.path("status").asText(), lag.toString());
    long ours = lag.path("actual").asLong();
    long gatlings = Math.round(gatlingActual(watched.console(), Booking.NOTIFICATION_LAG));
    assertEquals(ours, new org.HdrHistogram.Histogram(3).highestEquivalentValue(gatlings),
        "Gatling's " + gatlings + " ms, the suite's " + ours + " ms");
    assertTrue(watched.console().contains("[loadtest] SLO: errors: global errorRate = 0.0000; "
        + "notification-lag: Notification lag p95 < 10000 ms; response-time: global p95 < 2000 ms"), watched.console());
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
        // Speed is not this test's subject: the latency SLOs are set out of a busy machine's reach
        // (10 minutes), so "passed" reads the error SLO and the verdicts' plumbing.
        "loadtest.slo.response-time.below-ms", "600000", "loadtest.slo.notification-lag.below-ms", "600000"));
    GatlingRunner.Result result = run(BurstSimulation.class, props);
    assertEquals(0, result.exitCode());
    // The run's own summary: 500 a minute for 12 s is 100 journeys, all ended, none failed.
    JsonNode summary = new ObjectMapper().readTree(result.runDirectory().resolve("summary.json").toFile());
    long started = summary.path("journeys").path("started").asLong();
    assertEquals(100, started, 2, "journeys started, within 2 %");
    assertEquals(started, summary.path("journeys").path("ended").asLong(), "journeys ended");
    assertEquals(0, summary.path("global").path("ko").asLong(), summary.path("global").toString());
    assertTrue(summary.path("passed").asBoolean(), summary.path("sloVerdicts").toString());
    assertEquals(3, summary.path("sloVerdicts").size());
    // Gatling's own report agrees: every booking journey logged in exactly once.
    GatlingReport report = GatlingReport.parse(result.runDirectory());
    long journeys = report.row(Requests.LOG_IN).total();
    assertEquals(started, journeys);
    assertEquals(0, report.global().ko(), report.rows().toString());
    assertEquals(journeys, report.row(Requests.BOOK).total(), "every journey tried to book once, then retried apart");
    // Each journey that booked (201) read its interview back once: with 14 days of slots, none
    // ran out of retries.
    assertEquals(journeys, report.row(Requests.READ).total(), "every journey booked and read it back");
    assertEquals(journeys, report.row(Booking.NOTIFICATION_LAG).total(), "and waited for its notification");
    assertRecordsOnly(Booking.SCOPES, report);
  }

  @Test
  void aNotificationLagSloOutOfReachPassesAndOneImpossiblyLowFailsGatlingAndTheSummaryAlike() throws Exception {
    // The reference target's notification job alone takes 200 ms, and the journey polls every
    // 200 ms: no notification is sent within 1 ms of its booking. Everything else is out of reach.
    Map<String, String> props = new java.util.HashMap<>(fast);
    props.putAll(Map.of("loadtest.profiles.burst.ramp", "0s", "loadtest.profiles.burst.hold", "6s",
        "loadtest.slo.response-time.below-ms", "600000", "loadtest.slo.errors.below-percent", "100",
        "loadtest.slo.notification-lag.below-ms", "600000"));
    GatlingRunner.Result passed = run(BurstSimulation.class, props);
    assertEquals(0, passed.exitCode(), "Gatling's assertions held");
    JsonNode summary = new ObjectMapper().readTree(passed.runDirectory().resolve("summary.json").toFile());
    assertEquals("passed", verdict(summary, Booking.NOTIFICATION_LAG).path("status").asText());
    assertTrue(summary.path("passed").asBoolean(), summary.path("sloVerdicts").toString());

    props.put("loadtest.slo.notification-lag.below-ms", "1");
    GatlingRunner.Result failed = run(BurstSimulation.class, props);
    assertEquals(2, failed.exitCode(), "Gatling's assertions failed (2), the run itself did not (1)");
    summary = new ObjectMapper().readTree(failed.runDirectory().resolve("summary.json").toFile());
    JsonNode lag = verdict(summary, Booking.NOTIFICATION_LAG);
    assertEquals("failed", lag.path("status").asText(), lag.toString());
    assertTrue(lag.path("actual").asDouble() >= 200, "at least the job's 200 ms: " + lag);
    for (JsonNode v : summary.path("sloVerdicts")) {
      assertEquals(v.path("scope").asText().equals("global") ? "passed" : "failed", v.path("status").asText(), v.toString());
    }
    assertTrue(Files.readString(failed.runDirectory().resolve("slo-junit.xml")).contains(
        "<testcase classname=\"slo.Notification lag\" name=\"p95 &lt; 1 ms\" time=\"0\">\n      <failure"));
  }

  @Test
  void theNotificationLagSloWithAbortOnFailStopsABurstWhenNotificationsComeLate() throws Exception {
    // The reference target's notification job alone takes 200 ms, and the journey polls every
    // 200 ms: notifications come later than 100 ms after their booking. The other SLOs do not abort.
    Map<String, String> props = new java.util.HashMap<>(fast);
    props.putAll(Map.of("loadtest.profiles.burst.ramp", "0s", "loadtest.profiles.burst.hold", "60s",
        "loadtest.slo.notification-lag.below-ms", "100",
        "loadtest.slo.notification-lag.abort-on-fail.enabled", "true",
        "loadtest.slo.notification-lag.abort-on-fail.window", "2s"));
    GatlingRunner.Result result = run(BurstSimulation.class, props);
    assertEquals(1, result.exitCode(), "stopped early: Gatling failed (1)");
    JsonNode summary = new ObjectMapper().readTree(result.runDirectory().resolve("summary.json").toFile());
    String reason = summary.path("stoppedEarly").path("reason").asText();
    assertTrue(reason.startsWith("SLO watchdog: notification-lag (Notification lag p95 < 100 ms) breached for 2 s "
        + "(last second: p95 = "), reason);
    assertTrue(summary.path("journeys").path("started").asLong() < 500, "the stop ended the injection: "
        + summary.path("journeys"));
    assertEquals("failed", verdict(summary, Booking.NOTIFICATION_LAG).path("status").asText());
    assertTrue(Files.readString(result.runDirectory().resolve("slo-junit.xml")).contains("type=\"StoppedEarly\""));
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
    props.put("loadtest.slo.response-time.below-ms", "1");
    props.put("reference-target.service-time.slots", "20ms");
    GatlingRunner.Result result = run(SmokeSimulation.class, props);
    assertNotEquals(0, result.exitCode());
    assertEquals(0, GatlingReport.parse(result.runDirectory()).global().ko(), "the requests themselves succeeded");
  }

  @Test
  void aNotificationThatNeverComesEndsTheJourneyAtItsTimeout() throws Exception {
    Map<String, String> props = new java.util.HashMap<>(fast);
    // The job takes 10 minutes: within the run, the notification never comes.
    props.put("reference-target.notifications.job-delay", "10m");
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
    assertRefused(SmokeSimulation.class, Map.of("loadtest.results.watchdog.fail-run", "maybe"),
        "loadtest.results.watchdog.fail-run = 'maybe': must be true or false");
  }

  @Test
  void anSloOfARequestOrGroupNoJourneyRecordsIsRefused() {
    GatlingRunner.Result result = run(BurstSimulation.class, Map.of("loadtest.slo.notification-lag.scope", "Notification-lag"));
    Throwable thrown = result.failure();
    while (!(thrown instanceof SettingError) && thrown != null && thrown.getCause() != null) {
      thrown = thrown.getCause();
    }
    String message = assertInstanceOf(SettingError.class, thrown).getMessage();
    assertTrue(message.startsWith("loadtest.slo.notification-lag.scope = 'Notification-lag': no journey records a "
        + "request or group of that name; use global or one of: Book an unknown slot (400 or 404), Book slot, "), message);
    assertTrue(message.contains(", Notification lag, "), message);
    assertEquals(List.of(), GatlingRunner.runDirectories(results), "no simulation.log: nothing ran");
  }

  @Test
  void aDriftSloOfAGroupIsRefused() {
    assertRefused(BurstSimulation.class, Map.of("loadtest.drift.slo.latency-creep.scope", "Notification lag"),
        "loadtest.drift.slo.latency-creep.scope = 'Notification lag': no journey records a request of that name; use "
            + "global or one of: " + String.join(", ", interviews.loadtest.journeys.Scopes.requests()));
  }

  @Test
  void aDriftSloOfAServerMetricNotSampledIsRefused() {
    assertRefused(BurstSimulation.class, Map.of("loadtest.drift.slo.queue-growth.metric", "celery-queue"),
        "loadtest.drift.slo.queue-growth.metric = 'celery-queue': is no server metric; use one of: cpu, heap, "
            + "heap-after-gc, db-active, db-pending, in-flight, queue-depth, queue-oldest-age (loadtest.results.prometheus.metrics, "
            + "or <source>.<metric> of loadtest.results.sources)");
  }

  @Test
  void aProfileLongerThanAFixedMaximumDurationIsRefused() {
    assertRefused(BurstSimulation.class, Map.of("loadtest.profiles.burst.ramp", "70m", "loadtest.max-duration", "70m"),
        "loadtest.max-duration = '70m': is shorter than the Burst profile (4260s); raise it or shorten the profile");
  }

  @Test
  void aFullDaySoakIsRefusedUnderAFixedMaximumDuration() {
    assertRefused(SustainedSimulation.class, Map.of("loadtest.profiles.sustained.duration", "24h",
            "loadtest.max-duration", "70m"),
        "loadtest.max-duration = '70m': is shorter than the Sustained profile (86400s); raise it or shorten the profile");
  }

  @Test
  void aSustainedRunStartsItsJourneysAtTheRatesItAnnounces() throws Exception {
    Map<String, String> props = new java.util.HashMap<>(fast);
    // The quiet day compressed 144 times from its busiest hour: 8.4 journeys a second, just above
    // the Burst rate, which the embedded target on loopback needs no approval for; 6 s of it.
    props.putAll(Map.of("loadtest.profiles.sustained.compression", "144", "loadtest.profiles.sustained.duration", "6s",
        "loadtest.slo.response-time.below-ms", "600000", "loadtest.slo.notification-lag.below-ms", "600000"));
    Watched watched = runWatched(SustainedSimulation.class, props);
    GatlingRunner.Result result = watched.result();
    assertEquals(0, result.exitCode());
    String line = "Sustained: compressed 144x: peak 8.4/s = 1.0 x Burst, mean 8.4/s; 2000 bookings a day, working-hours, "
        + "6s from 09:00 UTC, the busiest hour (an hour lasts 25s), 50 journeys";
    assertTrue(watched.console().contains("[loadtest] " + line), watched.console());
    JsonNode summary = new ObjectMapper().readTree(result.runDirectory().resolve("summary.json").toFile());
    assertEquals(line, summary.path("profile").asText());
    long started = summary.path("journeys").path("started").asLong();
    assertEquals(50, started, 2, "8.4 a second for 6 s, within 2");
    assertEquals(started, summary.path("journeys").path("ended").asLong(), "journeys ended");
    assertEquals(0, summary.path("global").path("ko").asLong(), summary.path("global").toString());
  }

  @Test
  void aSustainedPeakAboveBurstAgainstAnotherHostIsRefusedBeforeAnyRequestUnlessApprovedForThatHost() throws Exception {
    java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      // Unhealthy on purpose: an allowed run stops at its health check, before any load.
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.start();
    try {
      // staging.stub.invalid resolves to this stub on 127.0.0.1 in the tests, and is an allowed staging host.
      Map<String, String> staging = new java.util.HashMap<>(Map.of(
          "loadtest.target.base-url", "http://staging.stub.invalid:" + server.getAddress().getPort(),
          "loadtest.safety.allowed-hosts.0", "staging.stub.invalid",
          "loadtest.profiles.sustained.day", "busy-day",
          "loadtest.profiles.sustained.compression", "144", "loadtest.profiles.sustained.duration", "10m"));
      assertRefused(SustainedSimulation.class, staging, "loadtest.profiles.sustained.compression = '144': "
          + "compressed 144x: peak 16.8/s = 2.0 x Burst, mean 6.67/s against staging.stub.invalid, which is not loopback: "
          + "above the Burst rate it needs an approval as production does; set -Dloadtest.safety.approval.ticket=<change id> "
          + "-Dloadtest.safety.approval.host=staging.stub.invalid, or lower loadtest.profiles.sustained.compression");
      assertEquals(0, requests.get(), "refused before any request, not even the health check");
      properties.clear();

      // Approved for that host: past the rule, on to the health check, which the stub fails.
      staging.putAll(Map.of("loadtest.safety.approval.ticket", "CHG-7", "loadtest.safety.approval.host", "staging.stub.invalid"));
      GatlingRunner.Result approved = run(SustainedSimulation.class, staging);
      assertNotEquals(0, approved.exitCode());
      Throwable thrown = approved.failure();
      while (thrown != null && !thrown.toString().contains("failed its health check") && thrown.getCause() != null) {
        thrown = thrown.getCause();
      }
      assertTrue(String.valueOf(thrown).contains("GET /api/health/ answered 503"), String.valueOf(approved.failure()));
      assertEquals(1, requests.get(), "the health check, and no load");
      assertEquals(List.of(), GatlingRunner.runDirectories(results), "no simulation.log: nothing ran");
    } finally {
      server.stop(0);
    }
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
