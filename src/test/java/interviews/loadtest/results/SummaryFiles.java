package interviews.loadtest.results;

import interviews.loadtest.saturation.RunSaturation;
import interviews.loadtest.results.server.ServerSummary;
import interviews.loadtest.results.summary.JourneyCounts;
import interviews.loadtest.results.summary.LatencySummary;
import interviews.loadtest.results.summary.RequestSummary;
import interviews.loadtest.results.summary.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's summary.json for tests of the commands that read run folders, with the records
 * and the writer the run itself uses (so the file cannot drift from the schema) and checked
 * against the JSON Schema.
 */
public final class SummaryFiles {

  private SummaryFiles() {}

  /**
   * What a made-up run measured.
   *
   * @param p50 global p50 (ms); p75 is drawn between it and p95, p999 and max above p99
   */
  public record Run(String runId, String simulation, String target, String profile, Instant start, double durationSeconds,
      boolean passed, long requests, long ko, long p50, long p95, long p99) {}

  /** The SLOs every made-up run was judged by: global p95 below 2000 ms, errors below 1 %. */
  public static final List<RunSummary.SloLimit> SLOS = List.of(new RunSummary.SloLimit("global", "p95", 2000.0),
      new RunSummary.SloLimit("global", "errorRate", 0.01));

  /** A server that was not scraped: every metric named, none seen. */
  private static ServerSummary server() {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, ServerSummary.MetricStats> metrics = new LinkedHashMap<>();
    for (String metric : List.of("cpu", "heap", "heap-after-gc", "db-active", "db-pending", "in-flight", "queue-depth",
        "queue-oldest-age")) {
      names.put(metric, metric.replace('-', '_'));
      metrics.put(metric, null);
    }
    return new ServerSummary(null, names, 0, 0, metrics, null);
  }

  /** Writes {@code run}'s summary.json into {@code folder} (created) and returns the file. */
  public static Path write(Path folder, Run run) {
    return write(folder, run, Map.of("users", 1));
  }

  /** The same with {@code config} as the settings the run recorded. */
  public static Path write(Path folder, Run run, Map<String, Object> config) {
    LatencySummary latency = new LatencySummary(run.requests(), 1L, (double) run.p50(), run.p50(), (run.p50() + run.p95()) / 2,
        run.p95(), run.p99(), run.p99() + 1, run.p99() + 2, 1.0);
    long ok = run.requests() - run.ko();
    RequestSummary global = new RequestSummary(run.requests(), ok, 0L, run.ko(), 0L, ok, run.ko(),
        run.requests() == 0 ? 0.0 : (double) run.ko() / run.requests(), latency, latency,
        run.ko() == 0 ? Map.of() : Map.of("500", run.ko()), run.ko() == 0 ? Map.of() : Map.of("HTTP 500", run.ko()),
        run.ko() == 0 ? Map.of() : Map.of("HTTP 5xx", run.ko()));
    RunSummary summary = new RunSummary(Summaries.SCHEMA, run.runId(), run.simulation(), run.target(), run.profile(),
        run.start().toString(), run.start().plusMillis((long) (run.durationSeconds() * 1000)).toString(),
        run.durationSeconds(), config, SLOS, null, run.passed(),
        List.of(new RunSummary.Verdict("global", "p95", 2000.0, (double) run.p95(), run.passed() ? "passed" : "failed",
            "global p95 = " + run.p95() + " ms")),
        new RunSummary.Drift(120, 600, 50, List.of()),
        new JourneyCounts(run.requests(), run.requests(), Map.of("Booking", new JourneyCounts.Tally(run.requests(), run.requests()))),
        global, Map.of("Book slot", global),
        server(), Map.of(),
        new RunSaturation("Saturation not judged: no saturation rule.", null, List.of()),
        new RunSummary.Measurement((long) run.durationSeconds(), 0));
    try {
      Files.createDirectories(folder);
      Path file = folder.resolve("summary.json");
      Summaries.JSON.writeValue(file.toFile(), summary);
      SummarySchema.assertValid(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
