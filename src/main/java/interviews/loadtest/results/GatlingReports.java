package interviews.loadtest.results;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Has Gatling render its HTML report for a finished run folder ({@code --reports-only}), within a
 * time bound, for a run that ends before Gatling would build it itself (stopped early, or failed).
 * When Gatling builds none (it refuses a run in which no request was answered; a build failed or
 * ran out of time), the folder's {@code index.html} is the suite's own page saying why
 * ({@link NoReportPage}), so a stopped run always leaves a report to open.
 */
final class GatlingReports {

  private GatlingReports() {}

  /**
   * Builds the report of {@code runDirectory}, waiting at most {@code bound}; returns null when
   * Gatling built it, else the one line saying why not, after writing as {@code index.html} the
   * page {@code fallbackPage} makes of that line. Never throws.
   */
  static String generate(Path runDirectory, Duration bound, UnaryOperator<String> fallbackPage) {
    Path index = runDirectory.resolve("index.html");
    if (Files.exists(index)) {
      return null;
    }
    String why;
    if (!Files.exists(runDirectory.resolve("simulation.log"))) {
      why = "Gatling wrote no simulation.log in " + runDirectory;
    } else {
      why = build(runDirectory.toAbsolutePath(), bound);
      if (why == null && Files.exists(index)) {
        return null;
      }
      if (why == null) {
        why = "Gatling wrote no index.html";
      }
    }
    try {
      Files.writeString(index, fallbackPage.apply(why), StandardCharsets.UTF_8);
    } catch (java.io.IOException | RuntimeException e) {
      return why + "; and the page saying so could not be written: " + e;
    }
    return why;
  }

  /** Runs Gatling's report build on a thread of its own; null when it ended well within {@code bound}. */
  private static String build(Path abs, Duration bound) {
    AtomicReference<String> failure = new AtomicReference<>();
    Thread builder = new Thread(() -> {
      try {
        int status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
          "--reports-only", abs.getFileName().toString(),
          "--results-folder", abs.getParent().toString()});
        // 2: the report was written and Gatling's assertions failed on it, as they do after a stop.
        if (status != 0 && status != 2) {
          failure.set("Gatling's report build ended with status " + status);
        }
      } catch (Exception | Error e) {
        failure.set("Gatling built no report: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      }
    }, "gatling-report");
    builder.setDaemon(true);
    builder.start();
    try {
      builder.join(bound.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "the wait for Gatling's report was interrupted";
    }
    if (builder.isAlive()) {
      return "Gatling's report was not built within " + bound.toSeconds() + " s (loadtest.results.stop-timeout); "
          + "build it later with: mvn gatling:test -Dgatling.reportsOnly=" + abs.getFileName();
    }
    return failure.get();
  }
}
