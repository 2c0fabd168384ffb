package interviews.loadtest.results;

import interviews.loadtest.measure.ScopeStats;
import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import interviews.loadtest.slo.SloVerdict;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Builds the maps that become summary.json (shared by the run writer and the merge command). */
public final class Summaries {

  static final String SCHEMA = "interviews-loadtest-results/1";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Summaries() {}

  /** The counters of one scope. */
  record Counts(long ok, long race, long ko, long noResponse, Map<String, Long> errorsByStatus,
      Map<String, Long> errorsByMessage, Map<String, Long> errorsByCause) {
    long requests() {
      return ok + race + ko;
    }

    static Counts of(ScopeStats s) {
      return new Counts(s.ok(), s.race(), s.ko(), s.noResponse(), s.errorsByStatus(), s.errorsByMessage(),
          s.errorsByCause());
    }
  }

  static Map<String, Object> scope(Counts c, Histogram h) {
    Map<String, Object> m = new LinkedHashMap<>();
    long n = c.requests();
    m.put("requests", n);
    m.put("ok", c.ok());
    m.put("race", c.race());
    m.put("ko", c.ko());
    m.put("noResponse", c.noResponse());
    m.put("gatlingOk", c.ok() + c.race());
    m.put("gatlingKo", c.ko());
    m.put("errorRate", n == 0 ? 0.0 : round6((double) c.ko() / n));
    m.put("latencyMs", latency(h));
    m.put("errorsByStatus", c.errorsByStatus());
    m.put("errorsByMessage", c.errorsByMessage());
    m.put("errorsByCause", c.errorsByCause());
    return m;
  }

  static Map<String, Object> latency(Histogram h) {
    Map<String, Object> l = new LinkedHashMap<>();
    long count = h.getTotalCount();
    l.put("count", count);
    if (count == 0) {
      for (String k : List.of("min", "mean", "p50", "p75", "p95", "p99", "p999", "max", "stdDev")) {
        l.put(k, null);
      }
      return l;
    }
    l.put("min", h.getMinValue());
    l.put("mean", round3(h.getMean()));
    l.put("p50", h.getValueAtPercentile(50));
    l.put("p75", h.getValueAtPercentile(75));
    l.put("p95", h.getValueAtPercentile(95));
    l.put("p99", h.getValueAtPercentile(99));
    l.put("p999", h.getValueAtPercentile(99.9));
    l.put("max", h.getMaxValue());
    l.put("stdDev", round3(h.getStdDeviation()));
    return l;
  }

  static double value(Metric metric, Counts c, Histogram h) {
    if (metric.equals(Metric.ERROR_RATE)) {
      return c.requests() == 0 ? 0.0 : (double) c.ko() / c.requests();
    }
    if (h.getTotalCount() == 0) {
      return Double.NaN;
    }
    if (metric.equals(Metric.MEAN)) {
      return h.getMean();
    }
    return metric.equals(Metric.MAX) ? h.getMaxValue() : h.getValueAtPercentile(metric.percentile());
  }

  /** Verdicts: one per SLO per scope ("*" expands to every name in {@code names}). */
  static List<SloVerdict> verdicts(List<Slo> slos, List<String> names, java.util.function.Function<String, Counts> counts,
      java.util.function.Function<String, Histogram> histograms) {
    List<SloVerdict> out = new ArrayList<>();
    for (Slo slo : slos) {
      List<String> scopes = Slo.EACH_REQUEST.equals(slo.scope()) ? names : List.of(slo.scope());
      for (String scope : scopes) {
        Counts c = counts.apply(scope);
        Histogram h = histograms.apply(scope);
        if (c == null || h == null || c.requests() == 0) {
          out.add(SloVerdict.of(scope, slo.metric(), slo.limit(), Double.NaN, 0));
        } else {
          double v = value(slo.metric(), c, h);
          out.add(SloVerdict.of(scope, slo.metric(), slo.limit(), v, c.requests()));
        }
      }
    }
    return out;
  }

  static List<Map<String, Object>> verdictMaps(List<SloVerdict> verdicts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (SloVerdict v : verdicts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scope", v.scope());
      m.put("metric", v.metric().key());
      m.put("limit", v.limit());
      m.put("actual", Double.isNaN(v.actual()) ? null : round6(v.actual()));
      m.put("status", v.status());
      m.put("message", v.message());
      out.add(m);
    }
    return out;
  }

  static List<Map<String, Object>> sloMaps(List<Slo> slos) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Slo s : slos) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scope", s.scope());
      m.put("metric", s.metric().key());
      m.put("limit", s.limit());
      out.add(m);
    }
    return out;
  }

  public static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  public static double round6(double v) {
    return Math.round(v * 1_000_000.0) / 1_000_000.0;
  }
}
