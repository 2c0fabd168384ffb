package interviews.loadtest.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import interviews.loadtest.run.Refusal;
import interviews.loadtest.simulations.CapacitySimulation;
import interviews.loadtest.testing.ForkedGatling;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capacity search whose plan's settings contradict each other is refused before any load, in one line. */
class ScalingRefusalTest {

  @TempDir
  Path dir;

  @Test
  void anAutoscalerTargetAboveTheHeadroomRefusesTheSearch() {
    ForkedGatling.Result r = new ForkedGatling(CapacitySimulation.class, dir)
        .property("loadtest.scaling.autoscaler.target-cpu", "0.8")
        .run(3);
    String all = String.join("\n", r.allLines());
    assertEquals(Refusal.EXIT_CODE, r.exitCode(), all);
    assertEquals(List.of(), r.stdout(), "nothing on standard output (no target started, no load):\n" + all);
    assertEquals(List.of("[loadtest] Capacity not started: loadtest.scaling.autoscaler.target-cpu = '0.8': is above"
        + " loadtest.scaling.headroom (0.6): the autoscaler would let each instance carry more than the plan sized it"
        + " for"), r.stderr());
  }
}
