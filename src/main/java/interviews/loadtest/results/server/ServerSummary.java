package interviews.loadtest.results.server;

import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.summary.Rounding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code server} block of summary.json: what the Prometheus scrapes saw, per metric.
 *
 * @param endpoint the URL scraped, null when none was
 * @param metricNames the selector used for each metric key, in {@link ResultsSettings#SERVER_METRICS} order
 * @param gaps failed scrapes
 * @param metrics per metric key (same order) its statistics, null when never seen
 * @param lastError the error of the last failed scrape, null when none failed
 */
public record ServerSummary(
    String endpoint,
    Map<String, String> metricNames,
    long scrapes,
    long gaps,
    Map<String, MetricStats> metrics,
    String lastError) {

  /** One metric over the scrapes that saw it; values rounded to 6 decimals. */
  public record MetricStats(long samples, double min, double mean, double max, double last) {}

  public static ServerSummary of(ServerMetricsSampler sampler, ResultsSettings.Prometheus settings) {
    List<ServerMetricsSampler.ServerSample> samples = sampler == null ? List.of() : sampler.samples();
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, MetricStats> metrics = new LinkedHashMap<>();
    for (String key : ResultsSettings.SERVER_METRICS) {
      names.put(key, settings.metrics().get(key));
      metrics.put(key, stats(samples, key));
    }
    String lastError = null;
    long gaps = 0;
    for (ServerMetricsSampler.ServerSample s : samples) {
      if (s.gap()) {
        gaps++;
        lastError = s.error();
      }
    }
    return new ServerSummary(sampler == null ? null : sampler.uri().toString(), names, samples.size(), gaps,
        metrics, lastError);
  }

  /** The statistics of {@code key} over the polls that saw it, null when none did. */
  static MetricStats stats(List<PolledSource.ServerSample> samples, String key) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    double last = Double.NaN;
    int n = 0;
    for (PolledSource.ServerSample s : samples) {
      Double v = s.values().get(key);
      if (v != null) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
        last = v;
        n++;
      }
    }
    return n == 0 ? null : new MetricStats(n, Rounding.round6(min), Rounding.round6(sum / n),
        Rounding.round6(max), Rounding.round6(last));
  }
}
