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
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary agrees with Gatling's own HTML report for the same run: the counts, and the latencies
 * of every request that ended, those that failed without a response included; also when Gatling's
 * maxDuration cut the run.
 */
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

    assertLatenciesAgree(s, report, dir, List.of("mixed", "ok", "Book slot"));
    // No request went without a response: the OK figures are the Gatling-OK requests' share.
    assertEquals(0, s.at("/global/noResponse").asLong());
    assertEquals(s.at("/global/gatlingOk").asLong(), s.at("/global/latencyOkMs/count").asLong());
    assertEquals(s.at("/requests/ok/latencyMs").toString(), s.at("/requests/ok/latencyOkMs").toString(),
        "a request that never failed has one set of figures");

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
  void requestsWithoutAResponseCountInTheLatenciesWithTheTimeTheyWaitedAsInGatlingsReport(@TempDir Path results)
      throws Exception {
    GatlingRunner.Result r;
    // The stub answers /slow after 60 s: far beyond the request's own 1 s timeout.
    try (StubServer stub = new StubServer().slowMillis(60_000)) {
      System.setProperty("test.baseUrl", stub.baseUrl());
      System.setProperty("test.closedPort", String.valueOf(closedPort()));
      r = GatlingRunner.run(UnansweredStubSimulation.class, results);
    } finally {
      System.clearProperty("test.baseUrl");
      System.clearProperty("test.closedPort");
    }
    assertEquals(0, r.exitCode(), () -> "run failed: " + r.failure());
    JsonNode s = SummarySchema.assertValid(r.runDirectory().resolve("summary.json"));
    GatlingReport report = GatlingReport.parse(r.runDirectory());
    int users = UnansweredStubSimulation.USERS;
    long timeout = UnansweredStubSimulation.TIMEOUT.toMillis();

    assertEquals(3L * users, s.at("/global/requests").asLong());
    assertEquals(2L * users, s.at("/global/noResponse").asLong(), s.at("/global/errorsByCause").toString());
    assertEquals(users, s.at("/global/errorsByCause/connection refused").asLong());
    assertEquals(users, s.at("/global/errorsByCause/timeout").asLong());
    // Every request that ended counts with its time, as in Gatling's report: the same count, the
    // same extremes, percentiles that agree.
    assertEquals(s.at("/global/requests").asLong(), s.at("/global/latencyMs/count").asLong());
    assertLatenciesAgree(s, report, r.runDirectory(), List.of("answered", "refused", "timed out"));
    // A timed-out request waited its timeout (whole ms, so at most 1 ms of rounding off).
    JsonNode timedOut = s.at("/requests/timed out/latencyMs");
    assertTrue(timedOut.path("min").asLong() >= timeout - 1, timedOut.toString());
    // So the third that timed out decides the p95, and the latency SLO fails on it.
    JsonNode global = s.at("/global/latencyMs");
    assertTrue(global.path("p95").asLong() >= timedOut.path("min").asLong(), global.toString());
    JsonNode verdict = s.at("/sloVerdicts/0");
    assertEquals("failed", verdict.path("status").asText(), verdict.toString());
    assertEquals(global.path("p95").asDouble(), verdict.path("actual").asDouble(), verdict.toString());
    assertFalse(s.path("passed").asBoolean());
    // Beside it, what the survivors waited: the answered requests only.
    assertEquals(users, s.at("/global/latencyOkMs/count").asLong());
    assertEquals(s.at("/requests/answered/latencyMs/max").asLong(), s.at("/global/latencyOkMs/max").asLong());
    assertEquals(0, s.at("/requests/refused/latencyOkMs/count").asLong());
    assertTrue(s.at("/requests/refused/latencyOkMs/p95").isNull());
  }

  @Test
  void aRunCutByItsMaximumDurationCountsWhatGatlingsReportCounts(@TempDir Path results) throws Exception {
    GatlingRunner.Result r;
    // Answers every 20 ms or so keep arriving while Gatling stops its statistics at the cut; those
    // it no longer counts must not be counted in the summary either.
    try (StubServer stub = new StubServer().slowMillis(20)) {
      System.setProperty("test.baseUrl", stub.baseUrl());
      r = GatlingRunner.run(CutStubSimulation.class, results);
    } finally {
      System.clearProperty("test.baseUrl");
    }
    JsonNode s = SummarySchema.assertValid(r.runDirectory().resolve("summary.json"));
    GatlingReport report = GatlingReport.parse(r.runDirectory());
    assertTrue(s.at("/journeys/ended").asLong() < s.at("/journeys/started").asLong(), "the run was cut");
    assertEquals(report.global().total(), s.at("/global/requests").asLong(), "requests");
    assertEquals(report.global().ko(), s.at("/global/ko").asLong(), "failed requests");
    assertEquals(report.global().total(), s.at("/global/latencyMs/count").asLong(), "latencies");
  }

  /** A loopback port nothing listens on (it was free a moment ago). */
  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * The summary's latencies of all requests and of {@code names} agree with Gatling's report:
   * same count (in the run's histogram log), min and max; percentiles within one percentile rank.
   * Ours are exact (HdrHistogram, whole ms); Gatling's report shows t-digest estimates rounded to
   * whole ms. Agreement means: Gatling's value lies within one percentile rank of ours (the
   * t-digest's own error is in rank), +-1 ms for its rounding.
   */
  private static void assertLatenciesAgree(JsonNode s, GatlingReport report, Path dir, List<String> names) {
    Map<String, Histogram> hists = MergeHistograms.read(dir.resolve("histograms.hlog")).all();
    for (String name : java.util.stream.Stream.concat(java.util.stream.Stream.of(GatlingReport.GLOBAL), names.stream()).toList()) {
      boolean global = name.equals(GatlingReport.GLOBAL);
      JsonNode lat = global ? s.at("/global/latencyMs") : s.path("requests").path(name).path("latencyMs");
      Histogram h = hists.get(global ? "global" : name);
      GatlingReport.Row row = report.row(name);
      assertEquals(row.total(), h.getTotalCount(), name + " histogram count");
      assertEquals(row.total(), lat.path("count").asLong(), name + " count");
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
