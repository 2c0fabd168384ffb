package interviews.loadtest.measure;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency histogram of one scope (a request name, or global), as they are recorded.
 * Recording is lock-free: {@link LongAdder}s and an HdrHistogram {@link Recorder}; the
 * once-a-second ticker moves the recorder's interval histogram into the cumulative one. Readers
 * get a {@link ScopeStats} copy.
 */
final class RequestStats {

  final String name;
  final LongAdder ok = new LongAdder();
  final LongAdder race = new LongAdder();
  final LongAdder ko = new LongAdder();
  final LongAdder noResponse = new LongAdder();
  private final Recorder recorder = new Recorder(3);
  final ConcurrentHashMap<String, LongAdder> errorsByStatus = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, LongAdder> errorsByMessage = new ConcurrentHashMap<>();
  /** Keys: the constants of {@link ErrorCause}. */
  final ConcurrentHashMap<String, LongAdder> errorsByCause = new ConcurrentHashMap<>();
  /** Touched by the ticker thread only, under this object's lock. */
  private final Histogram cumulative = new Histogram(3);

  RequestStats(String name) {
    this.name = name;
  }

  void record(Outcome outcome, long latencyMs, String status, String message, String cause) {
    if (latencyMs >= 0) {
      recorder.recordValue(latencyMs);
    }
    switch (outcome) {
      case OK -> ok.increment();
      case RACE -> race.increment();
      case KO -> {
        ko.increment();
        if (latencyMs < 0) {
          noResponse.increment();
        }
        errorsByStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        errorsByMessage.computeIfAbsent(message, k -> new LongAdder()).increment();
        errorsByCause.computeIfAbsent(cause, k -> new LongAdder()).increment();
      }
    }
  }

  /** Moves what was recorded since the last call into the cumulative histogram; returns that interval. */
  synchronized Histogram drainInterval() {
    Histogram interval = recorder.getIntervalHistogram();
    cumulative.add(interval);
    return interval;
  }

  /** A copy of the counters and of the latencies drained so far. */
  synchronized ScopeStats snapshot() {
    return new ScopeStats(ok.sum(), race.sum(), ko.sum(), noResponse.sum(), sorted(errorsByStatus),
        sorted(errorsByMessage), sorted(errorsByCause), cumulative.copy());
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
