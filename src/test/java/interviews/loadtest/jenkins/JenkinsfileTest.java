package interviews.loadtest.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.jenkins.DeclarativePipeline.Build;
import interviews.loadtest.jenkins.DeclarativePipeline.Run;
import interviews.loadtest.jenkins.DeclarativePipeline.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The top-level Jenkinsfile, run on JenkinsPipelineUnit with a stand-in for declarative syntax
 * ({@link DeclarativePipeline}): its stages and their order, its parameters, where the target and
 * the credentials go (the load stages, never the tests), what it publishes, and its gates.
 */
class JenkinsfileTest {

  private static final Map<String, String> JENKINS = Map.of("JOB_NAME", "interview-load/nightly", "BUILD_NUMBER", "42",
      "WORKSPACE", "/var/jenkins/workspace/nightly");
  private static final Map<String, String> WITH_STAGING = with(JENKINS, Map.of(
      "STAGING_URL", "https://staging.interviews.example", "STAGING_ALLOWED_HOSTS", "staging.interviews.example, *.perf.example",
      "STAGING_USERS_CREDENTIAL", "staging-users"));
  private static final String PAGES = "burstsimulation-20261127/index.html\nburstsimulation-20261127/trend.html\n"
      + "capacitysimulation-20261127/capacity.html\ncapacitysimulation-20261127/index.html";

