package interviews.loadtest.results.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One named source in summary.json ({@code sources.<name>}): what it is, whether it ran, how many
 * polls failed and why the last did, and per metric its expression and statistics.
 *
 * @param status {@code sampled}, or why it did not run (refused by the guard, no token)
 * @param metrics per metric (without the source's prefix) its expression and statistics, null when never seen
 */
public record SourceSummary(
    String kind,
    String preset,
    String endpoint,
    String status,
    long scrapes,
    long gaps,
    String lastError,
    Map<String, SourceMetric> metrics) {

  /** One metric: how it is read, and what was seen. */
  public record SourceMetric(String expression, ServerSummary.MetricStats stats) {}

  /** The summaries of every source, in order. */
  public static Map<String, SourceSummary> of(ServerSources sources) {
    Map<String, SourceSummary> out = new LinkedHashMap<>();
    if (sources == null) {
      return out;
    }
    for (SourceSettings s : sources.settings()) {
      PolledSource src = sources.source(s.name());
      List<PolledSource.ServerSample> samples = src == null ? List.of() : src.samples();
      Map<String, SourceMetric> metrics = new LinkedHashMap<>();
      s.metrics().forEach((k, expr) -> metrics.put(k, new SourceMetric(expr, ServerSummary.stats(samples, k))));
      long gaps = samples.stream().filter(PolledSource.ServerSample::gap).count();
      String lastError = samples.stream().filter(PolledSource.ServerSample::gap)
          .reduce((a, b) -> b).map(PolledSource.ServerSample::error).orElse(null);
      String status = src == null ? sources.notStarted(s.name()) : "sampled";
      out.put(s.name(), new SourceSummary(s.kind(), s.preset().isEmpty() ? null : s.preset(),
          src == null ? s.url() : src.endpoint(), status, samples.size(), gaps, lastError, metrics));
    }
    return out;
  }

  /** One console line about a source that had trouble, or null when all went well. */
  public String trouble(String name) {
    if (!"sampled".equals(status)) {
      // The whole reason was said when the run began; summary.json keeps it.
      return "[results] server source " + name + " was off: "
          + (status.startsWith("refused: ") ? "refused by the target guard" : status);
    }
    if (scrapes > 0 && gaps == scrapes) {
      return "[results] server source " + name + ": all " + scrapes + " polls failed, last: " + lastError
          + " (" + endpoint + ")";
    }
    if (gaps > 0) {
      return "[results] server source " + name + ": " + gaps + " of " + scrapes + " polls failed, last: " + lastError;
    }
    if (scrapes > 0 && metrics.values().stream().allMatch(m -> m.stats() == null)) {
      return "[results] server source " + name + ": none of its metrics in the answers (" + String.join(", ",
          metrics.keySet()) + "); is " + endpoint + " the right exporter for it?";
    }
    return null;
  }
}
