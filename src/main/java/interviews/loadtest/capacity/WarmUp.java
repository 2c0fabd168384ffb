package interviews.loadtest.capacity;

import org.HdrHistogram.Histogram;

/**
 * How long an open step warms up before its judged window: at least {@code warm-up}, and as long as 95 %
 * of the journeys so far lasted, so that the journeys in progress have settled at the step's load
 * (a step that starts after a drain starts from none; a step up adds journeys for as long as the
 * journeys last); at most {@value #MAX_STRETCH_SECONDS} s more than {@code warm-up}, and never so
 * long that the judged window would end after the search's deadline. The journeys' p95 is trusted
 * once {@value #MIN_DURATIONS} of them have ended (the first to end are the short ones): until
 * then the warm-up goes on.
 *
 * @param set the warm-up set ({@code warm-up}), seconds
 * @param most the longest it may last, seconds
 */
record WarmUp(int set, int most) {

  /** A warm-up is stretched to the journeys' p95 duration by this many seconds at most. */
  static final int MAX_STRETCH_SECONDS = 30;
  /** Journeys that must have ended before their p95 duration is trusted to end a warm-up. */
  static final int MIN_DURATIONS = 20;

  /**
   * The warm-up of a step starting now.
   *
   * @param secondsLeft seconds until the deadline, of which the judged window needs {@code judged}
   */
  static WarmUp of(int set, int judged, long secondsLeft) {
    return new WarmUp(set, (int) Math.max(set, Math.min(set + MAX_STRETCH_SECONDS, secondsLeft - judged)));
  }

  /** A warm-up of {@code set} seconds, not stretched (a closed step's: its users are its journeys in progress). */
  static WarmUp fixed(int set) {
    return new WarmUp(set, set);
  }

  /** Whether the warm-up is over after {@code seconds}, the journeys having lasted {@code durations} (ms) so far. */
  boolean over(int seconds, Histogram durations) {
    if (seconds >= most) {
      return true;
    }
    if (seconds < set) {
      return false;
    }
    // The p95 as recorded (HdrHistogram answers the highest value of its bucket, a little more).
    long p95 = durations.lowestEquivalentValue(durations.getValueAtPercentile(95));
    return durations.getTotalCount() >= MIN_DURATIONS && seconds * 1000L >= p95;
  }
}
