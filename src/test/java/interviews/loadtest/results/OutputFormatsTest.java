package interviews.loadtest.results;

import interviews.loadtest.measure.Measurements;
import interviews.loadtest.measure.SecondRow;
import interviews.loadtest.slo.DriftVerdict;
import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** series.csv, slo-junit.xml and the recorder's bookkeeping, without Gatling. */
class OutputFormatsTest {

  private static ResultsSettings quiet() {
    return ResultsSettings.from(ConfigFactory.parseString(
        "loadtest.results { console-interval = 0s, prometheus.enabled = false }"));
  }

  @Test
  void junitXmlHasOneTestcasePerDriftSloFailedWhereItFailedAndSkippedWhereNotJudged() throws Exception {
    List<DriftVerdict> drift = List.of(
        new DriftVerdict("latency-creep", "latency-creep", "global p95 last window <= 1.25 x first (or within 50 ms)",
            "failed", 3.5, 1.25, "global p95 crept 350 ms ...", Map.of()),
        new DriftVerdict("errors-per-window", "errors-per-window", "error rate of every window < 1%", "passed", 0, 0.01,
            "worst window ...", Map.of()),
        new DriftVerdict("queue-growth", "server-growth", "queue-depth grows < 10.00 per hour", "skipped", Double.NaN, 10,
            "not judged: queue-depth was sampled in 0 seconds", Map.of()));
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(SloJUnitXml.render("Sustained", List.of(), drift, false, null, null, 1.0))));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(3, cases.getLength());
    Element creep = (Element) cases.item(0);
    assertEquals("drift.latency-creep", creep.getAttribute("classname"));
    assertEquals("global p95 last window <= 1.25 x first (or within 50 ms)", creep.getAttribute("name"));
    assertEquals("global p95 crept 350 ms ...",
        ((Element) creep.getElementsByTagName("failure").item(0)).getAttribute("message"));
    assertEquals(0, ((Element) cases.item(1)).getChildNodes().getLength(), "passed: an empty testcase");
    assertEquals(1, ((Element) cases.item(2)).getElementsByTagName("skipped").getLength());
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertEquals("3", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("skipped"));
  }

  @Test
  void junitXmlHasOneTestcasePerSloPerScopeWithFailuresWhereBreached(@TempDir Path dir) throws Exception {
    List<Slo> slos = List.of(
        Slo.global(Metric.P95, 100),
        Slo.of(Slo.EACH_REQUEST, Metric.ERROR_RATE, 0.2),
        Slo.of("absent", Metric.MAX, 10));
    RunResults.begin(RunInfo.of("XmlSimulation", "http://127.0.0.1:1", "", Map.of(), slos), quiet());
    Measurements m = RunResults.measurements();
    for (int i = 0; i < 100; i++) {
      m.record("fast & <ok>", 200, 10, false, null);
      m.record("slow", i < 50 ? 500 : 200, 300, i < 50, null);
    }
    RunResults.Written w = RunResults.finishInto(dir);

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(Files.readString(w.junit()))));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(1 + 2 + 1, cases.getLength()); // global p95, errorRate per name (2), absent max (nothing recorded: fails)
    Map<String, String> outcome = new java.util.HashMap<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      String key = c.getAttribute("classname") + "|" + c.getAttribute("name");
      String o = c.getElementsByTagName("failure").getLength() > 0 ? "failure"
          : c.getElementsByTagName("skipped").getLength() > 0 ? "skipped" : "pass";
      outcome.put(key, o);
    }
    assertEquals("failure", outcome.get("slo.global|p95 < 100 ms"), outcome.toString());
    assertEquals("pass", outcome.get("slo.fast & <ok>|errorRate < 0.2000"), outcome.toString());
    assertEquals("failure", outcome.get("slo.slow|errorRate < 0.2000"), outcome.toString());
    assertEquals("failure", outcome.get("slo.absent|max < 10 ms"), outcome.toString());
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertEquals("4", suite.getAttribute("tests"));
    assertEquals("3", suite.getAttribute("failures"));
    assertEquals("0", suite.getAttribute("skipped"));
  }

  @Test
  void aRequestWithoutAResponseCountsInTheLatenciesWithTheTimeItWaited(@TempDir Path dir) throws Exception {
    RunResults.begin(RunInfo.of("WaitSimulation", "http://127.0.0.1:1", "", Map.of(),
        List.of(Slo.global(Metric.P95, 1000))), quiet());
    Measurements m = RunResults.measurements();
    for (int i = 0; i < 9; i++) {
      m.record("login", 200, 10, false, null);
    }
    m.record("login", 0, 1500, true, "Request timeout to 127.0.0.1/127.0.0.1:1 after 1500 ms");
    m.record("login", 0, -1, true, "Failed to build request: no attribute named 'token'"); // Gatling gave it no time
    com.fasterxml.jackson.databind.JsonNode s = SummarySchema.assertValid(RunResults.finishInto(dir).summary());

    assertEquals(11, s.at("/global/requests").asLong());
    assertEquals(2, s.at("/global/noResponse").asLong());
    assertEquals(10, s.at("/global/latencyMs/count").asLong(), "every request with a time, the timed-out one too");
    assertEquals(1500, s.at("/global/latencyMs/p95").asLong());
    assertEquals(9, s.at("/global/latencyOkMs/count").asLong());
    assertEquals(10, s.at("/global/latencyOkMs/p95").asLong(), "what the survivors waited");
    assertEquals("failed", s.at("/sloVerdicts/0/status").asText(), "the SLO judges what everyone waited");
    assertEquals(1500.0, s.at("/sloVerdicts/0/actual").asDouble());
  }

  @Test
  void seriesHasOneRowPerSecondWithTheDocumentedColumns() {
    // The recorder alone, ticked by hand: no background ticker can close a second in between.
    long t0 = 1_767_268_800_000L;
    Measurements m = new Measurements(t0);
    m.journeyStarted("J");
    m.journeyStarted("J");
    m.requestSent();
    m.record("a", 200, 5, false, null);
    m.record("a", 409, 7, false, null);
    SecondRow r1 = m.tick(t0 + 1000, Map.of("cpu", 1.5));
    m.journeyEnded("J");
    for (int i = 0; i < 10; i++) {
      m.requestSent();
      m.record("a", 500, 100, true, null);
    }
    m.requestSent();
    m.record("a", 0, 1500, true, "Request timeout to 127.0.0.1/127.0.0.1:1 after 1500 ms");
    SecondRow r2 = m.tick(t0 + 2000, Map.of());
    SecondRow r3 = m.tick(t0 + 3000, Map.of());
    assertEquals(2, r1.requests());
    assertEquals(1, r1.races());
    assertEquals(2, r1.usersActive());
    assertEquals(1.5, r1.server().get("cpu"));
    assertEquals(11, r2.errors());
    assertEquals(1.0, r2.errorShare());
    assertEquals(1, r2.usersActive());
    assertEquals(100, (long) r2.p50());
    assertEquals(1500, (long) r2.max(), "the timed-out request counts with the time it waited");
    assertTrue(Double.isNaN(r2.okP95()), "no OK request that second");
    assertEquals(7, (long) r1.okMax());
    assertEquals(0, r3.requests());
    assertTrue(Double.isNaN(r3.p95()));

    String csv = SeriesCsv.render(m.rows());
    List<String> lines = csv.lines().toList();
    assertEquals(String.join(",", SeriesCsv.COLUMNS), lines.get(0));
    assertEquals(1 + 3, lines.size(), csv);
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      assertEquals(SeriesCsv.COLUMNS.size(), cells.length, lines.get(i));
      assertEquals(String.valueOf(i), cells[0], "one row per second, numbered");
    }
    assertEquals("1,2026-01-01T12:00:01Z,2,0,2,2,1,1,0,0.0000,0,5,7,7,7,1.5000,,,,,,,,5,7,7,7", lines.get(1));
    assertEquals("2,2026-01-01T12:00:02Z,0,1,1,11,0,0,11,1.0000,0,100,1500,1500,1500,,,,,,,,,,,,", lines.get(2),
        "the failed requests' times, the one without a response too; no OK request");
    assertEquals("3,2026-01-01T12:00:03Z,0,0,1,0,0,0,0,0.0000,0,,,,,,,,,,,,,,,,", lines.get(3));
  }

  @Test
  void settingsValidateWithOneLineNamingKeyValueAndAllowed() {
    ResultsSettings d = ResultsSettings.defaults();
    assertTrue(d.watchdogFailsRun());
    assertEquals(5, d.prometheus().interval().toSeconds());
    assertEquals("process_cpu_seconds_total", d.prometheus().metrics().get("cpu"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsSettings.from(
        ConfigFactory.parseString("loadtest.results.watchdog.fail-run = maybe")));
    assertEquals("loadtest.results.watchdog.fail-run = 'maybe': must be true or false", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ResultsSettings.from(
        ConfigFactory.parseString("loadtest.results.prometheus.metrics.heap = \"bad name{\"")));
    assertTrue(e.getMessage().contains("prometheus.metrics.heap"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ResultsSettings.from(
        ConfigFactory.parseString("loadtest.results.console-interval = soon")));
    assertTrue(e.getMessage().startsWith("loadtest.results.console-interval = 'soon': must be "), e.getMessage());
  }

  @Test
  void secretsAreMaskedAtAnyDepth() {
    RunInfo info = RunInfo.of("S", "", "", Map.of("db", Map.of("password", "x", "user", "u"),
        "apiToken", "t", "Authorization-Header", "h", "plain", 1), List.of());
    assertEquals("****", ((Map<?, ?>) info.config().get("db")).get("password"));
    assertEquals("u", ((Map<?, ?>) info.config().get("db")).get("user"));
    assertEquals("****", info.config().get("apiToken"));
    assertEquals("****", info.config().get("Authorization-Header"));
    assertEquals(1, info.config().get("plain"));
  }
}
