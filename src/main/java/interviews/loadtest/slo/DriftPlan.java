package interviews.loadtest.slo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a run's drift is judged ({@code loadtest.drift}): the first {@code warmUp} is not judged;
 * after it, the first and the last {@code window} are compared and every window's error rate is
 * judged; a window with fewer than {@code minRequests} requests is too thin to judge. A run whose
 * time after the warm-up holds fewer than two windows judges no drift at all and says so.
 *
 * @param slos the drift SLOs, sorted by name; empty: no drift judged
 */
public record DriftPlan(Duration warmUp, Duration window, int minRequests, List<DriftSlo> slos) {

  /** No drift SLOs (runs whose simulation judges none, tests). */
  public static final DriftPlan NONE = new DriftPlan(Duration.ofMinutes(2), Duration.ofMinutes(10), 50, List.of());

  public DriftPlan {
    Objects.requireNonNull(warmUp, "warmUp");
    Objects.requireNonNull(window, "window");
    if (warmUp.isNegative()) {
      throw new IllegalArgumentException("drift warm-up must be >= 0, got " + warmUp);
    }
    if (window.toSeconds() < 1 || window.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("drift window must be a whole number of seconds, at least 1 s, got " + window);
    }
    if (warmUp.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("drift warm-up must be a whole number of seconds, got " + warmUp);
    }
    if (minRequests < 1) {
      throw new IllegalArgumentException("drift min-requests must be at least 1, got " + minRequests);
    }
    slos = List.copyOf(slos);
  }

  /** How long a run must last for its drift to be judged: the warm-up and two windows. */
  public Duration shortestJudged() {
    return warmUp.plus(window.multipliedBy(2));
  }
}
