package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The drift knobs' values: read from the {@code drift} block and the command line, set through
 * {@link Knobs} and the admin path, and every bad one refused in one line naming the key.
 * What each knob does is {@link DriftTest}'s.
 */
class DriftSettingsTest {

  @Test
  void badDriftSettingsAreRefusedInOneLineNamingTheKey() {
    long overQuarter = Drift.maxMemoryLeakCap() + 1;
    Object[][] cases = {
      {"drift.latency-leak", "-1ms", "from 0s to 10m"},
      {"drift.latency-leak", "11m", "from 0s to 10m"},
      {"drift.latency-leak", "1.5ms", "whole number of milliseconds"},
      {"drift.latency-leak", "slow", "must be a duration"},
      {"drift.connection-leak-every", -1, "whole number from 0 to 1000000"},
      {"drift.connection-leak-every", 2.5, "whole number from 0 to 1000000"},
      {"drift.connection-leak-every", 1_000_001, "whole number from 0 to 1000000"},
      {"drift.connection-leak-every", "often", "whole number from 0 to 1000000"},
      {"drift.job-slowdown", "2h", "from 0s to 1h"},
      {"drift.job-slowdown", "-5ms", "from 0s to 1h"},
      {"drift.memory-leak-per-request", -1, "must be a size from 0 to 64MiB"},
      {"drift.memory-leak-per-request", "65MiB", "must be a size from 0 to 64MiB"},
      {"drift.memory-leak-per-request", "lots", "must be a size from 0 to 64MiB"},
      {"drift.memory-leak-cap", "-1KiB", "must be a size from 0 to 1024GiB"},
      {"drift.memory-leak-cap", true, "must be a size from 0 to 1024GiB"},
    };
    for (Object[] c : cases) {
      assertRefused(Map.of((String) c[0], c[1]), "reference-target." + c[0] + " = '" + c[1] + "'", (String) c[2]);
    }
    // Above a quarter of the max heap, the cap is refused while the leak is on.
    assertRefused(Map.of("drift.memory-leak-per-request", "1KiB", "drift.memory-leak-cap", overQuarter),
        "reference-target.drift.memory-leak-cap = '" + overQuarter + "'", "must be at most a quarter of the JVM's max heap");
    try (ReferenceTarget off = TargetTestSupport.start(Map.of("drift.memory-leak-cap", overQuarter))) {
      assertEquals(overQuarter, off.knobs().memoryLeakCapBytes(), "with the leak off, the cap keeps nothing");
    }
  }

