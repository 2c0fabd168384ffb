package interviews.loadtest.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.measure.ErrorCause;
import interviews.loadtest.measure.Measurements;
import interviews.loadtest.simulations.BurstSimulation;
import interviews.loadtest.simulations.SmokeSimulation;
import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.GatlingRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json as written by real runs matches its JSON Schema (results/summary.schema.json), and
 * the schema says what the code knows. Nothing here depends on how quick the machine is: the
 * timeout only stops a run that would hang.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SummarySchemaTest {

  /** A short Smoke and a short Burst; their SLOs out of a busy machine's reach. */
  private static final Map<String, String> SHORT_RUNS = Map.of(
      "loadtest.think-time.min", "100ms",
      "loadtest.think-time.max", "300ms",
      "loadtest.booking.notification.poll-interval", "200ms",
      "loadtest.profiles.burst.ramp", "0s",
      "loadtest.profiles.burst.hold", "6s",
      "loadtest.slo.response-time.below-ms", "600000",
      "loadtest.slo.notification-lag.below-ms", "600000",
      "loadtest.target.health-check-timeout", Await.PATIENCE.toSeconds() + "s");

  @Test
  void smokeAndShortBurstSummariesAndTheirMergesMatchTheSchema(@TempDir Path tmp) throws Exception {
    List<Path> runs = new ArrayList<>();
    SHORT_RUNS.forEach(System::setProperty);
    try {
      for (Class<?> simulation : List.of(SmokeSimulation.class, BurstSimulation.class)) {
        GatlingRunner.Result r = GatlingRunner.run(simulation, tmp.resolve("gatling"), false);
        assertEquals(0, r.exitCode(), () -> simulation.getSimpleName() + " failed: " + r.failure());
        JsonNode s = SummarySchema.assertValid(r.runDirectory().resolve("summary.json"));
        assertEquals(simulation.getSimpleName(), s.path("simulation").asText());
        assertTrue(s.at("/global/requests").asLong() > 0, "the run sent requests");
        runs.add(r.runDirectory());
      }
    } finally {
      SHORT_RUNS.keySet().forEach(System::clearProperty);
    }

    // Merged with the runs' summaries beside the logs: counts summed.
    Path merged = MergeHistograms.run(new String[] {"--out", tmp.resolve("merged").toString(),
        runs.get(0).resolve("histograms.hlog").toString(), runs.get(1).resolve("histograms.hlog").toString()});
    JsonNode m = SummarySchema.assertValid(merged);
    assertTrue(m.path("countsFromSummaries").asBoolean());
    assertEquals(List.of("SmokeSimulation", "BurstSimulation"),
        List.of(m.path("simulations").get(0).asText(), m.path("simulations").get(1).asText()));

    // A log without its summary: only the histograms are known.
    Path lone = Files.createDirectories(tmp.resolve("lone")).resolve("histograms.hlog");
    Files.copy(runs.get(1).resolve("histograms.hlog"), lone);
    JsonNode h = SummarySchema.assertValid(MergeHistograms.run(new String[] {
        "--out", tmp.resolve("merged-lone").toString(), lone.toString()}));
    assertFalse(h.path("countsFromSummaries").asBoolean());
    assertTrue(h.at("/global/ok").isNull());
  }

  @Test
  void aRunStoppedByTheWatchdogWithErrorsOfEveryKindMatchesTheSchema(@TempDir Path dir) {
    ResultsSettings settings = ResultsSettings.from(ConfigFactory.parseString(
        "loadtest.results { console-interval = 0s, prometheus.enabled = false,"
            + " watchdog { fail-run = false } }"));
    RunResults.begin(RunInfo.of("SchemaSimulation", "http://127.0.0.1:1", "synthetic",
        Map.of("db", Map.of("password", "not-a-real-one")),
        List.of(Slo.global(Metric.P95, 1000), Slo.of(Slo.EACH_REQUEST, Metric.ERROR_RATE, 0.1),
            Slo.of("never requested", Metric.percentile(99.5), 100),
            new Slo("errors", Slo.GLOBAL, Metric.ERROR_RATE, 0.05, Slo.AbortOnFail.after(java.time.Duration.ofSeconds(1))))),
        settings);
    Measurements m = RunResults.measurements();
    m.journeyStarted("J");
    m.record("ok", 200, 12, false, null);
    m.record("ok", 409, 15, false, null);
    m.record("broken", 500, 3, true, "status.find.is(200), but actually found 500");
    m.record("broken", 0, -1, true, "j.n.ConnectException: Connection refused");
    m.record("broken", 302, 2, true, "status.find.is(200), but actually found 302");
    // The first second had errors only: with a window of 1 s the watchdog stops the run at its
    // first tick. The second tick comes after the first one's verdict.
    Await.until("two seconds recorded", () -> m.rows().size() >= 2);
    RunResults.Written w = RunResults.finishInto(dir);

    JsonNode s = SummarySchema.assertValid(w.summary());
    assertEquals(1, s.at("/stoppedEarly/elapsedSeconds").asLong(), s.path("stoppedEarly").toString());
    assertEquals("watchdog", s.at("/stoppedEarly/by").asText());
    assertFalse(s.path("passed").asBoolean());
    assertEquals("noData", s.at("/sloVerdicts/3/status").asText(), s.path("sloVerdicts").toString());
    assertTrue(s.at("/sloVerdicts/3/actual").isNull());
    assertEquals(1, s.at("/journeys/started").asLong());
    assertEquals(0, s.at("/journeys/ended").asLong());
  }

  @Test
  void anInterruptedRunSaysWhatStoppedItOnceInItsSummaryAndItsJUnitFile(@TempDir Path dir) throws Exception {
    ResultsSettings settings = ResultsSettings.from(ConfigFactory.parseString(
        "loadtest.results { console-interval = 0s, prometheus.enabled = false }"));
    RunResults.begin(RunInfo.of("SchemaSimulation", "http://127.0.0.1:1", "synthetic", Map.of(),
        List.of(new Slo("errors", Slo.GLOBAL, Metric.ERROR_RATE, 0.5, Slo.AbortOnFail.after(java.time.Duration.ofSeconds(1))))),
        settings);
    Measurements m = RunResults.measurements();
    m.record("ok", 200, 12, false, null);
    assertTrue(RunResults.interrupt("the process received SIGTERM"));
    // A second stop, and the watchdog after it, change nothing: the first stop wins.
    assertTrue(RunResults.interrupt("a second signal"));
    m.record("broken", 500, 3, true, "status.find.is(200), but actually found 500");
    Await.until("two seconds recorded", () -> m.rows().size() >= 2);
    RunResults.Written w = RunResults.finishInto(dir);
    assertFalse(RunResults.interrupt("after the run"), "no run to stop once it is finished");

    JsonNode s = SummarySchema.assertValid(w.summary());
    assertEquals("interrupted", s.at("/stoppedEarly/by").asText(), s.path("stoppedEarly").toString());
    assertEquals("the process received SIGTERM", s.at("/stoppedEarly/reason").asText());
    assertEquals(0, s.at("/stoppedEarly/elapsedSeconds").asLong());
    assertFalse(s.path("passed").asBoolean());
    String junit = Files.readString(w.junit());
    assertTrue(junit.contains("<testcase classname=\"run\" name=\"interrupted\" time=\"0\">\n"
        + "      <failure type=\"Interrupted\" message=\"the process received SIGTERM\">"), junit);
    assertTrue(junit.contains("<testcase classname=\"run\" name=\"watchdog\" time=\"0\"/>"),
        "the watchdog did not stop it: " + junit);
  }

  @Test
  void aSummaryWithAnUnknownOrMissingFieldOrFieldsOutOfOrderIsRefused(@TempDir Path dir) throws Exception {
    RunResults.begin(RunInfo.of("SchemaSimulation", "http://127.0.0.1:1", "synthetic", Map.of(), List.of()),
        ResultsSettings.from(ConfigFactory.parseString("loadtest.results { console-interval = 0s, prometheus.enabled = false }")));
    RunResults.measurements().record("ok", 200, 12, false, null);
    JsonNode valid = SummarySchema.assertValid(RunResults.finishInto(dir).summary());

    com.fasterxml.jackson.databind.node.ObjectNode extra = valid.deepCopy();
    extra.with("global").put("p95", 12);
    assertThrows(AssertionError.class, () -> SummarySchema.assertValid(extra, "an unknown field"));

    com.fasterxml.jackson.databind.node.ObjectNode missing = valid.deepCopy();
    missing.with("global").with("latencyMs").remove("p99");
    assertThrows(AssertionError.class, () -> SummarySchema.assertValid(missing, "a missing field"));

    com.fasterxml.jackson.databind.node.ObjectNode reordered = valid.deepCopy();
    JsonNode passed = reordered.remove("passed");
    reordered.set("passed", passed);
    AssertionError order = assertThrows(AssertionError.class, () -> SummarySchema.assertValid(reordered, "moved"));
    assertTrue(order.getMessage().contains("in the schema's order"), order.getMessage());
  }

  @Test
  void theSchemaKnowsEveryErrorCauseAndServerMetricAndDescribesEveryField() {
    JsonNode defs = SummarySchema.node().path("$defs");
    List<String> causes = new ArrayList<>();
    defs.at("/scope/properties/errorsByCause/propertyNames/enum").forEach(c -> causes.add(c.asText()));
    assertEquals(ErrorCause.ALL, causes);
    for (String block : List.of("metricNames", "metrics")) {
      List<String> keys = new ArrayList<>();
      defs.at("/server/properties/" + block + "/properties").fieldNames().forEachRemaining(keys::add);
      assertEquals(List.of(ResultsSettings.SERVER_METRICS), keys, block);
    }
    List<String> undescribed = new ArrayList<>();
    undescribed(SummarySchema.node(), "", undescribed);
    assertEquals(List.of(), undescribed, "fields without a description");
  }

  /** Every property has a description, its own or that of what its $ref points to. */
  private static void undescribed(JsonNode schema, String path, List<String> out) {
    if (schema.isArray()) {
      schema.forEach(s -> undescribed(s, path, out));
      return;
    }
    if (!schema.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("properties") && !path.endsWith("/then") && !path.endsWith("/else")
          && !path.endsWith("/if")) {
        e.getValue().fields().forEachRemaining(p -> {
          if (!p.getValue().has("description") && !SummarySchema.resolve(p.getValue()).has("description")) {
            out.add(path + "/properties/" + p.getKey());
          }
        });
      }
      undescribed(e.getValue(), path + "/" + e.getKey(), out);
    }
  }
}
