package interviews.loadtest.results.server;

import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.Summaries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The "server" block of summary.json: per metric min/mean/max/last over the scrapes. */
public final class ServerSummary {

  private ServerSummary() {}

  public static Map<String, Object> of(ServerMetricsSampler sampler, ResultsSettings.Prometheus settings) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("endpoint", sampler == null ? null : sampler.uri().toString());
    m.put("metricNames", settings.metrics());
    List<ServerMetricsSampler.ServerSample> samples = sampler == null ? List.of() : sampler.samples();
    long gaps = samples.stream().filter(ServerMetricsSampler.ServerSample::gap).count();
    m.put("scrapes", samples.size());
    m.put("gaps", gaps);
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (String key : ResultsSettings.SERVER_METRICS) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      double last = Double.NaN;
      int n = 0;
      for (ServerMetricsSampler.ServerSample s : samples) {
        Double v = s.values().get(key);
        if (v != null) {
          min = Math.min(min, v);
          max = Math.max(max, v);
          sum += v;
          last = v;
          n++;
        }
      }
      if (n == 0) {
        metrics.put(key, null);
      } else {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("samples", n);
        v.put("min", Summaries.round6(min));
        v.put("mean", Summaries.round6(sum / n));
        v.put("max", Summaries.round6(max));
        v.put("last", Summaries.round6(last));
        metrics.put(key, v);
      }
    }
    m.put("metrics", metrics);
    String lastError = null;
    for (ServerMetricsSampler.ServerSample s : samples) {
      if (s.gap()) {
        lastError = s.error();
      }
    }
    m.put("lastError", lastError);
    return m;
  }
}
