package interviews.loadtest.results;

import interviews.loadtest.measure.HlogTags;
import interviews.loadtest.measure.Measurements;
import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs' logs merge into counts that are sums and percentiles of one histogram fed both. */
class MergeHistogramsTest {

  private static final List<String> NAMES = List.of("Book slot", "List slots");

  /**
   * Records a synthetic run through the real recorder and writes its files; feeds {@code reference}
   * the values recorded per name ("global" for all), and {@code okReference} those of OK requests.
   */
  private static RunResults.Written fakeRun(Path dir, long seed, int n, Map<String, Histogram> reference,
      Map<String, Histogram> okReference) {
    RunResults.begin(RunInfo.of("FakeSimulation", "http://127.0.0.1:1", "synthetic", Map.of(),
        List.of(Slo.global(Metric.P95, 1000))), ResultsSettings.from(com.typesafe.config.ConfigFactory.parseString(
            "loadtest.results { console-interval = 0s, prometheus.enabled = false }")));
    Measurements m = RunResults.measurements();
    Random rnd = new Random(seed);
    for (int i = 0; i < n; i++) {
      String name = NAMES.get(i % 2);
      long latency = (long) Math.abs(rnd.nextGaussian() * 300 + (seed % 2 == 0 ? 50 : 400)) + rnd.nextInt(5000) / 1000;
      int status = i % 17 == 0 ? 500 : (i % 13 == 0 ? 409 : 200);
      m.record(name, status, latency, status == 500, null);
      reference.computeIfAbsent(name, k -> new Histogram(3)).recordValue(latency);
      reference.computeIfAbsent("global", k -> new Histogram(3)).recordValue(latency);
      if (status != 500) {
        okReference.computeIfAbsent(name, k -> new Histogram(3)).recordValue(latency);
        okReference.computeIfAbsent("global", k -> new Histogram(3)).recordValue(latency);
      }
    }
    return RunResults.finishInto(dir);
  }

  @Test
  void mergedSummaryHasSummedCountsAndExactPercentiles(@TempDir Path tmp) throws Exception {
    Map<String, Histogram> reference = new java.util.HashMap<>();
    Map<String, Histogram> okReference = new java.util.HashMap<>();
    RunResults.Written a = fakeRun(tmp.resolve("run1"), 1, 5_000, reference, okReference);
    RunResults.Written b = fakeRun(tmp.resolve("run2"), 2, 7_000, reference, okReference);

    Path out = MergeHistograms.run(new String[] {"--out", tmp.resolve("merged").toString(),
        a.histograms().toString(), b.histograms().toString()});
    ObjectMapper om = new ObjectMapper();
    JsonNode merged = SummarySchema.assertValid(out);
    JsonNode s1 = om.readTree(a.summary().toFile());
    JsonNode s2 = om.readTree(b.summary().toFile());

    for (String field : List.of("requests", "ok", "race", "ko")) {
      assertEquals(s1.at("/global/" + field).asLong() + s2.at("/global/" + field).asLong(),
          merged.at("/global/" + field).asLong(), field);
    }
    assertEquals(12_000, merged.at("/global/requests").asLong());
    assertEquals(s1.at("/global/errorsByStatus/500").asLong() + s2.at("/global/errorsByStatus/500").asLong(),
        merged.at("/global/errorsByStatus/500").asLong());
    assertTrue(merged.at("/global/errorsByCause/HTTP 5xx").asLong() > 0);
    assertEquals(s1.at("/global/errorsByCause/HTTP 5xx").asLong() + s2.at("/global/errorsByCause/HTTP 5xx").asLong(),
        merged.at("/global/errorsByCause/HTTP 5xx").asLong());
    for (String scope : List.of("global", "Book slot", "List slots")) {
      JsonNode s = scope.equals("global") ? merged.path("global") : merged.path("requests").path(scope);
      assertLatencies(reference.get(scope), s.path("latencyMs"), scope);
      assertLatencies(okReference.get(scope), s.path("latencyOkMs"), scope + " OK");
      assertTrue(s.at("/latencyOkMs/count").asLong() < s.at("/latencyMs/count").asLong(), scope);
    }
    // The two runs really differ, so a merge that took one of them would fail above.
    assertNotEquals(s1.at("/global/latencyMs/p50").asLong(), s2.at("/global/latencyMs/p50").asLong());
  }

