package interviews.loadtest.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import interviews.loadtest.testing.BusyCores;
import interviews.loadtest.testing.ForkedGatling;
import interviews.loadtest.testing.GatlingRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a run ends early leaves its report and its files, on a machine kept busy: a run stopped
 * by the watchdog (while the first answers come in, and before any), by SIGTERM (a Jenkins abort)
 * or SIGINT (Ctrl-C) during the load, and by its time limit with every request in flight. Each case
 * runs Gatling in a JVM of its own, as {@code mvn gatling:test} does, while this JVM keeps every
 * core busy ({@link BusyCores}): a watchdog fires because the machine is loaded, and the race this
 * guards against showed only under load. The same runs, 20 times each, are
 * {@code benchmarks/stop-paths.sh}.
 *
 * <p>The cause it guards against: Gatling builds no report of a run in which no request was
 * answered ("There were no requests sent during the simulation"); on a busy machine a watchdog
 * could stop a run before its first answer, leaving no index.html.
 */
class StopPathsTest {

  private static final List<String> FILES = List.of("summary.json", "series.csv", "slo-junit.xml", "histograms.hlog");

  @TempDir
  Path dir;

  /** A Burst against the embedded target with one request handler and logins taking {@code login}. */
  private ForkedGatling burst(String name, String login) {
    return new ForkedGatling(BurstSimulation.class, dir.resolve(name))
        .property("reference-target.handlers.count", "1")
        .property("reference-target.service-time.login", login)
        .property("loadtest.profiles.burst.ramp", "0s")
        .property("loadtest.profiles.burst.hold", "60s");
  }

  private static ForkedGatling watchdog(ForkedGatling run) {
    return run.property("loadtest.slo.response-time.abort-on-fail.enabled", "true")
        .property("loadtest.slo.response-time.abort-on-fail.window", "4s");
  }

  @RepeatedTest(3)
  void aRunTheWatchdogStopsEndsInOneLineWithItsReportAndFilesWrittenAndNoStackTrace() throws Exception {
    Stopped s = run(watchdog(burst("watchdog", "2500ms")));
    assertEquals(1, s.exit(), s.all());
    assertTrue(s.line().startsWith("[loadtest] Burst stopped early: SLO watchdog: response-time"), s.all());
    assertEquals("watchdog", s.summary().at("/stoppedEarly/by").asText());
  }

  @Test
  void aRunTheWatchdogStopsBeforeAnyAnswerLeavesAPageSayingWhyGatlingBuiltNoReport() throws Exception {
    Stopped s = run(watchdog(burst("hang", "6000ms")));
    assertEquals(1, s.exit(), s.all());
    assertTrue(s.line().startsWith("[loadtest] Burst stopped early: SLO watchdog: response-time"), s.all());
    assertTrue(s.line().matches(".*; no request was answered \\(\\d+ still in flight when it ended\\)"), s.line());
    assertEquals(0, s.summary().at("/global/requests").asLong(), "no request was answered");
    String page = Files.readString(s.folder().resolve("index.html"));
    assertTrue(page.contains("There were no requests sent during the simulation"), "the page gives Gatling's reason");
    assertTrue(page.contains("class=\"point\""), "the page draws the requests in flight, second by second");
  }

  @Test
  void sigtermDuringTheLoadStopsItAndLeavesGatlingsReportAndTheFiles() throws Exception {
    interrupted("TERM", 143);
  }

  @Test
  void sigintAsCtrlCDoesTheSame() throws Exception {
    interrupted("INT", 130);
  }

