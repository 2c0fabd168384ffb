package interviews.loadtest.measure;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency histogram of one scope (a request name, or global). Recording is
 * lock-free: {@link LongAdder}s and an HdrHistogram {@link Recorder}; the once-a-second ticker
 * moves the recorder's interval histogram into the cumulative one.
 */
public final class RequestStats {

  final String name;
  public final LongAdder ok = new LongAdder();
  public final LongAdder race = new LongAdder();
  public final LongAdder ko = new LongAdder();
  public final LongAdder noResponse = new LongAdder();
  public final Recorder recorder = new Recorder(3);
  public final ConcurrentHashMap<String, LongAdder> errorsByStatus = new ConcurrentHashMap<>();
  public final ConcurrentHashMap<String, LongAdder> errorsByMessage = new ConcurrentHashMap<>();
  /** Keys: the constants of {@link ErrorCause}. */
  public final ConcurrentHashMap<String, LongAdder> errorsByCause = new ConcurrentHashMap<>();
  /** Touched by the ticker thread only (and by readers after the run). */
  public final Histogram cumulative = new Histogram(3);

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

  /** Moves what was recorded since the last call into {@link #cumulative}; returns that interval. */
  synchronized Histogram drainInterval() {
    Histogram interval = recorder.getIntervalHistogram();
    cumulative.add(interval);
    return interval;
  }

  long requests() {
    return ok.sum() + race.sum() + ko.sum();
  }

  public static Map<String, Long> sorted(ConcurrentHashMap<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
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