  private static void assertLatencies(Histogram ref, JsonNode lat, String scope) {
    assertEquals(ref.getTotalCount(), lat.path("count").asLong(), scope);
    assertEquals(ref.getMinValue(), lat.path("min").asLong(), scope);
    assertEquals(ref.getMaxValue(), lat.path("max").asLong(), scope);
    assertEquals(ref.getValueAtPercentile(50), lat.path("p50").asLong(), scope);
    assertEquals(ref.getValueAtPercentile(95), lat.path("p95").asLong(), scope);
    assertEquals(ref.getValueAtPercentile(99), lat.path("p99").asLong(), scope);
    assertEquals(ref.getValueAtPercentile(99.9), lat.path("p999").asLong(), scope);
    assertEquals(ref.getMean(), lat.path("mean").asDouble(), 0.001, scope);
  }

  @Test
  void oneLineErrorsForBadInput(@TempDir Path tmp) throws Exception {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> MergeHistograms.run(new String[] {"--out", tmp.toString(), tmp.resolve("nope.hlog").toString()}));
    assertTrue(missing.getMessage().contains("nope.hlog: no such file"), missing.getMessage());

    Path garbage = Files.writeString(tmp.resolve("garbage.hlog"), "this is not a histogram log\n1,2,3\n");
    IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
        () -> MergeHistograms.run(new String[] {"--out", tmp.toString(), garbage.toString()}));
    assertTrue(invalid.getMessage().startsWith(garbage + ": not"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("\n"));

    IllegalArgumentException usage = assertThrows(IllegalArgumentException.class,
        () -> MergeHistograms.run(new String[] {tmp.toString()}));
    assertTrue(usage.getMessage().startsWith("usage:"));
  }

  @Test
  void tagsRoundTripRequestNames() {
    for (String name : List.of("Book slot", "a,b c%d", "Zürich / 409", "plain-name_1.2", "ok:*", "*")) {
      String tag = HlogTags.encode(name);
      assertFalse(tag.contains(",") || tag.contains(" "), tag);
      assertEquals(name, HlogTags.decode(tag));
      assertEquals(new HlogTags.Stream(name, false), HlogTags.stream(HlogTags.tag(name, false)));
      assertEquals(new HlogTags.Stream(name, true), HlogTags.stream(HlogTags.tag(name, true)));
    }
    assertEquals(new HlogTags.Stream(null, false), HlogTags.stream(HlogTags.tag(null, false)));
    assertEquals(new HlogTags.Stream(null, true), HlogTags.stream(HlogTags.tag(null, true)));
  }

  @Test
  void aLogWithoutOkStreamsMergesWithoutOkLatencies(@TempDir Path tmp) throws Exception {
    // A log as results format 1 wrote it: all requests only, no OK streams and no word of them.
    Histogram h = new Histogram(3);
    h.recordValue(12);
    h.recordValue(30);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    org.HdrHistogram.HistogramLogWriter w = new org.HdrHistogram.HistogramLogWriter(
        new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    w.outputComment("[values: response times in milliseconds; untagged = all requests, Tag= request name, percent-encoded]");
    w.outputLogFormatVersion();
    w.outputStartTime(0);
    w.outputLegend();
    w.outputIntervalHistogram(0, 1, h, 1.0);
    h.setTag("Book%20slot");
    w.outputIntervalHistogram(0, 1, h, 1.0);
    Path old = Files.write(tmp.resolve("old.hlog"), bytes.toByteArray());
    MergeHistograms.Logged log = MergeHistograms.read(old);
    assertFalse(log.okStreams());
    assertEquals(2, log.all().get("Book slot").getTotalCount());

    JsonNode merged = SummarySchema.assertValid(MergeHistograms.run(new String[] {
        "--out", tmp.resolve("merged").toString(), old.toString()}));
    assertEquals(2, merged.at("/global/latencyMs/count").asLong());
    assertTrue(merged.at("/global/latencyOkMs").isMissingNode(), merged.toString());
  }
}
