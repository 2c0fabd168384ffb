package interviews.loadtest.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.TestConfigs;
import interviews.loadtest.profiles.Sustained;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's arithmetic from made-up capacity results: every recommendation and its figures, the
 * "at least" of a search without a limit, and the one-line refusals of missing or contradicting
 * inputs.
 */
class ScalingPlanTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path run;

  /** A step of capacity.json's open model. */
  private static Map<String, Object> step(double offered, boolean good, double concurrency, Map<String, Object> server) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("model", "open");
    s.put("offered", offered);
    s.put("good", good);
    s.put("concurrency", concurrency);
    s.put("server", server);
    return s;
  }

  /** capacity.json of a Booking search that found 5 journeys/s, the CPU saturating at 5. */
  private Map<String, Object> cpuBoundSearch() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("format", "interviews-loadtest-capacity/1");
    c.put("journey", "Booking");
    c.put("target", "http://127.0.0.1:8000");
    Map<String, Object> rate = new LinkedHashMap<>();
    rate.put("journeysPerSecond", 5.0);
    rate.put("requestsPerSecond", 35.0);
    rate.put("atLeast", false);
    rate.put("firstBadJourneysPerSecond", 6.0);
    rate.put("limitedBy", "response-time: global p95 2500 >= 2000 ms");
    rate.put("searchEndedBy", "resolved");
    c.put("maxRate", rate);
    c.put("usl", Map.of("sigma", 0.05, "kappa", 0.001, "lambda", 1.0, "peakConcurrency", 30));
    c.put("settings", Map.of("maxRate", 200));
    List<Map<String, Object>> steps = new ArrayList<>();
    steps.add(step(2, true, 2, Map.of("cpu", 0.3, "in-flight", 1.0, "db-pending", 0.0, "queue-depth", 0.0)));
    steps.add(step(4, true, 4, Map.of("cpu", 1.0, "in-flight", 2.0, "db-pending", 0.0, "queue-depth", 1.0)));
    steps.add(step(5, true, 5, Map.of("cpu", 1.8, "in-flight", 3.0, "db-pending", 0.0, "queue-depth", 1.0)));
    steps.add(step(6, false, 12, Map.of("cpu", 2.0, "in-flight", 9.0, "db-pending", 2.0, "queue-depth", 5.0)));
    c.put("steps", steps);
    return c;
  }

  private void writeCapacity(Map<String, Object> capacity) throws IOException {
    JSON.writeValue(run.resolve("capacity.json").toFile(), capacity);
  }

  private JsonNode plan(String... keyValues) throws IOException {
    ScalingPlan.write(run, TestConfigs.settings(keyValues));
    assertTrue(Files.isRegularFile(run.resolve(ScalingPlan.MARKDOWN)));
    return JSON.readTree(run.resolve(ScalingPlan.JSON).toFile());
  }

  @Test
  void instancesForTheBurstAndThePeakHourKeepTheHeadroom() throws IOException {
    writeCapacity(cpuBoundSearch());
    JsonNode p = plan();
    assertEquals("interviews-loadtest-scaling-plan/1", p.path("format").asText());
    // 500 bookings/min = 8.33/s over 0.6 x 5/s = 2.78 -> 3 instances.
    assertEquals(3, p.path("instances").path("burst").path("instances").asInt(), p.toPrettyString());
    assertFalse(p.path("instances").path("burst").path("atMost").asBoolean());
    // The busy day's peak hour, as the Sustained profile plays it in real time: 0.117/s -> 1.
    double peak = Sustained.from(TestConfigs.settings("loadtest.profiles.sustained.day", "busy-day")).peakPerSecond();
    assertEquals(peak, p.path("instances").path("peakHour").path("journeysPerSecond").asDouble(), 0.001);
    assertEquals(1, p.path("instances").path("peakHour").path("instances").asInt());
    assertTrue(p.path("instances").path("burst").path("because").asText().contains("headroom 0.6"));
    // A lower headroom needs more instances: 8.33 / (0.3 x 5) = 5.6 -> 6.
    assertEquals(6, plan("loadtest.scaling.headroom", "0.3").path("instances").path("burst").path("instances").asInt());
  }

  @Test
  void theCpuSaturatedFirstSoTheUslSaysMoreVms() throws IOException {
    writeCapacity(cpuBoundSearch());
    JsonNode p = plan();
    assertEquals("cpu", p.path("saturatedFirst").path("resource").asText(), p.toPrettyString());
    assertEquals(5.0, p.path("saturatedFirst").path("atJourneysPerSecond").asDouble());
    assertEquals("more VMs", p.path("vm").path("choice").asText());
    JsonNode predictions = p.path("vm").path("predictions");
    assertEquals(10.0, predictions.path("twoInstances").path("journeysPerSecond").asDouble(), 1e-9);
    // C(4)/C(2) with sigma 0.05, kappa 0.001: (4/1.162) / (2/1.052) = 1.811.
    double c4 = 4 / (1 + 0.05 * 3 + 0.001 * 12);
    double c2 = 2 / (1 + 0.05 + 0.001 * 2);
    assertEquals(5 * c4 / c2, predictions.path("twiceTheVm").path("journeysPerSecond").asDouble(), 0.01);
  }

  @Test
  void webWorkersSaturatedFirstWithCpuToSpareSoTwiceTheWorkersServeTwice() throws IOException {
    Map<String, Object> c = cpuBoundSearch();
    List<Map<String, Object>> steps = new ArrayList<>();
    steps.add(step(2, true, 2, Map.of("cpu", 0.2, "in-flight", 2.0)));
    steps.add(step(4, true, 4, Map.of("cpu", 0.3, "in-flight", 4.5)));
    steps.add(step(5, true, 5, Map.of("cpu", 0.4, "in-flight", 5.0)));
    c.put("steps", steps);
    writeCapacity(c);
    // Measured on 2 instances: one instance serves 2.5.
    JsonNode p = plan("loadtest.scaling.measured.instances", "2");
    assertEquals("web workers", p.path("saturatedFirst").path("resource").asText(), p.toPrettyString());
    assertEquals(4.0, p.path("saturatedFirst").path("atJourneysPerSecond").asDouble());
    assertEquals(2.5, p.path("from").path("perInstanceJourneysPerSecond").asDouble());
    assertEquals(5.0, p.path("vm").path("predictions").path("twoInstances").path("journeysPerSecond").asDouble(), 1e-9);
    assertEquals(5.0, p.path("vm").path("predictions").path("twiceTheVm").path("journeysPerSecond").asDouble(), 1e-9);
    assertTrue(p.path("vm").path("choice").asText().startsWith("more gunicorn workers"));
  }

  @Test
  void theDatabaseSaturatedFirstSoNeitherVmHelps() throws IOException {
    Map<String, Object> c = cpuBoundSearch();
    c.put("steps", List.of(step(2, true, 2, Map.of("cpu", 0.2)), step(4, true, 4, Map.of("cpu", 0.3, "db-pending", 3.0)),
        step(5, true, 5, Map.of("cpu", 1.9, "db-pending", 5.0))));
    writeCapacity(c);
    JsonNode p = plan();
    assertEquals("database", p.path("saturatedFirst").path("resource").asText());
    assertEquals("neither: the database first", p.path("vm").path("choice").asText());
    assertEquals(5.0, p.path("vm").path("predictions").path("twoInstances").path("journeysPerSecond").asDouble(), 1e-9);
  }

  @Test
  void celeryWorkersFollowLittlesLawFromTheMeasuredJobTime() throws IOException {
    writeCapacity(cpuBoundSearch());
    JsonNode c = plan().path("celery");
    // 4 workers kept up with 5 bookings/s: a job takes at most 0.8 s; 8.33 x 0.8 / 0.6 = 11.1 -> 12.
    assertTrue(c.path("measured").asBoolean());
    assertEquals(0.8, c.path("jobSeconds").asDouble(), 1e-9);
    assertEquals(12, c.path("burstWorkers").asInt(), c.toPrettyString());
    assertEquals(12, c.path("workers").asInt());
    assertTrue(c.path("lagTargetMet").asBoolean());
    // A configured job time: 8.33 x 0.2 / 0.6 = 2.8 -> 3.
    assertEquals(3, plan("loadtest.scaling.celery.job-time", "200ms").path("celery").path("burstWorkers").asInt());
  }

  @Test
  void aLoginSearchMeasuresNoNotificationJobs() throws IOException {
    Map<String, Object> c = cpuBoundSearch();
    c.put("journey", "Login");
    writeCapacity(c);
    JsonNode celery = plan().path("celery");
    assertFalse(celery.path("measured").asBoolean());
    assertTrue(celery.path("workers").isNull());
    assertTrue(celery.path("jobTimeFrom").asText().contains("loadtest.scaling.celery.job-time"));
    assertTrue(Files.readString(run.resolve(ScalingPlan.MARKDOWN)).contains("each booking logs in once"));
  }

  @Test
  void theConnectionBudgetFitsOrSaysHowBigAPgbouncerPool() throws IOException {
    writeCapacity(cpuBoundSearch());
    JsonNode p = plan("loadtest.scaling.celery.job-time", "200ms");
    // max replicas 3 (the burst's) x 5 workers (2 x 2 vCPUs + 1) x 1 thread + 3 Celery = 18 of 100 - 10.
    JsonNode db = p.path("database");
    assertEquals(18, db.path("demand").asInt(), db.toPrettyString());
    assertEquals(90, db.path("available").asInt());
    assertTrue(db.path("fits").asBoolean());
    assertTrue(db.path("pgbouncerDefaultPoolSize").isNull());
    assertEquals(5, p.path("gunicorn").path("workersPerInstance").asInt());

    JsonNode tight = plan("loadtest.scaling.celery.job-time", "200ms", "loadtest.scaling.database.max-connections", "15",
        "loadtest.scaling.database.reserve", "3");
    // 12 available: (12 - 3) / 3 instances = 3 workers without pgbouncer; 18 > 12: a pool of 12.
    assertFalse(tight.path("database").path("fits").asBoolean());
    assertEquals(12, tight.path("database").path("pgbouncerDefaultPoolSize").asInt());
    assertEquals(18, tight.path("database").path("pgbouncerMaxClientConn").asInt());
    assertEquals(3, tight.path("gunicorn").path("workersPerInstance").asInt());
    assertTrue(tight.path("gunicorn").path("boundedByDatabase").asBoolean());
  }

  @Test
  void theAutoscalerAsAGcloudCommandAndATerraformBlock() throws IOException {
    writeCapacity(cpuBoundSearch());
    JsonNode a = plan().path("autoscaler");
    assertEquals(2, a.path("minReplicas").asInt(), a.toPrettyString());
    assertEquals(3, a.path("maxReplicas").asInt());
    assertEquals(0.6, a.path("targetCpuUtilization").asDouble());
    assertEquals(90, a.path("initialisationPeriodSeconds").asInt());
    String gcloud = a.path("gcloud").asText();
    for (String part : List.of("gcloud compute instance-groups managed set-autoscaling interview-scheduling-web",
        "--zone=europe-west1-b", "--min-num-replicas=2 --max-num-replicas=3", "--target-cpu-utilization=0.6",
        "--cool-down-period=90s", "--scale-in-control=max-scaled-in-replicas=1,time-window=600", "--mode=on")) {
      assertTrue(gcloud.contains(part), part + " in " + gcloud);
    }
    String terraform = a.path("terraform").asText();
    for (String part : List.of("resource \"google_compute_autoscaler\" \"interview_scheduling_web\"",
        "min_replicas    = 2", "max_replicas    = 3", "cooldown_period = 90", "cpu_utilization {", "target = 0.6",
        "scale_in_control {", "max_scaled_in_replicas {", "fixed = 1", "time_window_sec = 600")) {
      assertTrue(terraform.contains(part), part + " in " + terraform);
    }
    String md = Files.readString(run.resolve(ScalingPlan.MARKDOWN));
    assertTrue(md.contains("```hcl") && md.contains("```sh") && md.contains("## Bigger VM or more VMs"), md);
  }

  @Test
  void aSearchWithoutALimitSaysAtLeastAndHowToSearchHigher() throws IOException {
    Map<String, Object> c = cpuBoundSearch();
    @SuppressWarnings("unchecked")
    Map<String, Object> rate = (Map<String, Object>) c.get("maxRate");
    rate.put("atLeast", true);
    rate.put("searchEndedBy", "ceiling");
    rate.put("firstBadJourneysPerSecond", null);
    writeCapacity(c);
    JsonNode p = plan();
    String higher = p.path("searchHigher").asText();
    assertTrue(higher.contains("at least 5 journeys/s") && higher.contains("-Dloadtest.capacity.open.max-rate=400"), higher);
    assertTrue(p.path("instances").path("burst").path("atMost").asBoolean());
    assertTrue(Files.readString(run.resolve(ScalingPlan.MARKDOWN)).contains("**At least:**"));

    rate.put("searchEndedBy", "time");
    writeCapacity(c);
    assertTrue(plan().path("searchHigher").asText().contains("-Dloadtest.capacity.max-duration"));
  }

  @Test
  void aSearchWithALimitNeedsNoHigherSearch() throws IOException {
    writeCapacity(cpuBoundSearch());
    assertTrue(plan().path("searchHigher").isNull());
  }

  @Test
  void missingOrUnusableResultsAreOneLine() throws IOException {
    ScalingInputError none = assertThrows(ScalingInputError.class, () -> ScalingInputs.read(run));
    assertEquals("no capacity results: " + run + " has no capacity.json; run a capacity search first"
        + " (-Dsimulation=Capacity)", none.getMessage());

    Map<String, Object> c = cpuBoundSearch();
    c.put("maxRate", null);
    writeCapacity(c);
    assertTrue(assertThrows(ScalingInputError.class, () -> ScalingInputs.read(run)).getMessage()
        .contains("has no arrival rate (the search ran no open model)"));

    c = cpuBoundSearch();
    @SuppressWarnings("unchecked")
    Map<String, Object> rate = (Map<String, Object>) c.get("maxRate");
    rate.put("journeysPerSecond", null);
    writeCapacity(c);
    String nothingHeld = assertThrows(ScalingInputError.class, () -> ScalingInputs.read(run)).getMessage();
    assertTrue(nothingHeld.startsWith("no step of the search in " + run + " held (the lowest, 2 journeys/s, broke:")
        && nothingHeld.endsWith("search lower with -Dloadtest.capacity.open.start-rate below it"), nothingHeld);
    assertFalse(nothingHeld.contains("\n"));

    c.put("format", "something-else/1");
    writeCapacity(c);
    assertTrue(assertThrows(ScalingInputError.class, () -> ScalingInputs.read(run)).getMessage()
        .contains("is not of format interviews-loadtest-capacity/1"));
  }

  @Test
  void settingsThatContradictEachOtherAreOneLine() {
    assertEquals("loadtest.scaling.autoscaler.target-cpu = '0.8': is above loadtest.scaling.headroom (0.6): the"
            + " autoscaler would let each instance carry more than the plan sized it for",
        refused("loadtest.scaling.autoscaler.target-cpu", "0.8"));
    assertEquals("loadtest.scaling.database.reserve = '100': must be below database.max-connections (100): nothing"
        + " would be left for the application", refused("loadtest.scaling.database.reserve", "100"));
    assertEquals("loadtest.scaling.autoscaler.max-replicas = '1': is below autoscaler.min-replicas (2)",
        refused("loadtest.scaling.autoscaler.max-replicas", "1"));
    assertEquals("loadtest.scaling.celery.job-time = '20s': is longer than celery.lag-target (10s): no number of"
        + " workers delivers a notification within the lag target", refused("loadtest.scaling.celery.job-time", "20s"));
    assertTrue(refused("loadtest.scaling.peak-day", "holiday").startsWith(
        "loadtest.scaling.peak-day = 'holiday': must be a number of bookings a day or a preset: busy-day, quiet-day"));
    // A lower target CPU than the headroom is consistent: the autoscaler keeps more room.
    assertEquals(0.5, ScalingSettings.from(TestConfigs.settings("loadtest.scaling.autoscaler.target-cpu", "0.5"))
        .autoscaler().targetCpu());
  }

  private static String refused(String key, String value) {
    return assertThrows(SettingError.class, () -> ScalingSettings.from(TestConfigs.settings(key, value))).getMessage();
  }

  @Test
  void onDemandFromAnEarlierRunFolder() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ScalingPlanMain.run(new String[] {run.toString()}, TestConfigs::settings,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(ScalingPlanMain.NO_PLAN, status);
    assertEquals("[scaling] no plan: no capacity results: " + run + " has no capacity.json; run a capacity search first"
        + " (-Dsimulation=Capacity)\n", err.toString(StandardCharsets.UTF_8).replace("\r", ""));

    writeCapacity(cpuBoundSearch());
    out.reset();
    err.reset();
    status = ScalingPlanMain.run(new String[] {run.toString()}, TestConfigs::settings,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("[scaling] 5 journeys/s an instance: burst 3 instances"),
        out.toString(StandardCharsets.UTF_8));
    assertTrue(Files.isRegularFile(run.resolve(ScalingPlan.JSON)));
  }
}
