package interviews.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.measure.Measurements;
import interviews.loadtest.measure.SecondRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The open model's sustainability checks on windows made of synthetic seconds: a backlog or a
 * count of journeys in progress that surely grows, by more than the share allowed, breaks a step;
 * noise, growth within the allowance, a fit unsure of the growth, and a ramp that ended in the
 * warm-up do not. Every window's requests are all answered and its journeys start at the offered
 * rate, so the checks under test are the only ones that can break it.
 */
class StepJudgeTest {

  private static final String QUEUE = "broker.queued";
  private static final double RATE = 4;
  private static final Map<String, Duration> EVERY_SECOND = Map.of(QUEUE, Duration.ofSeconds(1));

  /** Second {@code s}: {@code RATE} journeys started, {@code active} in progress, 10 requests all answered. */
  private static SecondRow row(long s, long active, Double queued) {
    return new SecondRow(s, s * 1000, (long) RATE, (long) RATE, active, 10, 10, 0, 0, 0,
        5, 9, 10, 12, 5, 9, 10, 12, queued == null ? Map.of() : Map.of(QUEUE, queued));
  }

  /** A window of {@code active.length} seconds, the queue at {@code queued} (null: not sampled). */
  private static Window window(long[] active, double[] queued) {
    List<SecondRow> rows = new ArrayList<>();
    for (int i = 0; i < active.length; i++) {
      rows.add(row(100 + i, active[i], queued == null ? null : queued[i]));
    }
    return window(rows);
  }

  private static Window window(List<SecondRow> rows) {
    Window.Mark mark = Window.Mark.take(new Measurements(0), List.of());
    return Window.between(mark, mark, rows, 0);
  }

  private static long[] flat(int seconds, long value) {
    long[] out = new long[seconds];
    java.util.Arrays.fill(out, value);
    return out;
  }

  private static StepJudge.Judgement open(Window w, Map<String, Duration> backlogs) {
    return new StepJudge(List.of(), 0.95, backlogs).judge(w, RATE, List.of());
  }

  @Test
  void aGrowingBacklogBreaksTheStepInWords() {
    double[] queued = new double[11];
    for (int i = 0; i < queued.length; i++) {
      queued[i] = 3 + 0.9 * i;
    }
    StepJudge.Judgement j = open(window(flat(11, 28), queued), EVERY_SECOND);
    assertFalse(j.good(), j.toString());
    assertEquals(List.of("backlog: broker.queued grew 0.9 a second over the step (from 3 to 12; at least 0.9 at 95 %; "
        + "0.2 allowed)"), j.breaches());
    assertEquals(0.9 / (0.05 * RATE), j.closestShare(), 1e-9, "the growth it is sure of over the growth allowed");
    assertTrue(j.clear(), "four times the growth allowed ends the step early");

    double[] noisy = {3, 4, 4, 5, 6, 7, 7, 8, 9, 10, 10, 11};
    StepJudge.Judgement k = open(window(flat(12, 28), noisy), EVERY_SECOND);
    assertEquals(List.of("backlog: broker.queued grew 0.7 a second over the step (from 3 to 11; at least 0.7 at 95 %; "
        + "0.2 allowed)"), k.breaches());
  }

  @Test
  void aFlatNoisyBacklogHolds() {
    double[] queued = {6, 9, 4, 8, 5, 10, 3, 7, 6, 9, 4, 8};
    StepJudge.Judgement j = open(window(flat(12, 28), queued), EVERY_SECOND);
    assertTrue(j.good(), j.toString());
    assertTrue(j.closestShare() < 1, j.toString());
  }

  @Test
  void growthBelowTheAllowanceHoldsEvenWhenSure() {
    // 0.1 a second where 5 % of 4 arrivals a second (0.2) may pile up; in progress +1 over 12 s, 2.4 allowed.
    double[] queued = new double[12];
    for (int i = 0; i < queued.length; i++) {
      queued[i] = 5 + 0.1 * i;
    }
    StepJudge.Judgement j = open(window(flat(12, 28), queued), EVERY_SECOND);
    assertTrue(j.good(), j.toString());
    assertEquals(0.5, j.closestShare(), 1e-6, "the queue's 0.1 of the 0.2 allowed: " + j);
    assertEquals("backlog: broker.queued changed 0.1 a second over the step (from 5 to 6; at least 0.1 at 95 %; 0.2 allowed)",
        j.closest());

    long[] active = {28, 28, 28, 28, 28, 28, 29, 29, 29, 29, 29, 29};
    StepJudge.Judgement k = open(window(active, null), Map.of());
    assertTrue(k.good(), k.toString());
    assertEquals("journeys: in progress from 28 to 29 over the step (0.1 a second, at least 0.08 at 95 %; 0.2 allowed)",
        k.closest());
    assertTrue(k.closestShare() < 1, k.toString());
  }

