package interviews.loadtest.results.summary;

import interviews.loadtest.saturation.RunSaturation;
import interviews.loadtest.results.server.ServerSummary;
import interviews.loadtest.results.server.SourceSummary;
import java.util.List;
import java.util.Map;

/**
 * The whole of a run's {@code summary.json}, in its order. Written by the results layer at the end
 * of a run; the JSON Schema {@code results/summary.schema.json} (a resource of this project)
 * describes every field.
 *
 * @param schema the format's id: changes when a field changes meaning
 * @param start when the run's recording began, UTC ISO-8601
 * @param end when it ended
 * @param durationSeconds end - start, rounded to 3 decimals
 * @param config the settings used, secrets masked
 * @param slos the SLOs judged
 * @param stoppedEarly null, or why and when the watchdog stopped the run
 * @param passed no SLO or drift SLO failed and the run was not stopped early
 * @param sloVerdicts one per SLO per scope ("*" expanded)
 * @param drift how drift was judged, and one verdict per drift SLO
 * @param requests one entry per request name, sorted by name
 * @param sources the named server sources (loadtest.results.sources), by name
 * @param saturation which resource reached its limit first, and when
 * @param measurement the measurement layer's own bookkeeping
 */
public record RunSummary(
    String schema,
    String runId,
    String simulation,
    String target,
    String profile,
    String start,
    String end,
    double durationSeconds,
    Map<String, Object> config,
    List<SloLimit> slos,
    StoppedEarly stoppedEarly,
    boolean passed,
    List<Verdict> sloVerdicts,
    Drift drift,
    JourneyCounts journeys,
    RequestSummary global,
    Map<String, RequestSummary> requests,
    ServerSummary server,
    Map<String, SourceSummary> sources,
    RunSaturation saturation,
    Measurement measurement) {

  /** An SLO as configured: {@code metric} of {@code scope} below {@code limit}. */
  public record SloLimit(String scope, String metric, double limit) {}

  /**
   * What stopped the run before its profile ended, and why.
   *
   * @param by "watchdog" or "interrupted" (SIGTERM, Ctrl-C)
   * @param at when, UTC ISO-8601
   * @param elapsedSeconds the second of the run (as in series.csv) that tripped it
   */
  public record StoppedEarly(String by, String reason, String at, long elapsedSeconds) {}

  /**
   * The outcome of one SLO for one scope.
   *
   * @param actual the measured value rounded to 6 decimals, null without data
   * @param status "passed", "failed" or "noData"
   */
  public record Verdict(String scope, String metric, double limit, Double actual, String status, String message) {}

  /**
   * The run's drift: its windows, and how each drift SLO came out.
   *
   * @param warmUpSeconds the start not judged
   * @param windowSeconds the length of the first, the last and every error window
   */
  public record Drift(long warmUpSeconds, long windowSeconds, int minRequests, List<DriftVerdict> verdicts) {}

  /**
   * The outcome of one drift SLO.
   *
   * @param actual the ratio, worst error share or slope per hour, rounded to 6 decimals; null when skipped
   * @param status "passed", "failed" or "skipped" (not judged: too short a run, too few requests, no samples)
   * @param details the figures behind it: windows and their values, or the fitted line
   */
  public record DriftVerdict(String name, String kind, String describe, Double actual, double limit, String status,
      String message, Map<String, Object> details) {}

  /**
   * @param seconds rows of series.csv
   * @param unmatched requests whose response the layer did not see (should be 0)
   */
  public record Measurement(long seconds, long unmatched) {}
}
