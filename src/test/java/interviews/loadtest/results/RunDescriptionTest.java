package interviews.loadtest.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.slo.DriftPlan;
import interviews.loadtest.slo.DriftSlo;
import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's description: what it says, and how it gets into simulation.log's header without
 * touching a byte after it. (A whole run with the description in Gatling's report:
 * SimulationRunsTest.)
 */
class RunDescriptionTest {

  @TempDir
  Path dir;

  private static final RunInfo BURST = RunInfo.of("BurstSimulation", "http://127.0.0.1:8080",
      "Burst: 500 journeys over 60s", Map.of("target-guard", Map.of("target", "embedded reference target")),
      List.of(Slo.global(Metric.P95, 2000), Slo.global(Metric.ERROR_RATE, 0.01)));

  @Test
  void namesTheProfileTheTargetAndTheSlos() {
    assertEquals("Burst: 500 journeys over 60s | target http://127.0.0.1:8080 (embedded reference target)"
        + " | SLOs: global p95 < 2000 ms; global errorRate < 0.0100", RunDescription.of(BURST));
  }

  @Test
  void saysFromWhichLengthDriftIsJudged() {
    RunInfo soak = BURST.withDrift(new DriftPlan(Duration.ofMinutes(2), Duration.ofMinutes(10), 50,
        List.of(new DriftSlo.LatencyCreep("latency-creep", "global", Metric.P95, 1.25, 50))));
    assertTrue(RunDescription.of(soak).endsWith(" | drift, judged in runs of 22 min or longer: "
        + "latency-creep: global p95 last window <= 1.25 x first (or within 50 ms)"), RunDescription.of(soak));
  }

  @Test
  void aStagingTargetIsNotCalledEmbeddedAndASearchSaysItsRunHasNoSlos() {
    RunInfo search = RunInfo.of("CapacitySimulation", "https://staging.example", "Capacity: steps of 2/s",
        Map.of("target-guard", Map.of("target", "https://staging.example")), List.of());
    assertEquals("Capacity: steps of 2/s | target https://staging.example | SLOs: none for the run as a whole",
        RunDescription.of(search));
  }

  @Test
  void keepsToLatin1AndGatlingsLength() {
    assertEquals("p95 <= 2 s, 3x as many, caf\u00e9 ?", RunDescription.latin1("p95 \u2264 2 s, 3x as many, caf\u00e9 \u2603"));
    assertEquals("nightly #41 | ours", RunDescription.combine(" nightly #41 ", "ours"));
    assertEquals("ours", RunDescription.combine("", "ours"));
    String longText = RunDescription.combine(null, "x".repeat(5000));
    assertEquals(RunDescription.MAX_LENGTH, longText.length());
    assertTrue(longText.endsWith("..."));
  }

  @Test
  void rewritesOnlyTheDescriptionOfTheHeader() throws IOException {
    byte[] records = {1, 2, 3, 4, 5, 0, 0, 0, 9, 42};
    Path log = log("", records);
    String written = SimulationLogDescription.write(log, RunDescription.of(BURST));
    assertEquals(RunDescription.of(BURST), written);
    assertEquals(written, SimulationLogDescription.read(log));
    assertArrayEquals(Files.readAllBytes(log("" + written, records)), Files.readAllBytes(log),
        "the header as Gatling writes it with this description, and every record after it unchanged");
    assertEquals(List.of("expected.log", "simulation.log"), fileNames(),
        "no temporary file is left behind");
  }

  @Test
  void keepsADescriptionGivenToGatlingFirstInLatin1OrUtf16() throws IOException {
    Path latin = log("nightly #41", new byte[] {7});
    assertEquals("nightly #41 | ours", SimulationLogDescription.write(latin, "ours"));
    Path utf16 = logUtf16("build \u2603", new byte[] {7});
    assertEquals("build ? | ours", SimulationLogDescription.write(utf16, "ours"));
    assertEquals("build ? | ours", SimulationLogDescription.read(utf16));
  }

  @Test
  void leavesAFileThatIsNotGatlingsLogAlone() throws IOException {
    Path other = dir.resolve("simulation.log");
    byte[] content = "not a Gatling log".getBytes(StandardCharsets.US_ASCII);
    Files.write(other, content);
    assertNull(SimulationLogDescription.write(other, "ours"));
    assertArrayEquals(content, Files.readAllBytes(other));
    Path truncated = dir.resolve("truncated.log");
    byte[] start = Arrays.copyOf(Files.readAllBytes(log("", new byte[0])), 12);
    Files.write(truncated, start);
    assertNull(SimulationLogDescription.write(truncated, "ours"));
    assertArrayEquals(start, Files.readAllBytes(truncated));
  }

  private List<String> fileNames() throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** A log as Gatling 3.15 starts it: run record, version, class, start, description (Latin-1), then {@code records}. */
  private Path log(String description, byte[] records) throws IOException {
    Path file = dir.resolve(Files.exists(dir.resolve("simulation.log")) ? "expected.log" : "simulation.log");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = header(bytes);
    string(out, description.getBytes(StandardCharsets.ISO_8859_1), (byte) 0);
    out.write(records);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private Path logUtf16(String description, byte[] records) throws IOException {
    Path file = dir.resolve("utf16.log");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = header(bytes);
    string(out, description.getBytes(ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
        ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE), (byte) 1);
    out.write(records);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private static DataOutputStream header(ByteArrayOutputStream bytes) throws IOException {
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(0);
    string(out, "3.15.1".getBytes(StandardCharsets.ISO_8859_1), (byte) 0);
    string(out, "interviews.loadtest.simulations.BurstSimulation".getBytes(StandardCharsets.ISO_8859_1), (byte) 0);
    out.writeLong(1_795_000_000_000L);
    return out;
  }

  private static void string(DataOutputStream out, byte[] value, byte coder) throws IOException {
    out.writeInt(value.length);
    if (value.length > 0) {
      out.write(value);
      out.writeByte(coder);
    }
  }
}
