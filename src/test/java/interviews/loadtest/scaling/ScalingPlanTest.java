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

  private Map<String, Object> cpuBoundSearch() {
    return CapacityFixture.cpuBound();
  }

  private void writeCapacity(Map<String, Object> capacity) throws IOException {
    CapacityFixture.write(run, capacity);
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
    JsonNode sat = p.path("saturatedFirst");
    assertEquals("cpu", sat.path("resource").asText(), p.toPrettyString());
    assertEquals("CPU", sat.path("label").asText());
    assertEquals("app.cpu-busy", sat.path("metric").asText());
    assertEquals(5.0, sat.path("atJourneysPerSecond").asDouble());
    assertEquals("CPU: 0.90 of 2 cores at 5 bookings/s, 0.99 at 6", sat.path("evidence").asText());
    assertEquals(List.of("cpu", "db-connections"), List.of(sat.path("reached").path(0).path("resource").asText(),
        sat.path("reached").path(1).path("resource").asText()));
    assertEquals("more VMs", p.path("vm").path("choice").asText());
    JsonNode predictions = p.path("vm").path("predictions");
    assertEquals(10.0, predictions.path("twoInstances").path("journeysPerSecond").asDouble(), 1e-9);
    // C(4)/C(2) with sigma 0.05, kappa 0.001: (4/1.162) / (2/1.052) = 1.811.
    double c4 = 4 / (1 + 0.05 * 3 + 0.001 * 12);
    double c2 = 2 / (1 + 0.05 + 0.001 * 2);
    assertEquals(5 * c4 / c2, predictions.path("twiceTheVm").path("journeysPerSecond").asDouble(), 0.01);
    // Every sentence names the measured figure; the cheaper per journey is said with its figures per vCPU.
    String because = p.path("vm").path("because").asText();
    assertTrue(because.contains("CPU: 0.90 of 2 cores at 5 bookings/s") && because.contains("per vCPU, two VMs of 2 give"
        + " 2.5 journeys/s and one VM of 4 2.26") && because.contains("more VMs are cheaper per journey"), because);
    assertTrue(predictions.path("twoInstances").path("because").asText().contains("CPU: 0.90 of 2 cores at 5 journeys/s"));
    assertTrue(predictions.path("twiceTheVm").path("because").asText().contains("CPU: 0.90 of 2 cores at 5 journeys/s"));
  }

  @Test
  void webWorkersSaturatedFirstWithCpuToSpareSoTwiceTheWorkersServeTwice() throws IOException {
    Map<String, Object> workers = CapacityFixture.reading("web-workers", "web workers", "app.busy-workers", 4.6, 5,
        ">= 4.25", "at limit", 5.0, "web-workers", "web workers: 4.6 of 5 busy");
    Map<String, Object> c = CapacityFixture.search(5, List.of(
        CapacityFixture.step(2, true, 2, CapacityFixture.cpu(0.1)),
        CapacityFixture.step(4, true, 4, CapacityFixture.cpu(0.15), workers),
        CapacityFixture.step(5, true, 5, CapacityFixture.cpu(0.2), workers)),
        CapacityFixture.saturation("web-workers", "web workers", "app.busy-workers", 4.0,
            "web workers: 4.6 of 5 busy at 4 bookings/s", CapacityFixture.sizes("cores", 2.0, "web-workers", 5.0)));
    writeCapacity(c);
    // Measured on 2 instances: one instance serves 2.5.
    JsonNode p = plan("loadtest.scaling.measured.instances", "2");
    assertEquals("web-workers", p.path("saturatedFirst").path("resource").asText(), p.toPrettyString());
    assertEquals(4.0, p.path("saturatedFirst").path("atJourneysPerSecond").asDouble());
    assertEquals(0.2, p.path("saturatedFirst").path("cpuBusyShareAtAnswer").asDouble(), 1e-9);
    assertEquals(2.5, p.path("from").path("perInstanceJourneysPerSecond").asDouble());
    assertEquals(5.0, p.path("vm").path("predictions").path("twoInstances").path("journeysPerSecond").asDouble(), 1e-9);
    assertEquals(5.0, p.path("vm").path("predictions").path("twiceTheVm").path("journeysPerSecond").asDouble(), 1e-9);
    assertTrue(p.path("vm").path("choice").asText().startsWith("more gunicorn workers first, then more VMs"),
        p.path("vm").path("choice").asText());
    assertTrue(p.path("vm").path("because").asText().contains("web workers: 4.6 of 5 busy at 4 bookings/s"));
    // A CPU target of 0.6 is not reached while the workers are full at a CPU of 0.2.
    String caution = p.path("autoscaler").path("caution").asText();
    assertTrue(caution.contains("busy share of 0.2 at the answer, below the target 0.6")
        && caution.contains("--target-load-balancing-utilization"), caution);

    // The CPU busier than the saturation share at the answer bounds a bigger VM: 2 x 0.85 / 0.95 = 1.79x.
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) c.get("steps");
    steps.set(2, CapacityFixture.step(5, true, 5, CapacityFixture.cpu(0.95), workers));
    writeCapacity(c);
    JsonNode bounded = plan("loadtest.scaling.measured.instances", "2");
    assertEquals(2.5 * 2 * 0.85 / 0.95, bounded.path("vm").path("predictions").path("twiceTheVm")
        .path("journeysPerSecond").asDouble(), 0.01);
    assertEquals("more VMs", bounded.path("vm").path("choice").asText(), "no room for more workers on the same VM");
  }

  @Test
  void theDatabaseSaturatedFirstSoNeitherVmHelps() throws IOException {
    Map<String, Object> c = CapacityFixture.search(5, List.of(
        CapacityFixture.step(2, true, 2, CapacityFixture.cpu(0.1), CapacityFixture.dbConnections(0.5)),
        CapacityFixture.step(4, true, 4, CapacityFixture.cpu(0.15), CapacityFixture.dbConnections(0.92)),
        CapacityFixture.step(5, true, 5, CapacityFixture.cpu(0.95), CapacityFixture.dbConnections(0.97))),
        CapacityFixture.saturation("db-connections", "DB connections", "db.connections-share", 4.0,
            "DB connections: 0.92 of 100 at 4 bookings/s, 0.97 at 5", CapacityFixture.sizes("max-connections", 100.0)));
    writeCapacity(c);
    JsonNode p = plan();
    assertEquals("db-connections", p.path("saturatedFirst").path("resource").asText());
    assertEquals("neither: a pool (pgbouncer) or a bigger database first", p.path("vm").path("choice").asText());
    assertTrue(p.path("vm").path("because").asText().contains("DB connections: 0.92 of 100 at 4 bookings/s"));
    assertEquals(5.0, p.path("vm").path("predictions").path("twoInstances").path("journeysPerSecond").asDouble(), 1e-9);
    assertEquals(5.0, p.path("vm").path("predictions").path("twiceTheVm").path("journeysPerSecond").asDouble(), 1e-9);

    @SuppressWarnings("unchecked")
    Map<String, Object> sat = (Map<String, Object>) c.get("saturation");
    sat.put("resource", "db-locks");
    sat.put("label", "DB lock waits");
    sat.put("evidence", "DB lock waits: 3 waiting at 4 bookings/s");
    writeCapacity(c);
    JsonNode locks = plan();
    assertEquals("db-locks", locks.path("saturatedFirst").path("resource").asText());
    assertEquals("neither: a pool (pgbouncer) or a bigger database first", locks.path("vm").path("choice").asText());
    assertTrue(locks.path("vm").path("because").asText().contains("shorten the transactions"));
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

    // postgres_exporter measured max_connections 15: 12 available with a reserve of 3; (12 - 3) / 3 instances = 3
    // workers without pgbouncer; 18 > 12: a pool of 12.
    Map<String, Object> c = cpuBoundSearch();
    @SuppressWarnings("unchecked")
    Map<String, Object> sizes = (Map<String, Object>) ((Map<String, Object>) c.get("saturation")).get("sizes");
    sizes.put("max-connections", 15.0);
    writeCapacity(c);
    JsonNode tight = plan("loadtest.scaling.celery.job-time", "200ms", "loadtest.scaling.database.reserve", "3");
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
  void aRegionalGroupGetsTheRegionalCommandAndTerraformBlock() throws IOException {
    writeCapacity(cpuBoundSearch());
    JsonNode a = plan("loadtest.scaling.autoscaler.region", "europe-west1", "loadtest.scaling.autoscaler.zone", "")
        .path("autoscaler");
    assertEquals("regional", a.path("scope").asText(), a.toPrettyString());
    assertEquals("europe-west1", a.path("region").asText());
    assertTrue(a.path("zone").isNull());
    String gcloud = a.path("gcloud").asText();
    assertTrue(gcloud.contains("--region=europe-west1") && !gcloud.contains("--zone"), gcloud);
    String terraform = a.path("terraform").asText();
    for (String part : List.of("resource \"google_compute_region_autoscaler\" \"interview_scheduling_web\"",
        "region = \"europe-west1\"", "target = google_compute_region_instance_group_manager.interview_scheduling_web.id")) {
      assertTrue(terraform.contains(part), part + " in " + terraform);
    }
    assertFalse(terraform.contains("zone"), terraform);
    assertTrue(Files.readString(run.resolve(ScalingPlan.MARKDOWN)).contains("A regional group (europe-west1)"));
    // The default is zonal.
    assertEquals("zonal", plan().path("autoscaler").path("scope").asText());
  }

  @Test
  void aGroupIsZonalOrRegionalNeverBothNorNeither() {
    assertEquals("loadtest.scaling.autoscaler.region = 'europe-west1': is set with autoscaler.zone (europe-west1-b): a"
        + " managed instance group is zonal or regional; set autoscaler.zone = \"\" for a regional one",
        refused("loadtest.scaling.autoscaler.region", "europe-west1"));
    assertEquals("loadtest.scaling.autoscaler.zone = '': must name the zonal group's zone, or set autoscaler.region"
        + " for a regional one", refused("loadtest.scaling.autoscaler.zone", ""));
    assertTrue(assertThrows(SettingError.class, () -> ScalingSettings.from(TestConfigs.settings(
        "loadtest.scaling.autoscaler.region", "Europe West", "loadtest.scaling.autoscaler.zone", ""))).getMessage()
        .startsWith("loadtest.scaling.autoscaler.region = 'Europe West': must be a GCP name"));
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
    assertTrue(plan().path("autoscaler").path("caution").isNull(), "the CPU saturated: its target sees it");
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
