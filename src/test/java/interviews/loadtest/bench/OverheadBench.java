package interviews.loadtest.bench;

import interviews.loadtest.testing.GatlingRunner;
import java.nio.file.Path;

/** Runs {@link OverheadBenchSimulation} once in this JVM without the HTML report; used by benchmarks/measurement-overhead.sh. */
public final class OverheadBench {
  public static void main(String[] args) {
    GatlingRunner.Result r = GatlingRunner.run(OverheadBenchSimulation.class, Path.of("target", "bench-gatling"), false);
    System.exit(r.exitCode());
  }
}
