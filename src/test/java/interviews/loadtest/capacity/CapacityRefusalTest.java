package interviews.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import interviews.loadtest.run.Refusal;
import interviews.loadtest.simulations.CapacitySimulation;
import interviews.loadtest.testing.ForkedGatling;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad search is refused as every bad run is: one line, exit status 3, before any load. */
class CapacityRefusalTest {

  @TempDir
  Path dir;

  @Test
  void aCeilingBelowItsStartIsOneLineBeforeAnyLoad() {
    ForkedGatling.Result r = new ForkedGatling(CapacitySimulation.class, dir)
        .property("loadtest.capacity.open.start-rate", "10")
        .property("loadtest.capacity.open.max-rate", "5")
        .run(3);
    String all = String.join("\n", r.allLines());
    assertEquals(Refusal.EXIT_CODE, r.exitCode(), all);
    assertEquals(List.of(), r.stdout(), "nothing on standard output (no target started, no load):\n" + all);
    assertEquals(List.of("[loadtest] Capacity not started: loadtest.capacity.open.max-rate = '5': is below open.start-rate (10):"
        + " the ceiling must be at least the first step"), r.stderr());
  }
}
