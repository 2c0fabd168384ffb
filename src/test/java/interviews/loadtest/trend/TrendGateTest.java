package interviews.loadtest.trend;

import static interviews.loadtest.trend.TrendRuns.args;
import static interviews.loadtest.trend.TrendRuns.build;
import static interviews.loadtest.trend.TrendRuns.capacity;
import static interviews.loadtest.trend.TrendRuns.day;
import static interviews.loadtest.trend.TrendRuns.run;
import static interviews.loadtest.trend.TrendRuns.trend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.trend.TrendRuns.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regression gate over histories of real run folders: a regression is caught, noise is not,
 * a capacity drop is, only runs like the current one count, too few runs judge nothing, unusable
 * files are skipped, and the exit status follows on-regression.
 */
class TrendGateTest {

  @TempDir
  Path base;

  /** Builds 1 to 5: p95 400, 410, 390, 420, 405 ms: baseline 405 ms ± 40.5 (the 10 % floor; 3 x scaled MAD is 22.2). */
  private Path history() {
    long[] p95 = {400, 410, 390, 420, 405};
    Path history = base.resolve("history");
    for (int i = 0; i < p95.length; i++) {
      build(history, i + 1, p95[i], true);
    }
    return history;
  }

  /** The current run, build 6, in this workspace's results. */
  private Path current(long p95) {
    return run(base.resolve("target/gatling/burstsimulation-6"), "build-6", TrendRuns.SIMULATION, TrendRuns.TARGET, day(6),
        p95, true);
  }

  @Test
  void aRealRegressionIsCaughtAndTheBuildMarkedUnstable() throws IOException {
    history();
    Path run = current(600);
    Result r = trend(base, args("--label", "6"));
    assertEquals(0, r.status(), "on-regression = unstable: exit 0\n" + r.out() + r.err());
    assertTrue(r.out().contains("[trend] p95: global p95 600 ms is above the baseline band 405 + 40.5 = 445.5 ms"
        + " (median of 5 passing runs 1 to 5): a regression"), r.out());
    assertTrue(r.out().contains("[trend] wrote "), r.out());
    assertEquals("", r.err());
    String junit = Files.readString(run.resolve("trend-junit.xml"));
    assertTrue(junit.contains("<testcase classname=\"trend\" name=\"p95\""), junit);
    assertTrue(junit.contains("<failure type=\"Regression\""), junit);
    assertTrue(junit.contains("current: 600 ms") && junit.contains("baseline: 405 ms (median of 5 passing runs: 1, 2, 3, 4, 5)")
        && junit.contains("band: ± 40.5 ms") && junit.contains("limit: at most 445.5 ms"), junit);
    assertTrue(Files.isRegularFile(run.resolve("trend.html")) && Files.isRegularFile(run.resolve("trend.csv")));
  }

