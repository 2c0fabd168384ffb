package interviews.loadtest.scaling;

import static interviews.loadtest.scaling.CapacityFixture.cpu;
import static interviews.loadtest.scaling.CapacityFixture.dbConnections;
import static interviews.loadtest.scaling.CapacityFixture.queue;
import static interviews.loadtest.scaling.CapacityFixture.reached;
import static interviews.loadtest.scaling.CapacityFixture.saturation;
import static interviews.loadtest.scaling.CapacityFixture.search;
import static interviews.loadtest.scaling.CapacityFixture.sizes;
import static interviews.loadtest.scaling.CapacityFixture.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import interviews.loadtest.config.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan decides from the saturation evidence capacity.json carries: what saturated first (from
 * its saturation block, else from the steps' resources, else that the file predates them), which
 * way each resource scales, the sizes its sources measured, and the Celery workers' drain rate
 * where the queue saturated.
 */
class PlanFromEvidenceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path run;

  private JsonNode plan(Map<String, Object> capacity, String... keyValues) throws IOException {
    CapacityFixture.write(run, capacity);
    ScalingPlan.write(run, TestConfigs.settings(keyValues));
    return JSON.readTree(run.resolve(ScalingPlan.JSON).toFile());
  }

  private String markdown() throws IOException {
    return Files.readString(run.resolve(ScalingPlan.MARKDOWN));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(Map<String, Object> capacity) {
    return (List<Map<String, Object>>) capacity.get("steps");
  }

  @Test
  void aCapacityJsonFromBeforeTheEvidenceGivesAPlanOnAssumptionsAlone() throws IOException {
    Map<String, Object> c = CapacityFixture.cpuBound();
    c.remove("saturation");
    for (Map<String, Object> s : steps(c)) {
      s.remove("resources");
      s.put("server", Map.of("cpu", 1.9, "in-flight", 9.0, "db-pending", 2.0));
    }
    JsonNode p = plan(c);
    JsonNode sat = p.path("saturatedFirst");
    assertEquals("none", sat.path("resource").asText(), p.toPrettyString());
    assertTrue(sat.path("evidence").asText().startsWith("capacity.json predates saturation evidence"),
        sat.path("evidence").asText());
    assertTrue(p.path("basis").asText().startsWith("assumptions only: "), p.path("basis").asText());
    assertEquals(0, p.path("measured").size());
    for (JsonNode size : p.path("sizes")) {
      assertFalse(size.path("measured").asBoolean(), size.toString());
      assertTrue(size.path("from").asText().startsWith("loadtest.scaling."), size.toString());
    }
    assertEquals("more VMs", p.path("vm").path("choice").asText());
    assertTrue(markdown().startsWith("# Scaling plan\n\n**Assumptions only:** capacity.json holds no size"), markdown());
  }

  @Test
  void theStepsNameTheResourceWhenTheBlockIsAbsentOrNamesNone() throws IOException {
    Map<String, Object> c = CapacityFixture.cpuBound();
    c.remove("saturation");
    JsonNode absent = plan(c).path("saturatedFirst");
    assertEquals("cpu", absent.path("resource").asText(), absent.toPrettyString());
    assertEquals(5.0, absent.path("atJourneysPerSecond").asDouble());
    assertEquals("capacity.json steps[].resources", absent.path("from").asText());
    assertTrue(absent.path("evidence").asText().startsWith("CPU: 0.90 of 2 cores at 5 journeys/s"),
        absent.path("evidence").asText());
    assertEquals(2, absent.path("reached").size());
    assertEquals("db-connections", absent.path("reached").path(1).path("resource").asText());
    assertEquals(6.0, absent.path("reached").path(1).path("atJourneysPerSecond").asDouble());

    c.put("saturation", saturation(null, null, null, null, "no sampled resource reached its limit", sizes()));
    assertEquals("cpu", plan(c).path("saturatedFirst").path("resource").asText());
    c.put("saturation", null);
    assertEquals("cpu", plan(c).path("saturatedFirst").path("resource").asText());
  }

  @Test
  void noResourceAtItsLimitSaysByWhichRules() throws IOException {
    List<Map<String, Object>> below = List.of(step(2, true, 2, cpu(0.2), dbConnections(0.1)),
        step(5, true, 5, cpu(0.5), dbConnections(0.3)));
    String evidence = "no sampled resource reached its limit (app.cpu-busy >= 0.85, db.connections-share >= 0.9)";
    JsonNode p = plan(search(5, below, saturation(null, null, null, null, evidence, sizes("cores", 2.0))));
    assertEquals("none", p.path("saturatedFirst").path("resource").asText());
    assertEquals(evidence, p.path("saturatedFirst").path("evidence").asText());
    assertTrue(p.path("basis").asText().startsWith("measured: cores 2"), p.path("basis").asText());

    // Without the block, the same sentence from the steps' rules.
    JsonNode q = plan(search(5, below, null));
    assertEquals(evidence, q.path("saturatedFirst").path("evidence").asText());
  }

  @Test
  void memoryIsHelpedByABiggerVmOrMoreVms() throws IOException {
    Map<String, Object> memory = CapacityFixture.reading("memory", "memory", "app.memory-available-share", 0.08, 0.05,
        "<= 0.1", "at limit", 8589934592.0, "memory-bytes", "memory: 0.08 available of 8 GiB");
    JsonNode p = plan(search(5, List.of(step(2, true, 2, cpu(0.1)), step(5, true, 5, cpu(0.3), memory)),
        saturation("memory", "memory", "app.memory-available-share", 5.0, "memory: 0.08 available of 8 GiB at 5"
            + " bookings/s", sizes("cores", 2.0, "memory-bytes", 8589934592.0))));
    assertEquals("memory", p.path("saturatedFirst").path("resource").asText());
    JsonNode vm = p.path("vm");
    assertEquals("more memory: a bigger VM (a high-memory type) or more VMs", vm.path("choice").asText());
    assertTrue(vm.path("because").asText().contains("memory: 0.08 available of 8 GiB at 5 bookings/s")
        && vm.path("because").asText().contains("8 GiB a VM, measured"), vm.path("because").asText());
    assertEquals(10.0, vm.path("predictions").path("twoInstances").path("journeysPerSecond").asDouble(), 1e-9);
    assertEquals(10.0, vm.path("predictions").path("twiceTheVm").path("journeysPerSecond").asDouble(), 1e-9);
    assertTrue(p.path("autoscaler").path("caution").asText().contains("--custom-metric-utilization"));
    assertTrue(p.path("sizes").toString().contains("memory-bytes"), p.path("sizes").toString());
  }

  @Test
  void aResourceAUserNamedIsTheLimitButThePlanCannotTellWhichWayItScales() throws IOException {
    Map<String, Object> redis = CapacityFixture.reading("redis-memory", "Redis memory", "broker.memory-used", 0.95,
        0.97, ">= 0.9", "at limit", null, null, "Redis memory: 0.95");
    JsonNode p = plan(search(5, List.of(step(2, true, 2, cpu(0.1)), step(5, true, 5, cpu(0.3), redis)),
        saturation("redis-memory", "Redis memory", "broker.memory-used", 5.0, "Redis memory: 0.95 at 5 bookings/s",
            sizes())));
    assertEquals("redis-memory", p.path("saturatedFirst").path("resource").asText());
    JsonNode vm = p.path("vm");
    assertEquals("unknown: Redis memory is the limit", vm.path("choice").asText());
    assertTrue(vm.path("because").asText().contains("cannot tell whether more or bigger web VMs relieve it"));
    assertTrue(vm.path("predictions").path("twoInstances").path("journeysPerSecond").isNull());
    assertTrue(vm.path("predictions").path("twiceTheVm").path("journeysPerSecond").isNull());
    assertTrue(vm.path("predictions").path("twoInstances").path("because").asText().startsWith("not known"));
  }

  /** The queue saturated at 3 bookings/s: over 10 s its mean 7.5 and max 12, so it grew 2 x 4.5 / 10 = 0.9 jobs/s. */
  private static Map<String, Object> queueBound() {
    return search(2.5, List.of(
        step(2, true, 2, cpu(0.1), queue(0.2, 1, false)),
        step(2.5, true, 2.5, cpu(0.12), queue(0.5, 1, false)),
        step(3, false, 3, cpu(0.15), queue(7.5, 12, true))),
        saturation("queue", "notification queue", "broker.queued", 3.0, "notification queue: grew over 15 s at 3"
                + " bookings/s (7.5 jobs waiting, 12 at most)", sizes("cores", 2.0, "queue-workers", 2.0),
            reached("queue", "notification queue", "broker.queued", 3, "notification queue: 7.5 jobs waiting")));
  }

  @Test
  void theQueueSaturatedFirstSoTheCeleryWorkersAreTheNextStepAtTheMeasuredDrainRate() throws IOException {
    JsonNode p = plan(queueBound());
    assertEquals("queue", p.path("saturatedFirst").path("resource").asText(), p.toPrettyString());
    assertEquals("neither: more Celery workers", p.path("vm").path("choice").asText());
    assertEquals(2.5, p.path("vm").path("predictions").path("twoInstances").path("journeysPerSecond").asDouble(), 1e-9);
    assertEquals(2.5, p.path("vm").path("predictions").path("twiceTheVm").path("journeysPerSecond").asDouble(), 1e-9);

    JsonNode c = p.path("celery");
    // The search held only rates the queue drained: 2 workers drain the 2.5 jobs/s found, a job takes
    // 2 / 2.5 = 0.8 s. Where it saturated, 3 jobs/s offered, 0.9 kept: the step's own rougher figure.
    assertEquals(0.9, c.path("drain").path("queueGrowthJobsPerSecond").asDouble(), 1e-9);
    assertEquals(2.1, c.path("drain").path("drainedJobsPerSecond").asDouble(), 1e-9);
    assertEquals(2, c.path("searchedWorkers").asInt());
    assertEquals(0.8, c.path("jobSeconds").asDouble(), 0.001);
    assertTrue(c.path("jobTimeFrom").asText().contains("the search held only rates it drained"), c.toPrettyString());
    // The burst: 8.33 x 0.8 / 0.6 = 11.1 -> 12 workers.
    assertEquals(12, c.path("workers").asInt());
    // Autoscaled on the queue: 2.5 / 2 = 1.25 jobs/s a worker x 10 s x 0.6 = 7.5 -> 7 jobs a worker.
    JsonNode auto = c.path("autoscaling");
    assertEquals(7, auto.path("targetQueueLengthPerWorker").asInt(), auto.toPrettyString());
    assertEquals(1.25, auto.path("drainPerWorkerJobsPerSecond").asDouble(), 0.001);
    assertEquals(12, auto.path("maxWorkers").asInt());
    assertTrue(auto.path("queueFigure").asText().startsWith("at 3 bookings/s the queue grew 0.9 jobs/s with 2"
        + " workers"), auto.path("queueFigure").asText());
    assertTrue(auto.path("keda").asText().contains("listLength: \"7\""));
    String md = markdown();
    assertTrue(md.contains("**Next step: the Celery workers.**") && md.contains("run 12 workers")
        && md.contains("at 3 bookings/s the queue grew 0.9 jobs/s with 2 workers"), md);
    assertTrue(p.path("instances").path("caution").asText().contains("the notification queue saturated first"));
  }

  @Test
  void aQueueStepWithoutItsGrowthStillGivesTheDrainRateTheSearchFound() throws IOException {
    Map<String, Object> c = queueBound();
    Map<String, Object> reading = new LinkedHashMap<>(queue(7.5, 12, true));
    reading.remove("max");
    steps(c).get(2).put("resources", new ArrayList<>(List.of(cpu(0.15), reading)));
    JsonNode celery = plan(c).path("celery");
    // 2 workers / the 2.5 jobs/s found; no step figure beside it.
    assertEquals(0.8, celery.path("jobSeconds").asDouble(), 1e-9);
    assertTrue(celery.path("drain").isNull());
    assertTrue(celery.path("jobTimeFrom").asText().contains("the search held only rates it drained")
        && !celery.path("jobTimeFrom").asText().contains("where it saturated"), celery.path("jobTimeFrom").asText());
  }

  @Test
  void celeryWorkersAutoscaleOnTheQueueLengthPerWorker() throws IOException {
    JsonNode auto = plan(CapacityFixture.cpuBound()).path("celery").path("autoscaling");
    // A job takes at most 4 / 5 = 0.8 s: 1.25 jobs/s a worker x 10 s x 0.6 = 7.5 -> 7 jobs a worker.
    assertEquals(7, auto.path("targetQueueLengthPerWorker").asInt(), auto.toPrettyString());
    assertEquals(1, auto.path("minWorkers").asInt());
    assertEquals(12, auto.path("maxWorkers").asInt());
    assertTrue(auto.path("queueFigure").isNull());
    assertTrue(auto.path("because").asText().contains("B = 1.25 x 10 x 0.6 = 7.5 -> 7"), auto.path("because").asText());
    // A shorter lag target: 1.25 x 2 x 0.6 = 1.5 -> 1.
    assertEquals(1, plan(CapacityFixture.cpuBound(), "loadtest.scaling.celery.lag-target", "2s").path("celery")
        .path("autoscaling").path("targetQueueLengthPerWorker").asInt());
  }

  @Test
  void sizesTheSourcesMeasuredReplaceTheSettings() throws IOException {
    Map<String, Object> c = CapacityFixture.cpuBound();
    @SuppressWarnings("unchecked")
    Map<String, Object> sizes = (Map<String, Object>) ((Map<String, Object>) c.get("saturation")).get("sizes");
    sizes.put("cores", 4.0);
    sizes.put("max-connections", 200.0);
    sizes.put("queue-workers", 2.0);
    // The measured sizes win over the settings.
    JsonNode p = plan(c, "loadtest.scaling.measured.vcpus", "8", "loadtest.scaling.database.max-connections", "50");
    assertEquals(9, p.path("gunicorn").path("start").asInt(), "2 x 4 cores + 1");
    assertEquals(190, p.path("database").path("available").asInt(), "200 - reserve 10");
    assertEquals(2, p.path("celery").path("searchedWorkers").asInt());
    assertEquals(0.4, p.path("celery").path("jobSeconds").asDouble(), 1e-9, "2 workers / 5 jobs/s");
    JsonNode cores = p.path("sizes").path(0);
    assertEquals("cores", cores.path("name").asText());
    assertEquals(4.0, cores.path("value").asDouble());
    assertTrue(cores.path("measured").asBoolean());
    assertEquals("saturation.sizes.cores, read with app.cpu-busy", cores.path("from").asText());
    JsonNode web = p.path("sizes").path(2);
    assertEquals("web-workers", web.path("name").asText());
    assertFalse(web.path("measured").asBoolean());
    assertEquals("loadtest.scaling.measured.gunicorn-workers x gunicorn-threads", web.path("from").asText());
    assertTrue(markdown().contains("| cores | 4 | measured: saturation.sizes.cores, read with app.cpu-busy |"));

    // Without the block's sizes, a step's reading that carries its size measures it.
    sizes.clear();
    JsonNode fromSteps = plan(c, "loadtest.scaling.measured.vcpus", "8");
    assertEquals("steps[].resources cpu size, read with app.cpu-busy", fromSteps.path("sizes").path(0).path("from")
        .asText());
    assertEquals(5, fromSteps.path("gunicorn").path("start").asInt(), "2 x 2 cores + 1");
  }

  @Test
  void aMeasuredMaxConnectionsNotAboveTheReserveIsOneLine() throws IOException {
    Map<String, Object> c = CapacityFixture.cpuBound();
    @SuppressWarnings("unchecked")
    Map<String, Object> sizes = (Map<String, Object>) ((Map<String, Object>) c.get("saturation")).get("sizes");
    sizes.put("max-connections", 10.0);
    CapacityFixture.write(run, c);
    ScalingInputError e = assertThrows(ScalingInputError.class,
        () -> ScalingPlan.write(run, TestConfigs.settings()));
    assertEquals("capacity.json in " + run + ": the database's max_connections, 10 (saturation.sizes.max-connections,"
        + " read with db.connections-share), is not above loadtest.scaling.database.reserve (10): nothing would be"
        + " left for the application; lower the reserve", e.getMessage());
  }

  @Test
  void thePlanKnowsTheResourcesTheSaturationModelNames() {
    assertEquals(interviews.loadtest.saturation.Resource.KNOWN.stream().map(interviews.loadtest.saturation.Resource::id)
        .sorted().toList(), SaturatedFirst.KNOWN.stream().sorted().toList());
  }
}