  @Test
  void journeysInProgressThatGrowBreakTheStepThoughEveryRequestIsAnswered() {
    long[] active = {24, 26, 27, 29, 30, 32, 33, 35, 36, 38, 39, 41};
    StepJudge.Judgement j = open(window(active, null), Map.of());
    assertFalse(j.good(), j.toString());
    assertEquals(List.of("journeys: in progress grew from 24 to 41 over the step (1.5 a second, at least 1.5 at 95 %; "
        + "0.2 allowed): the system does not drain what it is offered"), j.breaches());
    assertEquals(1.4694297127779195 / (0.05 * RATE), j.closestShare(), 1e-9);
  }

  @Test
  void noisyJourneysInProgressHold() {
    long[] active = {28, 30, 27, 29, 26, 30, 28, 27, 29, 26, 30, 28};
    StepJudge.Judgement j = open(window(active, null), Map.of());
    assertTrue(j.good(), j.toString());
  }

  @Test
  void aSteepUpswingHoldsUnlessTheFitIsSureOfMoreThanTheAllowance() {
    // 0.33 a second, steeper than the 0.2 allowed, but the fit is 95 % sure of 0.17 a second only.
    long[] upswing = {26, 28, 26, 29, 27, 29, 28, 30, 28, 30, 29, 31};
    StepJudge.Judgement j = open(window(upswing, null), Map.of());
    assertTrue(j.good(), j.toString());
    assertTrue(j.closestShare() > 0.8 && j.closestShare() < 1, j.toString());
    // 0.52 a second, sure of 0.35.
    long[] growing = {25, 27, 26, 29, 27, 30, 28, 31, 29, 31, 30, 32};
    assertFalse(open(window(growing, null), Map.of()).good());
  }

  @Test
  void aRampConfinedToTheWarmUpHoldsAndOneReachingIntoTheWindowBreaks() {
    long[] run = {0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 27, 28, 30, 28, 27, 29, 28, 30, 27, 28, 29, 28};
    List<SecondRow> rows = new ArrayList<>();
    for (int i = 0; i < run.length; i++) {
      rows.add(row(i + 1, run[i], null));
    }
    StepJudge.Judgement settled = open(window(rows.subList(10, run.length)), Map.of());
    assertTrue(settled.good(), "judged after a warm-up as long as the journeys: " + settled);
    StepJudge.Judgement early = open(window(rows.subList(4, 16)), Map.of());
    assertFalse(early.good(), "judged while the count still rose: " + early);
    assertTrue(early.breaches().get(0).startsWith("journeys: in progress grew from 16 to 32 over the step"), early.toString());
  }

  @Test
  void aBacklogWithFewerThanFiveSamplesInTheWindowIsNotJudged() {
    double[] queued = new double[12];
    for (int i = 0; i < queued.length; i++) {
      queued[i] = 3 + 2 * i;
    }
    Window w = window(flat(12, 28), queued);
    assertFalse(open(w, EVERY_SECOND).good());
    StepJudge.Judgement every5s = open(w, Map.of(QUEUE, Duration.ofSeconds(5)));
    assertTrue(every5s.good(), "a sample every 5 s: 3 points in 12 s, " + every5s);
    assertTrue(open(window(flat(4, 28), new double[] {3, 5, 7, 9}), EVERY_SECOND).good(), "4 seconds, 4 points");
    assertTrue(open(window(flat(12, 28), null), EVERY_SECOND).good(), "never sampled");
  }

  @Test
  void aClosedStepIsNotJudgedByGrowth() {
    double[] queued = new double[12];
    long[] active = new long[12];
    for (int i = 0; i < queued.length; i++) {
      queued[i] = 3 + 2 * i;
      active[i] = 20 + 3L * i;
    }
    StepJudge.Judgement j = new StepJudge(List.of(), 0.95, EVERY_SECOND).judge(window(active, queued), Double.NaN, List.of());
    assertTrue(j.good(), j.toString());
  }
}
