package interviews.loadtest.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.measure.Measurements;
import interviews.loadtest.slo.Slo.AbortOnFail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's rules second by second, on measurements fed and ticked by hand: no clock, no
 * Gatling. Each second is what was recorded before its tick. Latencies stay below 2048 ms, which
 * the histograms hold exactly.
 */
class WatchdogRulesTest {

  private static final long T0 = 1_767_268_800_000L;
  private static final AbortOnFail THREE_SECONDS = AbortOnFail.after(Duration.ofSeconds(3));

  private final Measurements m = new Measurements(T0);
  private long second;

  /** One request, sent and answered. */
  private void request(String name, int status, long latencyMs, boolean ko) {
    m.requestSent();
    m.record(name, status, latencyMs, ko, null);
  }

  /** Closes the next second and feeds it to the watchdog; returns whether it tripped. */
  private boolean tick(Watchdog w) {
    second++;
    return w.evaluate(m.tick(T0 + 1000 * second, Map.of()));
  }

  @Test
  void aGroupSloTripsOnItsOwnSecondsAndSecondsWithoutTheGroupChangeNothing() {
    Slo lag = new Slo("notification-lag", "Notification lag", Metric.P95, 1000, THREE_SECONDS);
    Watchdog w = new Watchdog(List.of(lag, new Slo("errors", Slo.GLOBAL, Metric.ERROR_RATE, 0.01, THREE_SECONDS)), m);
    assertTrue(w.enabled());
    assertEquals("watchdog on (notification-lag: 3 s, errors: 3 s)", w.describe());

    request("Book slot", 201, 5, false);
    m.recordGroup("Notification lag", 1500, false); // second 1: bad
    assertFalse(tick(w));
    request("Book slot", 201, 5, false); // second 2: no group, changes nothing
    assertFalse(tick(w));
    request("Book slot", 201, 5, false);
    m.recordGroup("Notification lag", 1200, false); // second 3: bad, and 3 s since the breach began
    assertTrue(tick(w));
    assertEquals(3, w.trippedAtSecond());
    assertEquals(T0 + 3000, w.trippedAtMillis());
    assertEquals("SLO watchdog: notification-lag (Notification lag p95 < 1000 ms) breached for 3 s "
        + "(last second: p95 = 1200 ms over 1 response)", w.reason());
    assertFalse(tick(w), "trips once");
  }

  @Test
  void aGoodSecondEndsTheBreach() {
    Watchdog w = new Watchdog(List.of(new Slo("lag", "Notification lag", Metric.MAX, 1000, THREE_SECONDS)), m);
    long[] lags = {1500, 900, 1500, 1500, 1500};
    for (int i = 0; i < lags.length; i++) {
      m.recordGroup("Notification lag", lags[i], false);
      assertEquals(i == 4, tick(w), "second " + (i + 1));
    }
  }

  @Test
  void anSloWithoutAbortOnFailIsNeverWatched() {
    Watchdog w = new Watchdog(List.of(new Slo("errors", Slo.GLOBAL, Metric.ERROR_RATE, 0.01, AbortOnFail.OFF)), m);
    assertFalse(w.enabled());
    assertEquals("watchdog off", w.describe());
    for (int i = 0; i < 10; i++) {
      request("Book slot", 500, 5, true);
      assertFalse(tick(w));
    }
    assertNull(w.reason());
  }

  @Test
  void aRequestSloJudgesThatRequestOnly() {
    Watchdog w = new Watchdog(List.of(new Slo("booking-errors", "Book slot", Metric.ERROR_RATE, 0.5, THREE_SECONDS)), m);
    for (int i = 0; i < 3; i++) {
      request("Log in", 500, 5, true); // another request failing does not count
      request("Book slot", 201, 5, false);
      assertFalse(tick(w));
    }
    for (int i = 0; i < 3; i++) {
      request("Book slot", 500, 5, true);
      request("Book slot", 201, 5, false); // half of them: not below 50 %
      assertEquals(i == 2, tick(w));
    }
    assertEquals("SLO watchdog: booking-errors (Book slot errorRate < 0.5000) breached for 3 s "
        + "(last second: errorRate = 0.5000 over 2 requests)", w.reason());
  }

  @Test
  void aGlobalSloCountsASecondWithoutAnswersButWithRequestsInFlightAsBad() {
    Watchdog w = new Watchdog(List.of(new Slo("response-time", Slo.GLOBAL, Metric.P95, 2000, THREE_SECONDS)), m);
    assertFalse(tick(w), "nothing sent yet: good");
    request("Log in", 200, 3000, false); // bad
    assertFalse(tick(w));
    m.requestSent(); // no answer, one in flight: the target hangs
    assertFalse(tick(w));
    assertTrue(tick(w));
    assertEquals("SLO watchdog: response-time (global p95 < 2000 ms) breached for 3 s "
        + "(last second: no response, 1 in flight)", w.reason());
  }

  @Test
  void aGlobalSecondWithNothingSentIsGood() {
    Watchdog w = new Watchdog(List.of(new Slo("response-time", Slo.GLOBAL, Metric.P95, 2000, THREE_SECONDS)), m);
    request("Log in", 200, 3000, false);
    assertFalse(tick(w));
    request("Log in", 200, 3000, false);
    assertFalse(tick(w));
    assertFalse(tick(w), "nothing sent, nothing in flight: good, the breach ends");
    request("Log in", 200, 3000, false);
    assertFalse(tick(w));
  }

  @Test
  void aGroupIsNoRequest() {
    request("Book slot", 201, 5, false);
    m.recordGroup("Notification lag", 700, true);
    m.tick(T0 + 1000, Map.of());
    assertEquals(1, m.global().requests(), "the group is not in the global figures");
    assertEquals(List.of("Book slot"), m.names());
    assertEquals(1, m.scope("Notification lag").ko());
    assertEquals(700, m.scope("Notification lag").latency().getMaxValue());
    assertEquals(1, m.rows().get(0).requests(), "nor in the per-second rows");
  }
}
