package interviews.loadtest.measure;

import interviews.loadtest.results.MergeHistograms;
import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.SummarySchema;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import interviews.loadtest.testing.GatlingReport;
import interviews.loadtest.testing.GatlingRunner;
import interviews.loadtest.testing.StubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary agrees with Gatling's own HTML report for the same run. */
class MeasuredAgainstGatlingTest {

  @Test
  void summaryCountsAndPercentilesMatchGatlingsReport(@TempDir Path results) throws Exception {
    GatlingRunner.Result r;
    try (StubServer stub = new StubServer().slowMillis(150)) {
      System.setProperty("test.baseUrl", stub.baseUrl());
      stub.metricsText("process_cpu_seconds_total 12.5\nnotification_queue_depth{queue=\"a\"} 3\nnotification_queue_depth{queue=\"b\"} 4\n");
      // A scrape a second, each allowed 30 s: the stub's metrics are seen in the 5 s run however
      // slowly the machine answers its first scrape (the timeout only guards against a hang).
      MeasuredStubSimulation.SETTINGS = ResultsSettings.from(com.typesafe.config.ConfigFactory.parseString(
          "loadtest.results.prometheus { interval = 1s, timeout = 30s }"));
      MeasuredStubSimulation.USERS_PER_SEC = 40;
      MeasuredStubSimulation.SECONDS = 5;
      MeasuredStubSimulation.LOOPS = 2;
      r = GatlingRunner.run(MeasuredStubSimulation.class, results);
    }
    assertEquals(0, r.exitCode(), () -> "run failed: " + r.failure());
    Path dir = r.runDirectory();
    for (String f : List.of("summary.json", "series.csv", "slo-junit.xml", "histograms.hlog", "index.html")) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f + " missing in " + dir);
    }
    JsonNode s = SummarySchema.assertValid(dir.resolve("summary.json"));
    GatlingReport report = GatlingReport.parse(dir);

    // Counts: every request name and global.
    assertEquals(report.global().total(), s.at("/global/requests").asLong());
    assertEquals(report.global().ok(), s.at("/global/gatlingOk").asLong());
    assertEquals(report.global().ko(), s.at("/global/gatlingKo").asLong());
    assertEquals(200L * 3 * 2, report.global().total());
    for (String name : List.of("mixed", "ok", "Book slot")) {
      JsonNode n = s.path("requests").path(name);
      assertEquals(report.row(name).total(), n.path("requests").asLong(), name);
      assertEquals(report.row(name).ok(), n.path("gatlingOk").asLong(), name);
      assertEquals(report.row(name).ko(), n.path("gatlingKo").asLong(), name);
    }
    // /mixed: 10 % 500 (KO), 10 % 409 (race, Gatling OK), "Book slot" expects 201 and gets 200 (KO).
    assertEquals(40, s.at("/requests/mixed/ko").asLong());
    assertEquals(40, s.at("/requests/mixed/race").asLong());
    assertEquals(40, s.at("/requests/mixed/errorsByStatus/500").asLong());
    assertEquals(40, s.at("/requests/mixed/errorsByCause/HTTP 5xx").asLong(), "Gatling's status check failed on 500");
    assertEquals(400, s.at("/requests/Book slot/errorsByCause/unexpected status").asLong(), "200 where 201 was expected");
    assertEquals(400, s.at("/requests/Book slot/ko").asLong());
    assertEquals(0, s.at("/measurement/unmatched").asLong());

    // Percentiles. Ours are exact (HdrHistogram, whole ms); Gatling's report shows t-digest
    // estimates rounded to whole ms. Agreement means: Gatling's value lies within one percentile
    // rank of ours (the t-digest's own error is in rank), +-1 ms for its rounding.
    java.util.Map<String, org.HdrHistogram.Histogram> hists = MergeHistograms.read(dir.resolve("histograms.hlog"));
    for (String name : List.of(GatlingReport.GLOBAL, "mixed", "ok", "Book slot")) {
      boolean global = name.equals(GatlingReport.GLOBAL);
      JsonNode lat = global ? s.at("/global/latencyMs") : s.path("requests").path(name).path("latencyMs");
      org.HdrHistogram.Histogram h = hists.get(global ? "global" : name);
      GatlingReport.Row row = report.row(name);
      assertEquals(row.total(), h.getTotalCount(), name + " histogram count");
      assertEquals(row.min(), lat.path("min").asLong(), name + " min");
      assertEquals(row.max(), lat.path("max").asLong(), name + " max");
      for (int p : List.of(50, 75, 95, 99)) {
        long ours = lat.path("p" + p).asLong();
        assertEquals(h.getValueAtPercentile(p), ours, name + " p" + p + " summary vs hlog");
        long theirs = row.percentile(p);
        long lo = h.getValueAtPercentile(p - 1) - 1;
        long hi = h.getValueAtPercentile(Math.min(100, p + 1)) + 1;
        assertTrue(theirs >= lo && theirs <= hi,
            name + " p" + p + ": Gatling " + theirs + " outside [" + lo + ", " + hi + "], ours " + ours);
      }
      assertTrue(Math.abs(lat.path("mean").asDouble() - row.mean()) <= 1.0, name + " mean");
    }

    // Run info, masking, journeys, server metrics, verdicts.
    assertEquals("MeasuredStubSimulation", s.path("simulation").asText());
    assertEquals("****", s.at("/config/db/password").asText());
    assertEquals("jdbc:h2:mem:x", s.at("/config/db/url").asText());
    assertEquals(200, s.at("/journeys/started").asLong());
    assertEquals(200, s.at("/journeys/ended").asLong());
    assertTrue(s.at("/server/scrapes").asLong() >= 1);
    assertEquals(7.0, s.at("/server/metrics/queue-depth/max").asDouble());
    assertTrue(s.path("stoppedEarly").isNull());
    assertFalse(s.path("passed").asBoolean()); // mixed errorRate 0.1 > 0.01
    String verdicts = s.path("sloVerdicts").toString();
    assertTrue(verdicts.contains("\"scope\":\"mixed\",\"metric\":\"errorRate\",\"limit\":0.01,\"actual\":0.1,\"status\":\"failed\""), verdicts);
  }

  @Test
  void aRequestThatEndsItsBlockOnFailureIsStillRecorded(@TempDir Path results) throws Exception {
    GatlingRunner.Result r;
    try (StubServer stub = new StubServer()) {
      System.setProperty("test.baseUrl", stub.baseUrl());
      r = GatlingRunner.run(ExitBlockStubSimulation.class, results);
    } finally {
      System.clearProperty("test.baseUrl");
    }
    JsonNode s = SummarySchema.assertValid(r.runDirectory().resolve("summary.json"));
    GatlingReport report = GatlingReport.parse(r.runDirectory());
    int users = ExitBlockStubSimulation.USERS;
    assertEquals(users, report.row("fail").ko(), "Gatling counted every failure");
    assertEquals(users, s.at("/requests/fail/ko").asLong(), "so does the summary");
    assertEquals(users, s.at("/requests/fail/errorsByStatus/500").asLong());
    assertEquals(users, s.at("/requests/fail/errorsByCause/HTTP 5xx").asLong());
    assertTrue(s.at("/requests/never").isMissingNode(), "the block was left at the failure");
    assertEquals(report.global().ko(), s.at("/global/gatlingKo").asLong());
    assertEquals(users, s.at("/journeys/ended").asLong());
    assertEquals(0, s.at("/measurement/unmatched").asLong());
  }
}
