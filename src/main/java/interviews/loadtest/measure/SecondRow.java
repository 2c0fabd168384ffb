package interviews.loadtest.measure;

import java.util.Map;

/**
 * One row of {@code series.csv}: what happened in one second of the run. Latencies in ms over
 * the requests that ended in that second, failed ones included ({@code p50}...{@code max}), and
 * over the Gatling-OK ones only ({@code okP50}...{@code okMax}); NaN when none. Server values from
 * the latest scrape not older than the scrape interval plus one second (absent when none: a gap).
 */
public record SecondRow(
    long second,
    long epochMillis,
    long journeysStarted,
    long journeysEnded,
    long usersActive,
    long requests,
    long ok,
    long races,
    long errors,
    long inFlight,
    double p50,
    double p95,
    double p99,
    double max,
    double okP50,
    double okP95,
    double okP99,
    double okMax,
    Map<String, Double> server) {

  /** errors / requests, 0 when there were no requests. */
  public double errorShare() {
    return requests == 0 ? 0.0 : (double) errors / requests;
  }
}
