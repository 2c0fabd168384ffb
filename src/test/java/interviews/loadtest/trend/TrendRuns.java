package interviews.loadtest.trend;

import interviews.loadtest.capacity.CapacityFiles;
import interviews.loadtest.config.TestConfigs;
import interviews.loadtest.results.SummaryFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Histories of real run folders for the trend's tests: summary.json (and capacity.json) written
 * with the suite's own records and writers, laid out as a Jenkins job copies them
 * ({@code history/<build>/target/gatling/<run>/}), and the command run over them.
 */
final class TrendRuns {

  static final String SIMULATION = "BurstSimulation";
  static final String TARGET = "http://127.0.0.1:8080";
  static final String PROFILE = "Burst: ramp 0 -> 8.33 journeys/s over 30s, hold 60s";
  static final Instant FIRST = Instant.parse("2026-01-01T02:00:00Z");

  private TrendRuns() {}

  /** When build {@code n} started: one a day. */
  static Instant day(int n) {
    return FIRST.plus(Duration.ofDays(n));
  }

  /** A Burst run of build {@code n} in the history, with its p95 (p50 and p99 follow from it). */
  static Path build(Path history, int n, long p95, boolean passed) {
    return run(history.resolve(n + "/target/gatling/burstsimulation-" + n), "build-" + n, SIMULATION, TARGET, day(n),
        p95, passed);
  }

  /** A run in {@code folder}, 1000 requests over 100 s, 2 of them failed. */
  static Path run(Path folder, String runId, String simulation, String target, Instant start, long p95, boolean passed) {
    SummaryFiles.write(folder, new SummaryFiles.Run(runId, simulation, target, PROFILE, start, 100.0, passed, 1000, 2,
        p95 / 2, p95, p95 + p95 / 4));
    return folder;
  }

  /** A run against the embedded reference target (a new port each run) with {@code handlers} handlers. */
  static Path embedded(Path folder, String runId, Instant start, int port, int handlers, long p95) {
    SummaryFiles.write(folder, new SummaryFiles.Run(runId, SIMULATION, "http://127.0.0.1:" + port, PROFILE, start, 100.0, true,
        1000, 2, p95 / 2, p95, p95 + p95 / 4), Map.of("target", Map.of("base-url", ""),
        "reference-target", Map.of("port", 0, "handlers", Map.of("count", handlers))));
    return folder;
  }

  /** A capacity search of build {@code n} that found {@code rate} journeys/s and {@code users} users. */
  static Path capacity(Path history, int n, double rate, Long users) {
    Path folder = history.resolve(n + "/target/gatling/capacitysimulation-" + n);
    SummaryFiles.write(folder, new SummaryFiles.Run("capacity-" + n, "CapacitySimulation", TARGET, "Capacity search", day(n),
        300.0, true, 30000, 30, 100, 900, 1500));
    CapacityFiles.write(folder, rate, users);
    return folder;
  }

  /** What a command run printed and returned. */
  record Result(int status, String out, String err) {}

  /** Runs the command in {@code base} with these arguments and -D settings ("key", "value", ...). */
  static Result trend(Path base, String[] args, String... settings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = TrendMain.run(args, base, () -> TestConfigs.settings(settings), o, e);
    }
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String[] args(String... args) {
    return args;
  }

  /** How often {@code part} occurs in {@code text}. */
  static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
