package interviews.loadtest.results;

import static interviews.loadtest.results.summary.Rounding.round3;
import static interviews.loadtest.results.summary.Rounding.round6;

import interviews.loadtest.measure.ScopeStats;
import interviews.loadtest.slo.DriftPlan;
import interviews.loadtest.slo.DriftVerdict;
import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import interviews.loadtest.slo.SloVerdict;
import interviews.loadtest.results.summary.LatencySummary;
import interviews.loadtest.results.summary.RequestSummary;
import interviews.loadtest.results.summary.RunSummary;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Builds the records that become summary.json (shared by the run writer and the merge command),
 * and judges the SLOs.
 */
public final class Summaries {

  /** /2: latencyMs counts failed requests without a response too; latencyOkMs added. /3: drift; heap-after-gc. */
  static final String SCHEMA = "interviews-loadtest-results/4";
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

  /**
   * The summary of one scope: its counts, the latencies of all its requests that ended and of its
   * OK ones ({@code okLatency} null: not known).
   */
  static RequestSummary request(Counts c, Histogram latency, Histogram okLatency) {
    long n = c.requests();
    return new RequestSummary(n, c.ok(), c.race(), c.ko(), c.noResponse(), c.ok() + c.race(), c.ko(),
        n == 0 ? 0.0 : round6((double) c.ko() / n), latency(latency), okLatency == null ? null : latency(okLatency),
        c.errorsByStatus(), c.errorsByMessage(), c.errorsByCause());
  }

  static LatencySummary latency(Histogram h) {
    long count = h.getTotalCount();
    if (count == 0) {
      return new LatencySummary(0, null, null, null, null, null, null, null, null, null);
    }
    return new LatencySummary(count, h.getMinValue(), round3(h.getMean()), h.getValueAtPercentile(50),
        h.getValueAtPercentile(75), h.getValueAtPercentile(95), h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9), h.getMaxValue(), round3(h.getStdDeviation()));
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

  static List<RunSummary.Verdict> verdictSummaries(List<SloVerdict> verdicts) {
    return verdicts.stream().map(v -> new RunSummary.Verdict(v.scope(), v.metric().key(), v.limit(),
        Double.isNaN(v.actual()) ? null : round6(v.actual()), v.status(), v.message())).toList();
  }

  /** The drift part of summary.json. */
  static RunSummary.Drift drift(DriftPlan plan, List<DriftVerdict> verdicts) {
    return new RunSummary.Drift(plan.warmUp().toSeconds(), plan.window().toSeconds(), plan.minRequests(),
        verdicts.stream().map(v -> new RunSummary.DriftVerdict(v.name(), v.kind(), v.what(),
            Double.isNaN(v.actual()) ? null : round6(v.actual()), round6(v.limit()), v.status(), v.message(),
            rounded(v.details()))).toList());
  }

  /** Doubles in drift details rounded to 6 decimals, inside lists and maps too. */
  private static java.util.Map<String, Object> rounded(java.util.Map<String, Object> details) {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    details.forEach((k, v) -> out.put(k, roundedValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object roundedValue(Object v) {
    if (v instanceof Double d) {
      return round6(d);
    }
    if (v instanceof java.util.Map<?, ?> m) {
      return rounded((java.util.Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Summaries::roundedValue).toList();
    }
    return v;
  }

  static List<RunSummary.SloLimit> sloSummaries(List<Slo> slos) {
    return slos.stream().map(s -> new RunSummary.SloLimit(s.scope(), s.metric().key(), s.limit())).toList();
  }
}
