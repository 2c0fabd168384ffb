package interviews.loadtest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a Gatling simulation class in this JVM, the way {@code gatling:test} would, and tells the
 * caller where the run's files went.
 *
 * <p>Uses Gatling 3.15's own entry point ({@code io.gatling.app.Gatling$.MODULE$.fromArgs}), which
 * returns the process exit status instead of calling {@code System.exit}: 0 for success, 2 when
 * assertions failed, 1 for a crash (including {@code crashLoadGenerator}). Usage analytics and the
 * warm-up request are switched off before the run, so nothing leaves this machine.
 *
 * <pre>{@code
 * GatlingRunner.Result r = GatlingRunner.run(MySimulation.class, tempDir);
 * assertEquals(0, r.exitCode());
 * GatlingReport report = GatlingReport.parse(r.runDirectory());
 * }</pre>
 *
 * <p>The JVM needs {@code --add-opens=java.base/java.lang=ALL-UNNAMED} (surefire's argLine has
 * it), or Gatling's simulation.log writer fails.
 *
 * <p>Runs are serialised by a lock: Gatling keeps some process-wide state, and the test machines are
 * small.
 */
public final class GatlingRunner {

  /** The outcome of one run. */
  public record Result(int exitCode, Path resultsFolder, Path runDirectory, Throwable failure) {

    /** The run folder's {@code simulation.log}. */
    public Path simulationLog() {
      return runDirectory.resolve("simulation.log");
    }

    /** The run folder's {@code index.html}, absent when reports were skipped. */
    public Path indexHtml() {
      return runDirectory.resolve("index.html");
    }
  }

  private static final Object LOCK = new Object();

  private GatlingRunner() {}

  /** Runs with the HTML report generated. */
  public static Result run(Class<?> simulationClass, Path resultsFolder) {
    return run(simulationClass, resultsFolder, true);
  }

  /**
   * Runs {@code simulationClass} writing under {@code resultsFolder} (created if missing).
   *
   * @param generateReport false adds {@code --no-reports} (simulation.log only)
   */
  public static Result run(Class<?> simulationClass, Path resultsFolder, boolean generateReport) {
    synchronized (LOCK) {
      try {
        Files.createDirectories(resultsFolder);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.setProperty("gatling.data.enableAnalytics", "false");
      System.setProperty("gatling.http.warmUpUrl", "");
      System.setProperty("gatling.core.directory.results", resultsFolder.toAbsolutePath().toString());
      List<Path> before = runDirectories(resultsFolder);

      List<String> args = new ArrayList<>();
      args.add("--simulation");
      args.add(simulationClass.getName());
      args.add("--results-folder");
      args.add(resultsFolder.toAbsolutePath().toString());
      args.add("--launcher");
      args.add("maven");
      args.add("--build-tool-version");
      args.add("test");
      if (!generateReport) {
        args.add("--no-reports");
      }
      int exit;
      Throwable failure = null;
      try {
        exit = io.gatling.app.Gatling$.MODULE$.fromArgs(args.toArray(String[]::new));
      } catch (Throwable e) { // Gatling rethrows what crashed the run, checked exceptions too
        exit = 1;
        failure = e;
      }

      Path runDir =
          runDirectories(resultsFolder).stream()
              .filter(p -> !before.contains(p))
              .max(Comparator.comparingLong(GatlingRunner::lastModified))
              .orElse(null);
      return new Result(exit, resultsFolder, runDir, failure);
    }
  }

  /** Sub-folders of {@code resultsFolder} holding a {@code simulation.log}. */
  public static List<Path> runDirectories(Path resultsFolder) {
    if (!Files.isDirectory(resultsFolder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(resultsFolder)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("simulation.log"))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The newest run folder under {@code resultsFolder}, if any. */
  public static Optional<Path> latestRunDirectory(Path resultsFolder) {
    return runDirectories(resultsFolder).stream()
        .max(Comparator.comparingLong(GatlingRunner::lastModified));
  }

  private static long lastModified(Path p) {
    try {
      return Files.getLastModifiedTime(p.resolve("simulation.log")).toMillis();
    } catch (IOException e) {
      return 0L;
    }
  }
}
