package interviews.loadtest.slo;

import java.util.Objects;

/**
 * A service-level objective: {@code metric} of {@code scope} must stay below {@code limit} (a
 * limit of 0: must be 0).
 *
 * @param scope {@link #GLOBAL} ("global"), a request name ("Book slot"), or {@link #EACH_REQUEST}
 *     ("*": one verdict per request name seen)
 * @param metric what is limited
 * @param limit milliseconds for latency metrics, a share (0.05) for {@link Metric#ERROR_RATE}
 */
public record Slo(String scope, Metric metric, double limit) {

  public static final String GLOBAL = "global";
  public static final String EACH_REQUEST = "*";

  public Slo {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(metric, "metric");
    if (scope.isBlank()) {
      throw new IllegalArgumentException("SLO scope must not be blank");
    }
    if (Double.isNaN(limit) || limit < 0) {
      throw new IllegalArgumentException("SLO limit must be >= 0, got " + limit);
    }
  }

  public static Slo global(Metric metric, double limit) {
    return new Slo(GLOBAL, metric, limit);
  }

  public static Slo of(String scope, Metric metric, double limit) {
    return new Slo(scope, metric, limit);
  }

  /** "p95 < 2000 ms" or "errorRate < 0.05". */
  public String describe() {
    return metric.key() + (limit == 0 ? " = " : " < ") + SloVerdict.format(metric, limit);
  }
}
