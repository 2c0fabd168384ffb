package interviews.loadtest.capacity;

import interviews.loadtest.measure.Measurements;
import interviews.loadtest.measure.ScopeStats;
import interviews.loadtest.measure.SecondRow;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What the run's measurements came to over a window of whole seconds: the per-second rows of the
 * window for the counts, concurrency and server metrics, and the difference of two copies of the
 * cumulative latency histograms (taken just after the ticks that open and close the window) for
 * exact percentiles of the window's requests, of all of them and of each SLO's scope.
 *
 * @param seconds length of the window
 * @param started journeys started in it
 * @param ended journeys ended in it
 * @param requests requests that ended in it (409 races included)
 * @param sent requests sent in it: those that ended, plus the growth of those in flight
 * @param errors failed requests
 * @param meanActive journeys in progress, the mean of the window's seconds
 * @param latency all requests' latencies in ms (failed ones included)
 * @param scopes per SLO scope (a request or group name): its requests and latencies
 * @param server the mean of each sampled server metric over the window's seconds
 * @param rows the window's seconds, for what grew through it
 */
record Window(int seconds, long started, long ended, long requests, long sent, long errors, double meanActive,
    Histogram latency, Map<String, Scope> scopes, Map<String, Double> server, List<SecondRow> rows) {

  /** A scope's requests (a group's passes), failures and latencies over the window. */
  record Scope(long count, long errors, Histogram latency) {}

  /** Copies of the cumulative figures at one moment. */
  record Mark(ScopeStats global, Map<String, ScopeStats> scopes) {

    static Mark take(Measurements m, Collection<String> scopes) {
      Map<String, ScopeStats> copies = new LinkedHashMap<>();
      for (String name : scopes) {
        ScopeStats s = m.scope(name);
        if (s != null) {
          copies.put(name, s);
        }
      }
      return new Mark(m.global(), copies);
    }
  }

  /**
   * The window between {@code from} and {@code to}, its seconds {@code rows}; {@code inFlightBefore}
   * the requests in flight at its start (the row before it).
   */
  static Window between(Mark from, Mark to, List<SecondRow> rows, long inFlightBefore) {
    long started = 0;
    long ended = 0;
    long requests = 0;
    long errors = 0;
    double active = 0;
    Map<String, double[]> server = new TreeMap<>();
    for (SecondRow r : rows) {
      started += r.journeysStarted();
      ended += r.journeysEnded();
      requests += r.requests();
      errors += r.errors();
      active += r.usersActive();
      r.server().forEach((k, v) -> {
        if (v != null && !v.isNaN()) {
          double[] sum = server.computeIfAbsent(k, x -> new double[2]);
          sum[0] += v;
          sum[1]++;
        }
      });
    }
    Map<String, Double> means = new LinkedHashMap<>();
    server.forEach((k, v) -> means.put(k, v[0] / v[1]));
    Map<String, Scope> scopes = new LinkedHashMap<>();
    to.scopes().forEach((name, end) -> {
      ScopeStats start = from.scopes().get(name);
      long count = end.requests() - (start == null ? 0 : start.requests());
      long ko = end.ko() - (start == null ? 0 : start.ko());
      scopes.put(name, new Scope(count, ko, minus(end.latency(), start == null ? null : start.latency())));
    });
    long inFlightAfter = rows.isEmpty() ? inFlightBefore : rows.get(rows.size() - 1).inFlight();
    long sent = Math.max(0, requests + inFlightAfter - inFlightBefore);
    return new Window(rows.size(), started, ended, requests, sent, errors, rows.isEmpty() ? 0 : active / rows.size(),
        minus(to.global().latency(), from.global().latency()), scopes, means, List.copyOf(rows));
  }

  private static Histogram minus(Histogram end, Histogram start) {
    Histogram h = end.copy();
    if (start != null && start.getTotalCount() > 0) {
      h.subtract(start);
    }
    return h;
  }

  /** Journeys ended a second: the throughput achieved. */
  double achieved() {
    return seconds == 0 ? 0 : (double) ended / seconds;
  }

  /** Journeys started a second: the load offered and admitted. */
  double startedPerSecond() {
    return seconds == 0 ? 0 : (double) started / seconds;
  }

  /** Requests sent a second. */
  double sentPerSecond() {
    return seconds == 0 ? 0 : (double) sent / seconds;
  }

  /** Requests that ended a second. */
  double requestsPerSecond() {
    return seconds == 0 ? 0 : (double) requests / seconds;
  }

  /** Failed requests / requests; 0 without requests. */
  double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  /** The latency at percentile {@code rank} (100: the maximum), NaN without samples. */
  double percentile(double rank) {
    return percentile(latency, rank);
  }

  static double percentile(Histogram h, double rank) {
    if (h.getTotalCount() == 0) {
      return Double.NaN;
    }
    return rank >= 100 ? h.getMaxValue() : h.getValueAtPercentile(rank);
  }

  /** The mean latency, NaN without samples. */
  double meanLatency() {
    return latency.getTotalCount() == 0 ? Double.NaN : latency.getMean();
  }
}
