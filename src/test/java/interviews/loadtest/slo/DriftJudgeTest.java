package interviews.loadtest.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.measure.Measurements;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Drift judged over measurements fed and ticked by hand, second by second: no clock, no Gatling.
 * The windows are 10 s after a warm-up of 5 s; each second gets 10 requests.
 */
class DriftJudgeTest {

  private static final long T0 = 1_767_268_800_000L;
  private static final DriftSlo.LatencyCreep CREEP =
      new DriftSlo.LatencyCreep("latency-creep", "global", Metric.P95, 1.25, 50);
  private static final DriftSlo.ErrorsPerWindow ERRORS = new DriftSlo.ErrorsPerWindow("errors-per-window", 0.01);
  private static final DriftSlo.ServerGrowth DB = new DriftSlo.ServerGrowth("db-connection-growth", "db-active", 1);

  private final Measurements m = new Measurements(T0);

  /**
   * Runs {@code seconds} seconds; second s (1-based) answers 10 requests in {@code latency.apply(s)}
   * ms, {@code failed.apply(s)} of them failed, and the server shows {@code server.apply(s)}.
   */
  private void run(int seconds, IntFunction<Long> latency, IntFunction<Integer> failed,
      IntFunction<Map<String, Double>> server) {
    for (int s = 1; s <= seconds; s++) {
      for (int i = 0; i < 10; i++) {
        m.requestSent();
        boolean ko = i < failed.apply(s);
        m.record("Book slot", ko ? 500 : 201, latency.apply(s), ko, null);
      }
      m.tick(T0 + 1000L * s, server.apply(s));
    }
  }

  private List<DriftVerdict> judge(DriftSlo... slos) {
    DriftPlan plan = new DriftPlan(Duration.ofSeconds(5), Duration.ofSeconds(10), 20, List.of(slos));
    return new DriftJudge(plan, m.rows(), m::secondsOf, Duration.ofSeconds(1)).verdicts();
  }

  @Test
  void aSteadyRunPassesEveryDriftSlo() {
    run(40, s -> 100L + (s % 3), s -> 0, s -> Map.of("db-active", 3.0 + (s % 2)));
    List<DriftVerdict> v = judge(CREEP, ERRORS, DB);
    v.forEach(one -> assertEquals("passed", one.status(), one.line()));
    assertEquals(3, v.size());
  }

  @Test
  void latencyThatCreepsUpFailsTheLastWindowAgainstTheFirst() {
    // 100 ms in the first window, then 10 ms more every second: 400+ ms by the end.
    run(40, s -> 100L + Math.max(0, s - 15) * 10L, s -> 0, s -> Map.of());
    DriftVerdict v = judge(CREEP).get(0);
    assertEquals("failed", v.status(), v.line());
    assertEquals(100.0, (double) v.details().get("firstMs"));
    assertEquals(350.0, (double) v.details().get("lastMs")); // seconds 31-40: 260 ... 350 ms, 10 each
    assertTrue(v.actual() > 3, v.line());
    assertEquals("5s-15s", v.details().get("firstWindow"));
    assertEquals("30s-40s", v.details().get("lastWindow"));
    assertTrue(v.message().contains("crept"), v.message());
  }

  @Test
  void aRiseWithinTheToleranceIsNoDrift() {
    // 10 ms to 40 ms is four times as slow, but only 30 ms: within 50 ms.
    run(40, s -> s > 30 ? 40L : 10L, s -> 0, s -> Map.of());
    DriftVerdict v = judge(CREEP).get(0);
    assertEquals("passed", v.status(), v.line());
    assertEquals(4.0, v.actual(), 1e-9);
  }

  @Test
  void aFirstWindowUnderOneMillisecondCountsAsOne() {
    // 0 ms, then 80 ms: 80 times the 1 ms a first window of 0 ms counts as, and 80 ms above it.
    run(40, s -> s > 30 ? 80L : 0L, s -> 0, s -> Map.of());
    DriftVerdict v = judge(CREEP).get(0);
    assertEquals("failed", v.status(), v.line());
    assertEquals(80.0, v.actual(), 1e-9);
  }

  @Test
  void theWarmUpIsNotJudged() {
    // Slow only in the first 5 s: the first window starts after them.
    run(40, s -> s <= 5 ? 5000L : 100L, s -> s <= 5 ? 10 : 0, s -> Map.of());
    judge(CREEP, ERRORS).forEach(one -> assertEquals("passed", one.status(), one.line()));
  }

  @Test
  void oneBadWindowFailsTheErrorsPerWindowEvenWhenTheRunAsAWholeIsWithinTheLimit() {
    // 1 failure in 10 requests during seconds 16-20 only: 5 % of window 15s-25s, 1.4 % of the judged run.
    run(40, s -> 100L, s -> s > 15 && s <= 20 ? 1 : 0, s -> Map.of());
    DriftVerdict v = judge(ERRORS).get(0);
    assertEquals("failed", v.status(), v.line());
    assertEquals(0.05, v.actual(), 1e-9);
    assertEquals(1, v.details().get("windowsBreached"));
    assertEquals(4, v.details().get("windowsJudged")); // 5-15, 15-25, 25-35, and 30-40 for the rest
    assertTrue(v.message().startsWith("worst window 15s-25s: 5% of 100 requests failed"), v.message());
  }

