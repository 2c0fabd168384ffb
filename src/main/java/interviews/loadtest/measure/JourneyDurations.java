package interviews.loadtest.measure;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How long the journeys of one name lasted, start to end, in ms. Recording is lock-free (an
 * HdrHistogram {@link Recorder}); a reader moves what was recorded since into the cumulative
 * histogram and gets a copy of it.
 */
final class JourneyDurations {

  private final Recorder recorder = new Recorder(3);
  /** Touched under this object's lock only. */
  private final Histogram cumulative = new Histogram(3);

  void record(long durationMs) {
    recorder.recordValue(Math.max(0, durationMs));
  }

  /** Every duration recorded so far, as a copy. */
  synchronized Histogram soFar() {
    cumulative.add(recorder.getIntervalHistogram());
    return cumulative.copy();
  }
}
