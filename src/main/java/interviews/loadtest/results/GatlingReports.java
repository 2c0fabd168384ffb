package interviews.loadtest.results;

import java.nio.file.Files;
import java.nio.file.Path;

/** Has Gatling render its HTML report for a finished run folder ({@code --reports-only}). */
final class GatlingReports {

  private GatlingReports() {}

  /** Best effort: a failure is printed, never thrown. */
  static void generate(Path runDirectory) {
    if (Files.exists(runDirectory.resolve("index.html")) || !Files.exists(runDirectory.resolve("simulation.log"))) {
      return;
    }
    try {
      Path abs = runDirectory.toAbsolutePath();
      int status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
        "--reports-only", abs.getFileName().toString(),
        "--results-folder", abs.getParent().toString()});
      // 2: the report was written and Gatling's assertions failed on it, as they do after a stop.
      if (status != 0 && status != 2) {
        System.err.println("[results] Gatling report generation for " + abs + " returned " + status);
      }
    } catch (Exception | Error e) {
      System.err.println("[results] Gatling report generation for " + runDirectory + " failed: " + e);
    }
  }
}
