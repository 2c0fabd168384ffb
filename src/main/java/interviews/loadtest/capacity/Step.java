package interviews.loadtest.capacity;

import interviews.loadtest.saturation.Reading;
import interviews.loadtest.saturation.StepReadings;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured step of the search: a constant load held for a warm-up (not judged) and a judged
 * window, and what the window came to.
 *
 * @param number 1, 2, ... in the order the steps ran
 * @param model open or closed
 * @param phase bracket (growing or shrinking fast), refine (bisection) or repeat (a borderline step measured again)
 * @param load journeys a second offered (open) or concurrent users (closed)
 * @param startSecond the run's second at which the step began
 * @param judgedSeconds length of the judged window (shorter than set when the step ended early)
 * @param endedEarly whether a clear breach ended the step before its judged window was over
 * @param started journeys started a second in the window
 * @param achieved journeys ended a second in the window: the throughput
 * @param requestsPerSecond requests that ended a second in the window
 * @param sentPerSecond requests sent a second in the window
 * @param requests requests in the window
 * @param errors failed requests in the window
 * @param p50 latency percentiles of the window's requests (failed ones included), ms
 * @param meanLatency mean latency of the window's requests, ms
 * @param concurrency journeys in progress, mean over the window
 * @param server the target's sampled metrics, mean over the window (empty when none was sampled)
 * @param good whether every SLO held and (open) throughput followed
 * @param breaches what broke, one line each
 * @param closest the figure nearest its limit
 * @param closestShare that figure as a share of its limit
 * @param borderline whether the closest figure was within the borderline share of its limit
 * @param resources what each saturation rule's metric showed over the window: at, near or below its limit
 * @param stretchedWarmUp the seconds of warm-up the step had when they were more than
 *     {@code warm-up} (stretched to the journeys' p95 duration), 0 when it had {@code warm-up}
 */
record Step(int number, String model, String phase, double load, long startSecond, int judgedSeconds,
    boolean endedEarly, double started, double achieved, double requestsPerSecond, double sentPerSecond, long requests, long errors,
    double p50, double p95, double p99, double meanLatency, double concurrency, Map<String, Double> server,
    boolean good, List<String> breaches, String closest, double closestShare, boolean borderline,
    int stretchedWarmUp, List<Reading> resources) {

  boolean open() {
    return "open".equals(model);
  }

  /** The step's readings with its load, for the search's saturation. */
  StepReadings readings() {
    return new StepReadings(model, load, good, resources);
  }

  /** The resources at their limit in this step, in words ("CPU: 0.90 of 2 cores"); "" when none. */
  String atLimit() {
    return String.join("; ", resources.stream().filter(Reading::atLimit).map(Reading::text).toList());
  }

  /** errors / requests, 0 without requests. */
  double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  /** The load with its unit: "8 journeys/s" or "50 users". */
  String loadText() {
    return open() ? Numbers.plain(load) + " journeys/s" : Numbers.plain(load) + " users";
  }

  /** The step's console line. */
  String line() {
    return String.format(Locale.ROOT,
        "[capacity] %s step %d (%s) %s%s: %s journeys/s ended, %s req/s, p50 %s, p95 %s, p99 %s, errors %s, %s in progress%s -> %s",
        model, number, phase, loadText(),
        stretchedWarmUp > 0 ? " after a warm-up of " + stretchedWarmUp + "s (the journeys' p95 duration)" : "", Numbers.plain(Numbers.round(achieved, 2)), Numbers.plain(Numbers.round(requestsPerSecond, 1)),
        Numbers.ms(p50), Numbers.ms(p95), Numbers.ms(p99), Numbers.percent(errorRate()),
        Numbers.plain(Numbers.round(concurrency, 1)), (endedEarly ? ", ended early after " + judgedSeconds + "s judged" : "")
            + (atLimit().isEmpty() ? "" : "; at its limit: " + atLimit()),
        good ? "held" + (borderline ? " (borderline: " + closest + ")" : "")
            : "broke: " + String.join("; ", breaches) + (borderline ? " (borderline)" : ""));
  }
}