  @Test
  void driftKnobsAreSetAtRuntimeAndBadValuesAreRefusedInOneLine() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("drift.latency-leak", "5ms",
        "drift.connection-leak-every", 7, "drift.job-slowdown", "3ms", "drift.memory-leak-per-request", "1KiB",
        "drift.memory-leak-cap", "2MiB"))) {
      Knobs knobs = target.knobs();
      assertEquals(5, knobs.latencyLeakMs());
      assertEquals(7, knobs.connectionLeakEvery());
      assertEquals(3, knobs.jobSlowdownMs());
      assertEquals(1024, knobs.memoryLeakPerRequestBytes());
      assertEquals(2L << 20, knobs.memoryLeakCapBytes());

      knobs.latencyLeakMs(50).connectionLeakEvery(3).jobSlowdownMs(10).memoryLeak(4096, 1L << 20);
      Map<String, Object> snapshot = knobs.snapshot();
      assertEquals(50L, snapshot.get("latency_leak_ms"));
      assertEquals(3L, snapshot.get("connection_leak_every"));
      assertEquals(10L, snapshot.get("job_slowdown_ms"));
      assertEquals(4096L, snapshot.get("memory_leak_per_request_bytes"));
      assertEquals(1L << 20, snapshot.get("memory_leak_cap_bytes"));

      long overQuarter = Drift.maxMemoryLeakCap() + 1;
      Runnable[] bad = {
        () -> knobs.latencyLeakMs(-1),
        () -> knobs.latencyLeakMs(600_001),
        () -> knobs.connectionLeakEvery(-1),
        () -> knobs.connectionLeakEvery(1_000_001),
        () -> knobs.jobSlowdownMs(-1),
        () -> knobs.jobSlowdownMs(3_600_001),
        () -> knobs.memoryLeakPerRequestBytes(-1),
        () -> knobs.memoryLeakPerRequestBytes((64L << 20) + 1),
        () -> knobs.memoryLeakCapBytes(-1),
        () -> knobs.memoryLeakCapBytes(overQuarter),
      };
      for (Runnable r : bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith("Invalid ") && !e.getMessage().contains("\n"), e.getMessage());
      }
      assertTrue(assertThrows(IllegalArgumentException.class, () -> knobs.memoryLeakCapBytes(overQuarter)).getMessage()
          .contains("quarter of the max heap"));
      assertEquals(knobs.snapshot(), snapshot, "a refused value changes nothing");

      // Off, the cap may be larger; turning the leak on then needs a cap within a quarter of the heap.
      knobs.memoryLeakPerRequestBytes(0).memoryLeakCapBytes(overQuarter);
      assertThrows(IllegalArgumentException.class, () -> knobs.memoryLeakPerRequestBytes(1024));
      knobs.memoryLeak(1024, 1L << 20);

      knobs.reset();
      assertEquals(5, knobs.latencyLeakMs());
      assertEquals(7, knobs.connectionLeakEvery());
      assertEquals(3, knobs.jobSlowdownMs());
      assertEquals(1024, knobs.memoryLeakPerRequestBytes());
      assertEquals(2L << 20, knobs.memoryLeakCapBytes());
    }
  }

  @Test
  void driftKnobsThroughTheAdminPath() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("admin.enabled", true))) {
      Client client = new Client(target);
      JsonNode initial = client.get("/admin/knobs", null).json();
      assertEquals(0, initial.get("latency_leak_ms").asLong());
      assertEquals(0, initial.get("connection_leak_every").asLong());
      assertEquals(0, initial.get("job_slowdown_ms").asLong());
      assertEquals(0, initial.get("memory_leak_per_request_bytes").asLong());
      assertEquals(256L << 20, initial.get("memory_leak_cap_bytes").asLong());

      Reply set = client.postJson("/admin/knobs", null, "{\"latency_leak_ms\":50,\"connection_leak_every\":10,"
          + "\"job_slowdown_ms\":5,\"memory_leak_per_request_bytes\":10240,\"memory_leak_cap_bytes\":1048576}");
      assertEquals(200, set.status(), set.body());
      assertEquals(50, set.json().get("latency_leak_ms").asLong());
      Knobs knobs = target.knobs();
      assertEquals(50, knobs.latencyLeakMs());
      assertEquals(10, knobs.connectionLeakEvery());
      assertEquals(5, knobs.jobSlowdownMs());
      assertEquals(10240, knobs.memoryLeakPerRequestBytes());
      assertEquals(1048576, knobs.memoryLeakCapBytes());

      long overQuarter = Drift.maxMemoryLeakCap() + 1;
      for (String bad : new String[]{"{\"latency_leak_ms\":-1}", "{\"latency_leak_ms\":600001}",
        "{\"latency_leak_ms\":\"50ms\"}", "{\"connection_leak_every\":1.5}", "{\"connection_leak_every\":-3}",
        "{\"job_slowdown_ms\":3600001}", "{\"memory_leak_per_request_bytes\":67108865}",
        "{\"memory_leak_cap_bytes\":" + overQuarter + "}",
        "{\"latency_leak_ms\":1,\"memory_leak_per_request_bytes\":-1}"}) {
        Reply r = client.postJson("/admin/knobs", null, bad);
        assertEquals(400, r.status(), bad);
        assertErrorBody(r);
      }
      assertEquals(50, knobs.latencyLeakMs(), "a bad request changes nothing");
      assertEquals(1048576, knobs.memoryLeakCapBytes());

      // A larger cap with the leak turned off in the same request is taken.
      Reply off = client.postJson("/admin/knobs", null,
          "{\"memory_leak_per_request_bytes\":0,\"memory_leak_cap_bytes\":" + overQuarter + "}");
      assertEquals(200, off.status(), off.body());
      assertEquals(overQuarter, knobs.memoryLeakCapBytes());

      assertEquals(200, client.postJson("/admin/knobs", null, "{\"reset\":true}").status());
      assertEquals(0, knobs.latencyLeakMs());
      assertEquals(0, knobs.connectionLeakEvery());
      assertEquals(0, knobs.jobSlowdownMs());
      assertEquals(0, knobs.memoryLeakPerRequestBytes());
      assertEquals(256L << 20, knobs.memoryLeakCapBytes());
    }
  }

  @Test
  void driftFlagsMapToTheDriftKeys() throws Exception {
    Config c = ReferenceTargetMain.config(ReferenceTargetMain.parse(new String[]{"--latency-leak", "50ms",
      "--connection-leak-every", "100", "--job-slowdown=10ms", "--memory-leak-per-request", "10KiB",
      "--memory-leak-cap", "64MiB"}));
    assertEquals(Duration.ofMillis(50), c.getDuration("drift.latency-leak"));
    assertEquals(100, c.getInt("drift.connection-leak-every"));
    assertEquals(Duration.ofMillis(10), c.getDuration("drift.job-slowdown"));
    assertEquals(10240, c.getBytes("drift.memory-leak-per-request"));
    assertEquals(64L << 20, c.getBytes("drift.memory-leak-cap"));

    Config bad = ReferenceTargetMain.parse(new String[]{"--memory-leak-per-request", "lots"});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReferenceTarget.start(TargetTestSupport.config(Map.of("drift.memory-leak-per-request", "lots"))));
    assertEquals("reference-target.drift.memory-leak-per-request = 'lots': must be a size from 0 to 64MiB, such as "
        + "10KiB or 256MiB (flag --memory-leak-per-request)", ReferenceTargetMain.namingTheFlag(e.getMessage(), bad));
  }

  private static void assertRefused(Map<String, Object> overrides, String named, String allowed) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TargetTestSupport.start(overrides).close(), overrides.toString());
    assertTrue(e.getMessage().startsWith(named) && e.getMessage().contains(allowed), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
