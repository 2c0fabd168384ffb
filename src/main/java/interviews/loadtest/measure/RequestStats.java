package interviews.loadtest.measure;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency histograms of one scope (a request name, or global), as they are recorded.
 * Recording is lock-free: {@link LongAdder}s and HdrHistogram {@link Recorder}s, one for every
 * request that ended with a known time and one for the Gatling-OK ones only; the once-a-second
 * ticker moves the recorders' interval histograms into the cumulative ones. Readers get a
 * {@link ScopeStats} copy.
 */
final class RequestStats {

  /** The status key of a failure without a response. */
  static final String NO_STATUS = "none";

  final String name;
  final LongAdder ok = new LongAdder();
  final LongAdder race = new LongAdder();
  final LongAdder ko = new LongAdder();
  final LongAdder noResponse = new LongAdder();
  private final Recorder recorder = new Recorder(3);
  private final Recorder okRecorder = new Recorder(3);
  final ConcurrentHashMap<String, LongAdder> errorsByStatus = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, LongAdder> errorsByMessage = new ConcurrentHashMap<>();
  /** Keys: the constants of {@link ErrorCause}. */
  final ConcurrentHashMap<String, LongAdder> errorsByCause = new ConcurrentHashMap<>();
  /** Touched by the ticker thread only, under this object's lock. */
  private final Histogram cumulative = new Histogram(3);
  private final Histogram okCumulative = new Histogram(3);

  RequestStats(String name) {
    this.name = name;
  }

  /**
   * @param latencyMs end minus start as Gatling measured it, or -1 when not known
   * @param status the status key of a KO ("500", "none" without a response)
   */
  void record(Outcome outcome, long latencyMs, String status, String message, String cause) {
    if (latencyMs >= 0) {
      recorder.recordValue(latencyMs);
      if (outcome != Outcome.KO) {
        okRecorder.recordValue(latencyMs);
      }
    }
    switch (outcome) {
      case OK -> ok.increment();
      case RACE -> race.increment();
      case KO -> {
        ko.increment();
        if (NO_STATUS.equals(status)) {
          noResponse.increment();
        }
        errorsByStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        errorsByMessage.computeIfAbsent(message, k -> new LongAdder()).increment();
        errorsByCause.computeIfAbsent(cause, k -> new LongAdder()).increment();
      }
    }
  }

  /**
   * Moves what was recorded since the last call into the cumulative histograms; returns that
   * interval: all requests, and the OK ones.
   */
  synchronized Histogram[] drainInterval() {
    Histogram interval = recorder.getIntervalHistogram();
    Histogram okInterval = okRecorder.getIntervalHistogram();
    cumulative.add(interval);
    okCumulative.add(okInterval);
    return new Histogram[] {interval, okInterval};
  }

  /** A copy of the counters and of the latencies drained so far. */
  synchronized ScopeStats snapshot() {
    return new ScopeStats(ok.sum(), race.sum(), ko.sum(), noResponse.sum(), sorted(errorsByStatus),
        sorted(errorsByMessage), sorted(errorsByCause), cumulative.copy(), okCumulative.copy());
  }

  long requests() {
    return ok.sum() + race.sum() + ko.sum();
  }

  static Map<String, Long> sorted(ConcurrentHashMap<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return Collections.unmodifiableMap(out);
  }

  /** What a request came to. */
  enum Outcome {
    /** Gatling OK, not a 409. */
    OK,
    /** Gatling OK with status 409: a lost race the journey accepts; counted apart. */
    RACE,
    /** Gatling KO: a check failed or no response. */
    KO
  }
}