  private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(base);
    all.putAll(more);
    return all;
  }

  /** Runs the Jenkinsfile; every sh succeeds unless {@code failing} says otherwise; Sunday when {@code sunday}. */
  private static Run run(Map<String, Object> params, Map<String, String> env, Build build, boolean sunday,
      Function<String, Integer> failing) throws Exception {
    Function<String, String> stdout = command -> command.startsWith("date") ? (sunday ? "7\n" : "3\n")
        : command.contains("find . ") ? PAGES : "";
    Run run = new DeclarativePipeline(params, env, build, stdout, failing).run("Jenkinsfile");
    if (run.failure() != null) {
      throw new AssertionError("the Jenkinsfile did not run to its end", run.failure());
    }
    return run;
  }

  private static Run nightly(Map<String, String> env, boolean sunday) throws Exception {
    return run(Map.of(), env, Build.numbered(42, 5, true), sunday, command -> 0);
  }

  private static List<String> loadCommands(Run run) {
    return run.shell().stream().filter(c -> c.contains("gatling:test")).toList();
  }

  @Test
  void stagesRunInOrderAndTheNightlyGoesToStagingFromTheJenkinsEnvironment() throws Exception {
    Run run = nightly(WITH_STAGING, false);
    assertEquals(List.of("Target:ran", "Suite tests:ran", "Smoke:ran", "Load:ran", "Capacity:skipped"),
        run.stages().stream().map(s -> s.name() + ":" + s.status()).toList());
    assertEquals(List.of("cron H 2 * * *"), run.triggers());
    assertEquals(List.of(
        "./mvnw -B -ntp gatling:test -Dsimulation=Smoke \"-Dgatling.runDescription=$JOB_NAME #$BUILD_NUMBER\"",
        "./mvnw -B -ntp gatling:test -Dsimulation=Burst \"-Dgatling.runDescription=$JOB_NAME #$BUILD_NUMBER\"",
        "./mvnw -B -ntp gatling:test -Dsimulation=Sustained \"-Dgatling.runDescription=$JOB_NAME #$BUILD_NUMBER\""),
        loadCommands(run));
    assertEquals("Burst + Sustained against https://staging.interviews.example", run.description());
    for (Step load : run.steps("sh").stream().filter(s -> s.text().contains("gatling:test")).toList()) {
      assertEquals("https://staging.interviews.example", load.env().get("LOADTEST_TARGET_BASE_URL"), load.text());
      assertEquals("[\"staging.interviews.example\", \"*.perf.example\"]", load.env().get("LOADTEST_SAFETY_ALLOWED_HOSTS"));
      assertEquals("/jenkins/secrets/staging-users", load.env().get("LOADTEST_FEEDERS_USERS"), "the staging accounts' file");
      assertEquals("busy-day", load.env().get("LOADTEST_PROFILES_SUSTAINED_DAY"));
      assertFalse(load.env().containsKey("LOADTEST_SAFETY_APPROVAL_TICKET"), "an empty parameter sets nothing");
    }
    List<Step> credentials = run.steps("withCredentials");
    assertEquals(2, credentials.size(), "the credential is bound around the runs of each load stage, Smoke and Load");
    assertTrue(credentials.stream().allMatch(s -> List.of("Smoke", "Load").contains(s.stage())), credentials.toString());
  }

  @Test
  void noRunParameterOrCredentialReachesTheSuiteTests() throws Exception {
    Run run = run(Map.of("TARGET_URL", "https://staging.interviews.example", "ALLOWED_HOSTS", "staging.interviews.example",
        "APPROVAL_TICKET", "CHG-1234", "APPROVAL_HOST", "staging.interviews.example", "USERS_CREDENTIAL", "staging-users",
        "SUSTAINED_DAY", "quiet-day"), WITH_STAGING, Build.numbered(42, 1, false), false, command -> 0);
    List<Step> tests = run.steps("sh").stream().filter(s -> s.stage().equals("Suite tests")).toList();
    assertEquals(List.of("./mvnw -B -ntp test"), tests.stream().map(Step::text).toList());
    Step step = tests.get(0);
    assertEquals(List.of(), step.env().keySet().stream().filter(k -> k.startsWith("LOADTEST_")).toList(), "the tests' environment");
    assertFalse(step.env().containsValue("CHG-1234"));
    Step smoke = run.steps("sh").stream().filter(s -> s.stage().equals("Smoke")).findFirst().orElseThrow();
    assertEquals("CHG-1234", smoke.env().get("LOADTEST_SAFETY_APPROVAL_TICKET"));
    assertEquals("staging.interviews.example", smoke.env().get("LOADTEST_SAFETY_APPROVAL_HOST"));
    assertEquals("quiet-day", smoke.env().get("LOADTEST_PROFILES_SUSTAINED_DAY"));
  }

  @Test
  void withoutStagingTheNightlyRunsTheEmbeddedTargetAndSaysSo() throws Exception {
    Run run = nightly(JENKINS, false);
    assertEquals("Burst + Sustained against the EMBEDDED reference target: no staging configured "
        + "(TARGET_URL and STAGING_URL are empty)", run.description());
    for (String command : loadCommands(run)) {
      Step step = run.steps("sh").stream().filter(s -> s.text().equals(command)).findFirst().orElseThrow();
      assertNull(step.env().get("LOADTEST_TARGET_BASE_URL"), "no target: the suite starts its embedded one");
      assertNull(step.env().get("LOADTEST_FEEDERS_USERS"), "the synthetic accounts");
    }
    assertEquals(List.of(), run.steps("withCredentials"));
  }

  @Test
  void aFailedSmokeStopsTheLoadButEverythingIsStillPublished() throws Exception {
    Run run = run(Map.of(), WITH_STAGING, Build.numbered(42, 5, true), false,
        command -> command.contains("-Dsimulation=Smoke") ? 1 : 0);
    assertEquals("failed", run.status("Smoke"));
    assertEquals("not run", run.status("Load"));
    assertEquals("not run", run.status("Capacity"));
    assertEquals("FAILURE", run.result());
    assertEquals(1, loadCommands(run).size(), "only Smoke sent load");
    assertEquals(1, run.steps("publishHTML").size(), "the reports are published after a failure too");
    assertEquals(1, run.steps("archiveArtifacts").size());
  }

  @Test
  void theCapacitySearchRunsOnTheSundayNightlyOrWhenAsked() throws Exception {
    Run sunday = nightly(WITH_STAGING, true);
    assertEquals("ran", sunday.status("Capacity"));
    assertEquals("Burst + Sustained + Capacity against https://staging.interviews.example", sunday.description());
    assertEquals(1, sunday.shell().stream().filter(c -> c.startsWith("date")).count(),
        "the day is asked once: the description and the stage agree");
    assertEquals("skipped", nightly(WITH_STAGING, false).status("Capacity"));
    // A build started by hand on a Sunday is no nightly.
    Run byHand = run(Map.of(), WITH_STAGING, Build.numbered(42, 5, false), true, command -> 0);
    assertEquals("skipped", byHand.status("Capacity"));
    Run asked = run(Map.of("CAPACITY_SEARCH", "yes", "SIMULATION", "Smoke"), WITH_STAGING, Build.numbered(42, 5, false),
        false, command -> 0);
    assertEquals("ran", asked.status("Capacity"));
    assertEquals("Smoke + Capacity against https://staging.interviews.example", asked.description());
    assertTrue(loadCommands(asked).get(loadCommands(asked).size() - 1).contains("-Dsimulation=Capacity"));
    Run never = run(Map.of("CAPACITY_SEARCH", "no"), WITH_STAGING, Build.numbered(42, 5, true), true, command -> 0);
    assertEquals("skipped", never.status("Capacity"));
  }

  @Test
  void aSoakRunsSustainedLongerWithItsTimeLimit() throws Exception {
    Run run = run(Map.of("SIMULATION", "Sustained", "SOAK_DURATION", "12h"), JENKINS, Build.numbered(7, 0, false), false,
        command -> 0);
    assertEquals(List.of("-Dsimulation=Smoke", "-Dsimulation=Sustained -Dloadtest.profiles.sustained.duration=12h"),
        loadCommands(run).stream().map(c -> c.replaceAll("^.*gatling:test (.*?) \"-Dgatling.*$", "$1")).toList());
    assertTrue(run.steps("timeout").stream().anyMatch(s -> Integer.valueOf(13).equals(s.arg("time"))),
        "the Load stage's limit: the soak and an hour");
  }

  @Test
  void publishesReportsJunitAndArchivesAndChecksThePages() throws Exception {
    Run run = nightly(WITH_STAGING, false);
    Step html = run.steps("publishHTML").get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> target = (Map<String, Object>) html.arg("target");
    assertEquals("target/gatling", target.get("reportDir"));
    assertEquals(PAGES.replace('\n', ','), target.get("reportFiles"));
    assertEquals("burstsimulation-20261127,burstsimulation-20261127 trend.html,capacitysimulation-20261127 capacity.html,"
        + "capacitysimulation-20261127", target.get("reportTitles"));
    assertEquals(true, target.get("keepAll"));
    assertEquals(true, target.get("alwaysLinkToLastBuild"));
    assertEquals(List.of("target/surefire-reports/*.xml",
        "target/gatling/**/slo-junit.xml, target/gatling/**/trend-junit.xml"),
        run.steps("junit").stream().map(s -> s.arg("testResults") == null ? s.text() : String.valueOf(s.arg("testResults"))).toList());
    assertEquals("target/gatling/**", run.steps("archiveArtifacts").get(0).arg("artifacts"));
    assertTrue(run.shell().contains("./mvnw -B -ntp -q compile exec:java@check-pages -Dexec.args=target/gatling"), run.shell().toString());
    Run noPages = run(Map.of("CHECK_PAGES", false), WITH_STAGING, Build.numbered(42, 5, true), false, command -> 0);
    assertTrue(noPages.shell().stream().noneMatch(c -> c.contains("check-pages")));
  }

  @Test
  void pagesThatDoNotDrawMakeTheBuildUnstableNotFailed() throws Exception {
    Run run = run(Map.of(), WITH_STAGING, Build.numbered(42, 5, true), false, command -> command.contains("check-pages") ? 1 : 0);
    assertEquals("UNSTABLE", run.result());
    assertEquals(1, run.steps("publishHTML").size());
    // After a failed Smoke the build stays failed: unstable is no better.
    Run afterSmoke = run(Map.of(), WITH_STAGING, Build.numbered(42, 5, true), false,
        command -> command.contains("check-pages") || command.contains("-Dsimulation=Smoke") ? 1 : 0);
    assertEquals("FAILURE", afterSmoke.result());
  }

  @Test
  void trendsCompareWithTheEarlierBuildsArchivedSummaries() throws Exception {
    Run run = run(Map.of("TREND_BUILDS", "3", "ON_REGRESSION", "fail"), WITH_STAGING, Build.numbered(42, 5, true), false,
        command -> 0);
    List<Step> copies = run.steps("copyArtifacts");
    assertEquals(List.of("history/41", "history/40", "history/39"), copies.stream().map(s -> String.valueOf(s.arg("target"))).toList());
    assertEquals("interview-load/nightly", copies.get(0).arg("projectName"));
    assertEquals(Map.of("specific", "41"), copies.get(0).arg("selector"));
    assertEquals(true, copies.get(0).arg("optional"));
    assertTrue(String.valueOf(copies.get(0).arg("filter")).contains("summary.json"));
    assertTrue(run.shell().contains("./mvnw -B -ntp -q compile exec:java@trend \"-Dexec.args=--each --history history"
        + " --label $BUILD_NUMBER\" -Dloadtest.trend.on-regression=fail"), run.shell().toString());
    assertEquals("SUCCESS", run.result());
    assertEquals("rm -rf target/gatling history", run.shell().get(0), "this build's runs only");
    Run first = run(Map.of(), JENKINS, Build.numbered(1, 0, true), false, command -> 0);
    assertEquals(List.of(), first.steps("copyArtifacts"), "the first build has no history");
  }

  @Test
  void aRegressionWithOnRegressionFailFailsTheBuildAndStillPublishes() throws Exception {
    Run failed = run(Map.of("ON_REGRESSION", "fail"), WITH_STAGING, Build.numbered(42, 5, true), false,
        command -> command.contains("exec:java@trend") ? 1 : 0);
    assertEquals("FAILURE", failed.result());
    assertEquals(1, failed.steps("publishHTML").size());
    assertEquals(1, failed.steps("archiveArtifacts").size());
    // Nothing to judge (status 3): said, and no verdict on the build.
    Run nothing = run(Map.of(), WITH_STAGING, Build.numbered(42, 5, true), false,
        command -> command.contains("exec:java@trend") ? 3 : 0);
    assertEquals("SUCCESS", nothing.result());
    assertTrue(nothing.steps("echo").stream().anyMatch(s -> s.text().startsWith("No trend for this build")));
  }

  @Test
  void aBadTrendBuildsStopsTheBuildBeforeAnyLoadInOneLine() throws Exception {
    Run run = run(Map.of("TREND_BUILDS", "twenty"), WITH_STAGING, Build.numbered(42, 5, true), false, command -> 0);
    assertEquals("failed", run.status("Target"));
    assertEquals("not run", run.status("Suite tests"));
    assertEquals(List.of(), loadCommands(run), "no load");
    assertEquals(List.of("TREND_BUILDS = 'twenty': must be a whole number of earlier builds, 0 to 9999"),
        run.steps("error").stream().map(Step::text).toList());
  }

  @Test
  void declaresTheParametersTheTeamSets() throws Exception {
    Run run = nightly(JENKINS, false);
    assertEquals(List.of("TARGET_URL", "ALLOWED_HOSTS", "APPROVAL_TICKET", "APPROVAL_HOST", "USERS_CREDENTIAL", "SIMULATION",
        "SUSTAINED_DAY", "SOAK_DURATION", "CAPACITY_SEARCH", "ON_REGRESSION", "TREND_BUILDS", "CHECK_PAGES"),
        run.parameters().stream().map(DeclarativePipeline.Parameter::name).toList());
    assertEquals("Burst+Sustained", run.parameters().stream().filter(p -> p.name().equals("SIMULATION")).findFirst()
        .orElseThrow().defaultValue(), "the nightly takes the defaults");
  }
}
