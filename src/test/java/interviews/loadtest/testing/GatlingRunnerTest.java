package interviews.loadtest.testing;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatlingRunnerTest {

  @Test
  void runsASimulationInProcessAndReadsItsReport(@TempDir Path results) {
    try (StubServer stub = new StubServer()) {
      System.setProperty("test.baseUrl", stub.baseUrl());
      GatlingRunner.Result r = GatlingRunner.run(RunnerSmokeSimulation.class, results);
      assertEquals(0, r.exitCode(), () -> "run failed: " + r.failure());
      assertTrue(Files.isRegularFile(r.simulationLog()));
      assertTrue(Files.isRegularFile(r.indexHtml()));

      GatlingReport report = GatlingReport.parse(r.runDirectory());
      assertEquals(80, report.global().total());
      assertEquals(40, report.global().ok());
      assertEquals(40, report.global().ko());
      assertEquals(40, report.row("ok").ok());
      assertEquals(0, report.row("ok").ko());
      assertEquals(40, report.row("bad").ko());
      assertEquals(80, stub.requests());
      assertTrue(report.global().percentile(95) >= report.global().percentile(50));
      assertTrue(report.global().max() >= report.global().percentile(99));
      // Gatling found its release check fresh in the test JVM's own preferences: it asked nobody
      // for a newer release and wrote nothing (see safety/OfflinePreferences).
      assertEquals(Long.MAX_VALUE, java.util.prefs.Preferences.userRoot()
          .node(interviews.loadtest.safety.OfflinePreferences.RELEASE_CHECK_NODE).getLong("lastCheckTimestamp", 0));
    }
  }
}