  @Test
  void aServerMetricThatGrowsFailsItsSlopePerHour() {
    // One more connection held every 10 s: 360 an hour.
    run(40, s -> 100L, s -> 0, s -> Map.of("db-active", (double) (s / 10)));
    DriftVerdict v = judge(DB).get(0);
    assertEquals("failed", v.status(), v.line());
    assertEquals(360.0, (double) v.details().get("slopePerHour"), 40.0);
    assertTrue(v.actual() > 300 && v.actual() < (double) v.details().get("slopePerHour"), "95 % sure of a little less: " + v.line());
    assertTrue((double) v.details().get("r2") > 0.8, v.line());
    assertEquals(35, v.details().get("samples"));
  }

  @Test
  void noiseInAShortRunIsNoGrowth() {
    // 0 to 4 connections at random: a line through 35 s of it may well slope, but not surely.
    java.util.Random random = new java.util.Random(42);
    double[] held = new double[41];
    for (int s = 0; s <= 40; s++) {
      held[s] = random.nextInt(5);
    }
    run(40, s -> 100L, s -> 0, s -> Map.of("db-active", held[s]));
    DriftVerdict v = judge(DB).get(0);
    assertEquals("passed", v.status(), v.line());
    assertTrue(Math.abs((double) v.details().get("slopePerHour")) > 1, "the bare slope alone would fail it: " + v.line());
  }

  @Test
  void eachSampleCountsOnceThoughEveryRowRepeatsTheLatest() {
    run(40, s -> 100L, s -> 0, s -> Map.of("db-active", (double) ((s / 5) * 5 / 10)));
    DriftPlan plan = new DriftPlan(Duration.ofSeconds(5), Duration.ofSeconds(10), 20, List.of(DB));
    DriftVerdict v = new DriftJudge(plan, m.rows(), m::secondsOf, Duration.ofSeconds(5)).verdicts().get(0);
    assertEquals(7, v.details().get("samples"), v.line()); // seconds 6, 11, ..., 36
    assertEquals("failed", v.status(), v.line());
  }

  @Test
  void aFallingMetricPasses() {
    run(40, s -> 100L, s -> 0, s -> Map.of("db-active", 40.0 - s));
    assertEquals("passed", judge(DB).get(0).status());
  }

  @Test
  void aRunTooShortForTwoWindowsIsNotJudgedAndSaysWhy() {
    run(24, s -> 100L + s * 100, s -> 5, s -> Map.of("db-active", (double) s));
    for (DriftVerdict v : judge(CREEP, ERRORS, DB)) {
      assertEquals("skipped", v.status(), v.line());
      assertEquals("not judged: the run lasted 24s, shorter than the warm-up 5s and two windows of 10s", v.message());
      assertTrue(Double.isNaN(v.actual()));
    }
  }

  @Test
  void aMetricNeverSampledAndAThinWindowAreNotJudged() {
    run(40, s -> 100L, s -> 0, s -> Map.of());
    DriftVerdict db = judge(DB).get(0);
    assertEquals("skipped", db.status());
    assertTrue(db.message().startsWith("not judged: db-active has 0 samples after the warm-up"), db.message());
    DriftPlan thin = new DriftPlan(Duration.ofSeconds(5), Duration.ofSeconds(10), 101, List.of(CREEP, ERRORS));
    for (DriftVerdict v : new DriftJudge(thin, m.rows(), m::secondsOf, Duration.ofSeconds(1)).verdicts()) {
      assertEquals("skipped", v.status(), v.line());
      assertTrue(v.message().contains("min-requests"), v.message());
    }
  }

  @Test
  void aRequestNameIsJudgedOnItsOwn() {
    for (int s = 1; s <= 40; s++) {
      for (int i = 0; i < 10; i++) {
        m.requestSent();
        m.record("Log in", 200, 100, false, null);
        m.requestSent();
        m.record("Book slot", 201, s > 30 ? 900 : 100, false, null);
      }
      m.tick(T0 + 1000L * s, Map.of());
    }
    DriftSlo.LatencyCreep login = new DriftSlo.LatencyCreep("login-creep", "Log in", Metric.P95, 1.25, 50);
    DriftSlo.LatencyCreep booking = new DriftSlo.LatencyCreep("booking-creep", "Book slot", Metric.P95, 1.25, 50);
    List<DriftVerdict> v = judge(login, booking);
    assertEquals("passed", v.get(0).status(), v.get(0).line());
    assertEquals("failed", v.get(1).status(), v.get(1).line());
  }
}
