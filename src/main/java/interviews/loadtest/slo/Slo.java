package interviews.loadtest.slo;

import java.time.Duration;
import java.util.Objects;

/**
 * A service-level objective: {@code metric} of {@code scope} must stay below {@code limit} (a
 * limit of 0: must be 0). The suite's SLOs are set in {@code loadtest.slo}, one entry each, and
 * every one is judged the same way by Gatling's assertions ({@link SloAssertions}), by the run's
 * summary.json and slo-junit.xml ({@link SloVerdict}) and, with {@link AbortOnFail}, live by the
 * {@link Watchdog}.
 *
 * @param name its key under {@code loadtest.slo} ("response-time"), shown with every verdict
 * @param scope {@link #GLOBAL} ("global": every request), a request name ("Log in"), a group name
 *     ("Notification lag"), or {@link #EACH_REQUEST} ("*": one verdict per request name seen)
 * @param metric what is limited
 * @param limit milliseconds for latency metrics, a share (0.01 = 1 %) for {@link Metric#ERROR_RATE}
 * @param abortOnFail whether, and after how long a breach, the watchdog stops the run
 */
public record Slo(String name, String scope, Metric metric, double limit, AbortOnFail abortOnFail) {

  public static final String GLOBAL = "global";
  public static final String EACH_REQUEST = "*";

  /**
   * The k6-style abort of a run: once this SLO has been breached for the whole {@code window}
   * (whole seconds), the {@link Watchdog} stops the injection and the run fails.
   */
  public record AbortOnFail(boolean enabled, Duration window) {

    /** No abort; a window of 15 s should it be switched on. */
    public static final AbortOnFail OFF = new AbortOnFail(false, Duration.ofSeconds(15));

    public AbortOnFail {
      Objects.requireNonNull(window, "window");
      if (window.toSeconds() < 1 || window.toMillis() % 1000 != 0) {
        throw new IllegalArgumentException("abort-on-fail window must be a whole number of seconds, at least 1 s, got "
            + window);
      }
    }

    /** Aborting after a breach of {@code window}. */
    public static AbortOnFail after(Duration window) {
      return new AbortOnFail(true, window);
    }
  }

  public Slo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(abortOnFail, "abortOnFail");
    if (scope.isBlank()) {
      throw new IllegalArgumentException("SLO scope must not be blank");
    }
    if (Double.isNaN(limit) || limit < 0) {
      throw new IllegalArgumentException("SLO limit must be >= 0, got " + limit);
    }
    if (abortOnFail.enabled() && EACH_REQUEST.equals(scope)) {
      throw new IllegalArgumentException("an SLO of each request (\"*\") cannot abort a run; name the request");
    }
  }

  /** An SLO without abort, named after what it limits ("global p95"). */
  public Slo(String scope, Metric metric, double limit) {
    this(scope + " " + metric.key(), scope, metric, limit, AbortOnFail.OFF);
  }

  public static Slo global(Metric metric, double limit) {
    return new Slo(GLOBAL, metric, limit);
  }

  public static Slo of(String scope, Metric metric, double limit) {
    return new Slo(scope, metric, limit);
  }

  /** The same SLO with another limit. */
  public Slo withLimit(double newLimit) {
    return new Slo(name, scope, metric, newLimit, abortOnFail);
  }

  /** The same SLO, aborting the run as {@code abort} says. */
  public Slo withAbortOnFail(AbortOnFail abort) {
    return new Slo(name, scope, metric, limit, abort);
  }

  /** "p95 < 2000 ms" or "errorRate < 0.0100". */
  public String describe() {
    return metric.key() + (limit == 0 ? " = " : " < ") + SloVerdict.format(metric, limit);
  }

  /**
   * One line for the console: {@code "notification-lag: Notification lag p95 < 10000 ms (abort
   * after 15 s)"}.
   */
  public String line() {
    return name + ": " + scope + " " + describe()
        + (abortOnFail.enabled() ? " (abort after " + abortOnFail.window().toSeconds() + " s)" : "");
  }
}
