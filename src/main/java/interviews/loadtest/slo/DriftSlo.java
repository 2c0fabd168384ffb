package interviews.loadtest.slo;

import java.util.Locale;
import java.util.Objects;

/**
 * A drift SLO: what time must not do to the system over a run, judged at its end by
 * {@link DriftJudge} over the windows a {@link DriftPlan} sets. Three kinds, set in
 * {@code loadtest.drift.slo}:
 *
 * <ul>
 *   <li>{@link LatencyCreep}: a latency percentile of the last window against the first;
 *   <li>{@link ErrorsPerWindow}: the error rate of every window;
 *   <li>{@link ServerGrowth}: the slope per hour of a server metric (a straight-line fit).
 * </ul>
 */
public sealed interface DriftSlo permits DriftSlo.LatencyCreep, DriftSlo.ErrorsPerWindow, DriftSlo.ServerGrowth {

  /** Its key under {@code loadtest.drift.slo} ("latency-creep"). */
  String name();

  /** The kind's key in config ("latency-creep", "errors-per-window", "server-growth"). */
  String kind();

  /** Its limit: the ratio, the error share, or the growth per hour. */
  double limit();

  /** What it limits, in one phrase: "global p95 last window <= 1.25 x first (or within 50 ms)". */
  String describe();

  /** One line for the console: {@code "latency-creep: global p95 last window <= 1.25 x first (or within 50 ms)"}. */
  default String line() {
    return name() + ": " + describe();
  }

  /**
   * The latency percentile {@code metric} of {@code scope} (global or a request name) in the last
   * window may be at most {@code atMost} times that of the first window, or at most
   * {@code toleranceMs} above it (so a fast system's millisecond jitter is no drift).
   */
  record LatencyCreep(String name, String scope, Metric metric, double atMost, long toleranceMs) implements DriftSlo {
    public LatencyCreep {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(metric, "metric");
      if (!metric.isLatency() || metric.equals(Metric.MEAN)) {
        throw new IllegalArgumentException("latency creep compares a percentile (p50 ... p99.9, max), got " + metric.key());
      }
      if (!(atMost >= 1)) {
        throw new IllegalArgumentException("latency creep's ratio must be at least 1, got " + atMost);
      }
      if (toleranceMs < 0) {
        throw new IllegalArgumentException("latency creep's tolerance must be >= 0 ms, got " + toleranceMs);
      }
    }

    @Override
    public String kind() {
      return "latency-creep";
    }

    @Override
    public double limit() {
      return atMost;
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "%s %s last window <= %s x first (or within %d ms)", scope, metric.key(),
          DriftVerdict.plain(atMost), toleranceMs);
    }
  }

  /** The share of failed requests must stay below {@code belowShare} (0.01 = 1 %) in every window. */
  record ErrorsPerWindow(String name, double belowShare) implements DriftSlo {
    public ErrorsPerWindow {
      Objects.requireNonNull(name, "name");
      if (!(belowShare >= 0 && belowShare <= 1)) {
        throw new IllegalArgumentException("errors per window: the share must be 0..1, got " + belowShare);
      }
    }

    @Override
    public String kind() {
      return "errors-per-window";
    }

    @Override
    public double limit() {
      return belowShare;
    }

    @Override
    public String describe() {
      return "error rate of every window " + (belowShare == 0 ? "= 0" : "< " + DriftVerdict.percent(belowShare));
    }
  }

  /**
   * The server metric {@code metric} (a key of {@code loadtest.results.prometheus.metrics}, e.g.
   * db-active) may grow by less than {@code belowPerHour} an hour, by the slope of a straight line
   * fitted over its samples after the warm-up.
   */
  record ServerGrowth(String name, String metric, double belowPerHour) implements DriftSlo {
    public ServerGrowth {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(metric, "metric");
      if (!(belowPerHour > 0) || Double.isInfinite(belowPerHour)) {
        throw new IllegalArgumentException("server growth's limit must be above 0 per hour, got " + belowPerHour);
      }
    }

    @Override
    public String kind() {
      return "server-growth";
    }

    @Override
    public double limit() {
      return belowPerHour;
    }

    @Override
    public String describe() {
      return metric + " grows < " + DriftVerdict.amount(metric, belowPerHour) + " per hour";
    }

    /** Whether the metric is an amount of memory (shown in MiB). */
    public boolean bytes() {
      return DriftVerdict.isBytes(metric);
    }
  }
}
