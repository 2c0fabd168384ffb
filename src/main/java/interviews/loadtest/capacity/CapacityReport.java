package interviews.loadtest.capacity;

import interviews.loadtest.saturation.SaturationRule;
import interviews.loadtest.saturation.SearchSaturation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a capacity search found, for capacity.json, capacity.html and the console's last line.
 *
 * @param settings the search's settings
 * @param target the target's base URL
 * @param slos the SLOs each step was judged by, one line each
 * @param latencyLimitMs the lowest limit of a latency SLO on all requests (the charts' SLO line), NaN when none
 * @param startedAt when the search began
 * @param wallSeconds how long it took, drains included
 * @param open the open model's result, null when it did not run
 * @param closed the closed model's result, null when it did not run
 * @param steps every step, in order
 * @param littlesLaw the cross-check between the two answers, null without both
 * @param usl the Universal Scalability Law fitted to the steps, null with too few of them
 * @param failure why the search stopped before its plan was done (interrupted, failed), null when it was not
 * @param saturation which resource ran out first, at which load, with the evidence
 */
record CapacityReport(CapacitySettings settings, String target, List<String> slos, double latencyLimitMs, Instant startedAt, double wallSeconds,
    ModelResult open, ModelResult closed, List<Step> steps, LittlesLaw littlesLaw, UslFit usl, String failure,
    SearchSaturation saturation) {

  static final String FORMAT = "interviews-loadtest-capacity/1";

  static CapacityReport of(CapacitySettings settings, String target, List<String> slos, double latencyLimitMs, Instant startedAt,
      double wallSeconds, List<ModelResult> models, List<Step> steps, String failure, List<SaturationRule> rules) {
    ModelResult open = models.stream().filter(m -> "open".equals(m.model())).findFirst().orElse(null);
    ModelResult closed = models.stream().filter(m -> "closed".equals(m.model())).findFirst().orElse(null);
    List<double[]> points = new ArrayList<>();
    for (Step s : steps) {
      points.add(new double[] {s.concurrency(), s.achieved()});
    }
    return new CapacityReport(settings, target, slos, latencyLimitMs, startedAt, wallSeconds, open, closed, steps,
        LittlesLaw.of(open, closed), UslFit.fit(points), failure,
        SearchSaturation.of(steps.stream().map(Step::readings).toList(), rules, rateUnit(settings.journey())));
  }

  /** The open model's rate in the journey's words: {@code logins/s}, {@code bookings/s}. */
  static String rateUnit(String journey) {
    return switch (journey.toLowerCase(Locale.ROOT)) {
      case "login" -> "logins/s";
      case "booking" -> "bookings/s";
      default -> "journeys/s";
    };
  }

  /** The think time in words. */
  String thinkTimeText() {
    return settings.thinkTime();
  }

  /** Requests a second at the open model's answer, NaN without one. */
  double maxRequestsPerSecond() {
    if (open == null || open.foundStep() == null || open.foundStep().started() <= 0) {
      return Double.NaN;
    }
    // The rate's requests: the offered journeys times the requests a journey sent at that step.
    Step s = open.foundStep();
    return open.found() * s.sentPerSecond() / s.started();
  }

  /** What ended the search, in words: the first model's limit that broke, or that none did. */
  String limitedBy() {
    List<String> parts = new ArrayList<>();
    for (ModelResult m : new ModelResult[] {open, closed}) {
      if (m == null) {
        continue;
      }
      if (!m.limitedBy().isEmpty()) {
        parts.add(m.model() + " model: " + m.limitedBy() + " at " + (m.badStep() == null ? "" : m.badStep().loadText()));
      } else if (m.noStepJudged()) {
        parts.add(m.model() + " model: " + m.notJudged());
      } else {
        parts.add(m.model() + " model: nothing broke up to " + m.foundStep().loadText()
            + " (search ended by " + m.endedBy() + ")");
      }
    }
    return String.join("; ", parts);
  }

  /**
   * The lowest load of a model at which it slows down: p95 at least twice the p95 of its lightest
   * step; null when none did.
   */
  Step slowsDown(ModelResult m) {
    if (m == null || m.steps().isEmpty()) {
      return null;
    }
    List<Step> byLoad = m.steps().stream().filter(s -> !Double.isNaN(s.p95())).sorted(Comparator.comparingDouble(Step::load)).toList();
    if (byLoad.isEmpty()) {
      return null;
    }
    double base = Math.max(1, byLoad.get(0).p95());
    return byLoad.stream().filter(s -> s.p95() >= 2 * base).findFirst().orElse(null);
  }

  /** The lowest load of a model that broke, null when none did. */
  Step fails(ModelResult m) {
    return m == null ? null : m.badStep();
  }

  /** The end-of-run line with the answer. */
  String answerLine() {
    StringBuilder b = new StringBuilder("[capacity] ").append(settings.journey()).append(":");
    if (open != null) {
      b.append(" highest rate within the SLOs ").append(open.answer());
      double rps = maxRequestsPerSecond();
      if (!Double.isNaN(rps)) {
        b.append(String.format(Locale.ROOT, " (%s requests/s)", Numbers.plain(Numbers.round(rps, 1))));
      }
      b.append(";");
    }
    if (closed != null) {
      b.append(" most concurrent users ").append(closed.answer()).append(";");
    }
    b.append(" limited by ").append(limitedBy());
    b.append("; ").append(saturation.sentence());
    if (littlesLaw != null) {
      b.append(String.format(Locale.ROOT, "; Little's law: %s users predicted (x%s)",
          Numbers.plain(Numbers.round(littlesLaw.predictedUsers(), 1)), Numbers.plain(Numbers.round(littlesLaw.ratio(), 2))));
    }
    if (usl != null && usl.peakConcurrency() != null) {
      b.append("; USL peak at ").append(usl.peakConcurrency()).append(" in progress");
    }
    b.append(String.format(Locale.ROOT, "; %.0fs", wallSeconds));
    if (failure != null) {
      b.append("; ").append(failure);
    }
    return b.toString();
  }
}