  @Test
  void aChangeWithinTheNoiseIsNoRegression() throws IOException {
    history();
    Path run = current(440);
    Result r = trend(base, args(), "loadtest.trend.on-regression", "fail");
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("global p95 440 ms is within the baseline 405 ± 40.5 ms"), r.out());
    assertFalse(Files.readString(run.resolve("trend-junit.xml")).contains("<failure"));
  }

  @Test
  void withOnRegressionFailTheCommandExitsOneAfterWritingEveryFile() throws IOException {
    history();
    Path run = current(600);
    Result r = trend(base, args(), "loadtest.trend.on-regression", "fail");
    assertEquals(TrendMain.REGRESSION, r.status());
    assertEquals("[trend] regression: BurstSimulation trend.p95 beyond the baseline band (loadtest.trend.on-regression = fail)\n",
        r.err().replace("\r\n", "\n"));
    for (String file : new String[] {"trend.html", "trend.csv", "trend-junit.xml"}) {
      assertTrue(Files.isRegularFile(run.resolve(file)), file);
    }
  }

  @Test
  void eachJudgesEveryRunOfTheBuildAgainstItsOwnKind() throws IOException {
    history();
    Path burst = current(600);
    // A Smoke of the same build: no earlier Smoke, so no baseline, but its files all the same.
    Path smoke = run(base.resolve("target/gatling/smokesimulation-6"), "smoke-6", "SmokeSimulation", TrendRuns.TARGET,
        day(6).minusSeconds(600), 300, true);
    Result r = trend(base, args("--each", "--history", "history", "--label", "6"), "loadtest.trend.on-regression", "fail");
    assertEquals(TrendMain.REGRESSION, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("[trend] SmokeSimulation run 6 against "), r.out());
    assertTrue(r.out().indexOf("SmokeSimulation run 6") < r.out().indexOf("BurstSimulation run 6"), "in the order they ran: " + r.out());
    assertTrue(r.out().contains("no baseline yet"), r.out());
    assertEquals("[trend] regression: BurstSimulation trend.p95 beyond the baseline band (loadtest.trend.on-regression = fail)\n",
        r.err().replace("\r\n", "\n"));
    for (Path run : new Path[] {burst, smoke}) {
      for (String file : new String[] {"trend.html", "trend.csv", "trend-junit.xml"}) {
        assertTrue(Files.isRegularFile(run.resolve(file)), run + " " + file);
      }
    }
    assertFalse(Files.readString(smoke.resolve("trend-junit.xml")).contains("<failure"));
    assertTrue(Files.readString(burst.resolve("trend-junit.xml")).contains("<failure"));

    Result both = trend(base, args("--each", burst.toString()));
    assertEquals(TrendMain.NO_TREND, both.status());
    assertTrue(both.err().startsWith("[trend] no trend: --each judges every run under --results"), both.err());
    Result none = trend(base, args("--each", "--results", "empty-results"));
    assertEquals(TrendMain.NO_TREND, none.status());
  }

  @Test
  void aCapacityDropIsARegressionAndASmallDipIsNot() {
    Path history = base.resolve("history");
    double[] found = {22, 21, 22, 23, 22};
    for (int i = 0; i < found.length; i++) {
      capacity(history, i + 1, found[i], 400L);
    }
    // Median 22, MAD 0: band 5 % of 22 = 1.1, so below 20.9 journeys/s is a drop.
    Path dip = capacity(base.resolve("dip"), 6, 21.5, 400L);
    Result ok = trend(base, args(dip.toString(), "--history", "history"), "loadtest.trend.on-regression", "fail");
    assertEquals(0, ok.status(), ok.out() + ok.err());
    assertTrue(ok.out().contains("[trend] capacity: highest rate within the SLOs (open model) 21.5 journeys/s is within"
        + " the baseline 22 ± 1.1 journeys/s"), ok.out());
    assertTrue(ok.out().contains("[trend] capacity-users: most concurrent users within the SLOs (closed model) 400 users"
        + " is within"), ok.out());

    Path drop = capacity(base.resolve("drop"), 6, 17, 400L);
    Result bad = trend(base, args(drop.toString(), "--history", "history"), "loadtest.trend.on-regression", "fail");
    assertEquals(TrendMain.REGRESSION, bad.status(), bad.out());
    assertTrue(bad.out().contains("17 journeys/s is below the baseline band 22 - 1.1 = 20.9 journeys/s"), bad.out());
    assertTrue(bad.err().contains("trend.capacity beyond the baseline band"), bad.err());
  }

  @Test
  void onlyRunsOfTheSameSimulationTargetAndProfileAreTheBaseline() throws IOException {
    Path history = history();
    // Faster runs against another target, and another simulation: none of them is this run's baseline.
    for (int n = 7; n <= 11; n++) {
      run(history.resolve(n + "/target/gatling/burstsimulation-" + n), "other-" + n, TrendRuns.SIMULATION,
          "https://staging.example.test", day(n - 6).plusSeconds(60), 100, true);
      run(history.resolve(n + "/target/gatling/loginsimulation-" + n), "login-" + n, "LoginSimulation",
          TrendRuns.TARGET, day(n - 6).plusSeconds(120), 100, true);
    }
    Path run = current(420);
    Result r = trend(base, args());
    assertEquals(0, r.status());
    assertTrue(r.out().contains("5 earlier runs like it"), r.out());
    assertTrue(r.out().contains("within the baseline 405 ± 40.5 ms"), r.out());
    assertEquals(1 + 6, Files.readAllLines(run.resolve("trend.csv")).size(), "the header, 5 earlier runs and this one");
  }

  @Test
  void theEmbeddedTargetIsTheSameTargetOnAnyPortButNotWithOtherSettings() throws IOException {
    Path history = base.resolve("history");
    for (int n = 1; n <= 3; n++) {
      TrendRuns.embedded(history.resolve(n + "/target/gatling/burstsimulation-" + n), "e-" + n, day(n), 40000 + n, 8, 400);
    }
    for (int n = 4; n <= 5; n++) {
      TrendRuns.embedded(history.resolve(n + "/target/gatling/burstsimulation-" + n), "e-" + n, day(n), 40000 + n, 4, 100);
    }
    Path run = TrendRuns.embedded(base.resolve("target/gatling/burstsimulation-6"), "e-6", day(6), 40100, 8, 420);
    Result r = trend(base, args());
    assertTrue(r.out().contains("[trend] BurstSimulation run 2026-01-07 02:00 against the embedded reference target:"
        + " 3 earlier runs like it"), r.out());
    assertTrue(r.out().contains("within the baseline 400 ± 40 ms (median of 3 passing runs 1 to 3)"), r.out());
    assertTrue(Files.readString(run.resolve("trend.html")).contains("the embedded reference target"));
  }

  @Test
  void tooFewPassingRunsIsNoBaselineYetAndGatesNothing() throws IOException {
    Path history = base.resolve("history");
    build(history, 1, 400, true);
    build(history, 2, 410, true);
    build(history, 3, 5000, false);
    build(history, 4, 5000, false);
    Path run = current(900);
    Result r = trend(base, args(), "loadtest.trend.on-regression", "fail");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("[trend] p95: global p95 900 ms; no baseline yet: 2 passing runs like this one before it,"
        + " 3 needed (loadtest.trend.min-runs)"), r.out());
    String junit = Files.readString(run.resolve("trend-junit.xml"));
    assertTrue(junit.contains("<skipped message=\"global p95 900 ms; no baseline yet"), junit);
    assertTrue(junit.contains("failures=\"0\"") && junit.contains("skipped=\"1\""), junit);
  }

  @Test
  void theBaselineIsTheLastPassingRunsBeforeTheCurrentOne() {
    Path history = base.resolve("history");
    // Old, slow builds 1 to 3 fall out of a baseline of 3 runs; failed build 7 is left out; build 9 is after the current run.
    long[] p95 = {900, 900, 900, 400, 400, 400, 5000};
    for (int i = 0; i < p95.length; i++) {
      build(history, i + 1, p95[i], i != 6);
    }
    build(history, 9, 100, true);
    Path run = run(history.resolve("8/target/gatling/burstsimulation-8"), "build-8", TrendRuns.SIMULATION, TrendRuns.TARGET,
        day(8), 500, true);
    Result r = trend(base, args(run.toString()), "loadtest.trend.baseline-runs", "3");
    assertTrue(r.out().contains("[trend] BurstSimulation run 8 against"), r.out());
    assertTrue(r.out().contains("global p95 500 ms is above the baseline band 400 + 40 = 440 ms (median of 3 passing runs 4 to 6)"),
        r.out());
  }

  @Test
  void unusableFilesAreSkippedWithOneLineEach() throws IOException {
    history();
    Path broken = base.resolve("history/7/target/gatling/burstsimulation-7/summary.json");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "{ \"schema\": ");
    Path old = build(base.resolve("history"), 8, 400, true).resolve("summary.json");
    Files.writeString(old, Files.readString(old).replace("interviews-loadtest-results/4", "interviews-loadtest-results/1"));
    Path merged = base.resolve("history/9/target/merged/summary.json");
    Files.createDirectories(merged.getParent());
    Files.writeString(merged, "{\"schema\":\"interviews-loadtest-results/4\",\"merged\":[\"a\",\"b\"]}");
    Path capacity = base.resolve("history/2/target/gatling/burstsimulation-2/capacity.json");
    Files.writeString(capacity, "{\"format\":\"interviews-loadtest-capacity/0\"}");
    current(420);
    Result r = trend(base, args());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("[trend] skipped " + capacity + ": format 'interviews-loadtest-capacity/0' is not"
        + " interviews-loadtest-capacity/1 (the run is kept without its capacity)"), r.out());
    assertTrue(r.out().contains("5 earlier runs like it"), r.out());
    assertTrue(r.out().contains("[trend] skipped " + broken + ": not valid JSON"), r.out());
    assertTrue(r.out().contains("[trend] skipped " + old + ": schema 'interviews-loadtest-results/1' is not a run summary"),
        r.out());
    assertTrue(r.out().contains("[trend] skipped " + merged + ": a merged summary of several runs, not one run"), r.out());
    assertEquals(4, TrendRuns.count(r.out(), "[trend] skipped "), r.out());
    assertTrue(r.out().contains("within the baseline 405 ± 40.5 ms"), r.out());
  }

  @Test
  void aMissingHistoryIsOneLineUnlessItIsTheOptionalDefault() {
    current(420);
    Result none = trend(base, args());
    assertEquals(0, none.status(), "no history folder at the default place: only this run\n" + none.err());
    assertTrue(none.out().contains("0 earlier runs like it"), none.out());
    assertTrue(none.out().contains("no baseline yet: 0 passing runs"), none.out());

    Result missing = trend(base, args("--history", "builds"));
    assertEquals(TrendMain.NO_TREND, missing.status());
    assertEquals("[trend] no trend: history folder " + base.resolve("builds") + " does not exist\n",
        missing.err().replace("\r\n", "\n"));
    assertEquals("", missing.out());
  }

  @Test
  void withoutAnyRunThereIsNothingToJudge() {
    Result r = trend(base, args());
    assertEquals(TrendMain.NO_TREND, r.status());
    assertTrue(r.err().startsWith("[trend] no trend: no run to judge: no readable summary.json under "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void theCurrentRunIsTheNewestOfTheResults() {
    history();
    run(base.resolve("target/gatling/burstsimulation-a"), "late", TrendRuns.SIMULATION, TrendRuns.TARGET, day(7), 420, true);
    run(base.resolve("target/gatling/burstsimulation-b"), "early", TrendRuns.SIMULATION, TrendRuns.TARGET, day(6), 999, true);
    Result r = trend(base, args());
    assertTrue(r.out().contains("run 2026-01-08 02:00 against"), r.out());
    assertTrue(r.out().contains("6 earlier runs like it"), r.out());
    assertTrue(Files.isRegularFile(base.resolve("target/gatling/burstsimulation-a/trend.html")));
    assertFalse(Files.exists(base.resolve("target/gatling/burstsimulation-b/trend.html")));
  }
}