  private void interrupted(String signal, int status) throws Exception {
    Stopped s = run(new ForkedGatling(BurstSimulation.class, dir.resolve("sig" + signal))
        .property("loadtest.profiles.burst.ramp", "0s")
        .property("loadtest.profiles.burst.hold", "60s")
        .signalAfterStart(signal, Duration.ofSeconds(4)));
    assertEquals(status, s.exit(), "the JVM ends with the signal's status\n" + s.all());
    assertEquals("[loadtest] Burst stopped early: the process received SIGTERM or SIGINT (a Jenkins abort, Ctrl-C)",
        s.line(), s.all());
    assertEquals("interrupted", s.summary().at("/stoppedEarly/by").asText());
    assertTrue(s.summary().at("/global/requests").asLong() > 0, "the load ran until the signal");
    assertTrue(s.summary().at("/durationSeconds").asDouble() < 50, "stopped, not run to its end: " + s.summary().at("/durationSeconds"));
    String page = Files.readString(s.folder().resolve("index.html"));
    assertFalse(page.contains("no Gatling report"), "Gatling's own report");
    String junit = Files.readString(s.folder().resolve("slo-junit.xml"));
    assertTrue(junit.contains("<testcase classname=\"run\" name=\"interrupted\""), junit);
  }

  @Test
  void anInterruptedCapacitySearchStillWritesWhatItFoundSoFar() throws Exception {
    Stopped s = run(new ForkedGatling(CapacitySimulation.class, dir.resolve("capacity"))
        .signalAfterStart("TERM", Duration.ofSeconds(8)));
    assertEquals(143, s.exit(), s.all());
    assertEquals("[loadtest] Capacity stopped early: the process received SIGTERM or SIGINT (a Jenkins abort, Ctrl-C)",
        s.line(), s.all());
    JsonNode capacity = new ObjectMapper().readTree(s.folder().resolve("capacity.json").toFile());
    assertTrue(capacity.toString().contains("search ended by interrupted"), capacity.toString());
    assertTrue(Files.isRegularFile(s.folder().resolve("capacity.html")));
  }

  @Test
  void theTimeLimitEndingARunWithEveryRequestInFlightFailsItInOneLineWithAPageSayingWhy() throws Exception {
    Stopped s = run(burst("limit", "60s")
        .property("loadtest.profiles.burst.hold", "3s")
        .property("loadtest.max-duration", "8s"));
    assertEquals(1, s.exit(), s.all());
    assertTrue(s.line().matches("\\[loadtest\\] Burst failed: no request was answered \\(\\d+ still in flight when it ended\\)"),
        s.all());
    assertTrue(s.summary().path("stoppedEarly").isNull(), "the time limit is no early stop: " + s.summary().path("stoppedEarly"));
    assertFalse(s.summary().path("passed").asBoolean(true));
    assertTrue(Files.readString(s.folder().resolve("index.html")).contains("no Gatling report"));
  }

  // ------------------------------------------------------------------------------------------

  /** What a run that ended early left: its exit status, its last line, its run folder and summary. */
  private record Stopped(int exit, String line, String all, Path folder, JsonNode summary) {}

  /**
   * Runs {@code fork} while every core is kept busy, and checks what every run that ends early
   * must leave: index.html and the four files in its run folder, one line on standard error, no
   * stack trace, and a summary that did not pass.
   */
  private static Stopped run(ForkedGatling fork) throws Exception {
    ForkedGatling.Result r;
    try (BusyCores busy = BusyCores.all()) {
      r = fork.run(6);
    }
    String all = String.join("\n", r.allLines());
    assertTrue(r.allLines().stream().noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")), "no stack trace:\n" + all);
    List<String> ours = r.stderr().stream().filter(l -> l.startsWith("[loadtest] ")).toList();
    assertEquals(1, ours.size(), "one line of the suite on standard error:\n" + all);
    Path folder = runFolder(fork);
    assertNotNull(folder, "Gatling wrote no run folder:\n" + all);
    assertTrue(Files.isRegularFile(folder.resolve("index.html")), "the report was written:\n" + all);
    for (String f : FILES) {
      assertTrue(Files.isRegularFile(folder.resolve(f)), f + " was written:\n" + all);
    }
    JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
    assertFalse(summary.path("passed").asBoolean(true), "a run that ended early did not pass");
    return new Stopped(r.exitCode(), ours.get(0), all, folder, summary);
  }

  /** The one Gatling run folder under the fork's results folder. */
  private static Path runFolder(ForkedGatling fork) {
    List<Path> folders = GatlingRunner.runDirectories(fork.resultsFolder());
    return folders.size() == 1 ? folders.get(0) : null;
  }
}
