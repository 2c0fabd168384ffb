package interviews.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A step warms up as long as most journeys last, within its bounds. */
class WarmUpTest {

  /** {@code count} journeys of 1 s, 2 s, ... up to {@code count} s, in ms. */
  private static Histogram lasting(int count) {
    Histogram h = new Histogram(3);
    for (int i = 1; i <= count; i++) {
      h.recordValue(i * 1000L);
    }
    return h;
  }

  /** The seconds a warm-up lasts with {@code durations} unchanged. */
  private static int length(WarmUp w, Histogram durations) {
    int s = 0;
    while (!w.over(s, durations)) {
      s++;
    }
    return s;
  }

  @Test
  void shortJourneysLeaveTheSetWarmUp() {
    Histogram quick = new Histogram(3);
    for (int i = 0; i < 100; i++) {
      quick.recordValue(300 + i);
    }
    assertEquals(4, length(WarmUp.of(4, 12, 600), quick));
  }

  @Test
  void longJourneysStretchItToTheirP95() {
    // 20 journeys of 1 to 20 s: 95 % lasted 19 s or less.
    assertEquals(19, length(WarmUp.of(4, 12, 600), lasting(20)));
  }

  @Test
  void itGoesOnUntilEnoughJourneysEndedAtMostThirtySecondsMore() {
    WarmUp w = WarmUp.of(4, 12, 600);
    assertFalse(w.over(10, lasting(19)), "19 journeys ended, all short ones so far: not trusted yet");
    assertTrue(w.over(20, lasting(20)));
    assertEquals(34, length(w, lasting(3)), "never enough: 4 s + 30 s");
    assertEquals(34, length(w, lasting(200)), "p95 190 s: 4 s + 30 s");
  }

  @Test
  void aFixedWarmUpIsNeverStretched() {
    assertEquals(3, length(WarmUp.fixed(3), lasting(200)));
    assertEquals(3, length(WarmUp.fixed(3), lasting(3)));
  }

  @Test
  void theJudgedWindowStillEndsBeforeTheDeadline() {
    assertEquals(8, length(WarmUp.of(4, 12, 20), lasting(200)), "20 s left, 12 s judged");
    assertEquals(4, length(WarmUp.of(4, 12, 10), lasting(200)), "never shorter than set");
  }
}
