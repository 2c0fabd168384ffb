package interviews.loadtest.measure;

import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.SloVerdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Failure causes from Gatling 3.15's own messages (as seen in its reports) and the status. */
class ErrorCauseTest {

  @Test
  void failuresWithoutAResponseAreToldApartByGatlingsMessage() {
    assertEquals(ErrorCause.CONNECTION_REFUSED,
        ErrorCause.of(0, "j.n.ConnectException: finishConnect(..) failed with error(-111): Connection refused"));
    assertEquals(ErrorCause.CONNECTION_REFUSED,
        ErrorCause.of(0, "i.n.c.AbstractChannel$AnnotatedConnectException: Connection refused: /127.0.0.1:8080"));
    assertEquals(ErrorCause.TIMEOUT, ErrorCause.of(0, "Request timeout to 127.0.0.1/127.0.0.1:35095 after 3000 ms"));
    assertEquals(ErrorCause.TIMEOUT,
        ErrorCause.of(0, "i.n.c.ConnectTimeoutException: connection timed out after 5000 ms: /127.0.0.1:8080"));
    assertEquals(ErrorCause.CONNECTION_CLOSED, ErrorCause.of(0, "i.g.h.c.i.PrematureCloseException: Premature close"));
    assertEquals(ErrorCause.CONNECTION_CLOSED,
        ErrorCause.of(0, "i.n.c.u.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer"));
    assertEquals(ErrorCause.CONNECTION_CLOSED, ErrorCause.of(0, "j.n.c.ClosedChannelException"));
    assertEquals(ErrorCause.OTHER_NETWORK, ErrorCause.of(0, "j.n.UnknownHostException: nowhere.invalid"));
    assertEquals(ErrorCause.NO_RESPONSE, ErrorCause.of(0, null), "message unknown");
  }

  @Test
  void aFailedStatusCheckCountsByStatusClassAnyOtherCheckAsCheckFailed() {
    assertEquals(ErrorCause.HTTP_5XX, ErrorCause.of(500, "status.find.is(200), found 500"));
    assertEquals(ErrorCause.HTTP_5XX, ErrorCause.of(503, "status.find.in(201,409), found 503"));
    assertEquals(ErrorCause.HTTP_4XX, ErrorCause.of(401, "status.find.is(200), found 401"));
    assertEquals(ErrorCause.HTTP_4XX, ErrorCause.of(409, "status.find.is(204), found 409"), "a 409 not accepted");
    assertEquals(ErrorCause.UNEXPECTED_STATUS, ErrorCause.of(200, "status.find.is(201), found 200"));
    assertEquals(ErrorCause.REDIRECT, ErrorCause.of(302, "status.find.is(200), but actually found 302"));
    assertEquals(ErrorCause.REDIRECT, ErrorCause.of(301, "status.find.in(201,409), but actually found 301"));
    assertEquals(ErrorCause.THROTTLED, ErrorCause.of(429, "status.find.is(200), but actually found 429"),
        "a rate limit is told apart from other 4xx");
    assertEquals(ErrorCause.CHECK_FAILED,
        ErrorCause.of(200, "jsonPath($.notification_status).find.is(sent), but actually found pending"));
    assertEquals(ErrorCause.CHECK_FAILED, ErrorCause.of(404, "jsonPath($.detail).find.exists, found nothing"),
        "the expected 404, then another check failed");
  }

  @Test
  void withoutGatlingsMessageTheStatusDecides() {
    assertEquals(ErrorCause.HTTP_5XX, ErrorCause.of(502, null));
    assertEquals(ErrorCause.HTTP_4XX, ErrorCause.of(404, null));
    assertEquals(ErrorCause.REDIRECT, ErrorCause.of(308, null));
    assertEquals(ErrorCause.THROTTLED, ErrorCause.of(429, null));
    assertEquals(ErrorCause.CHECK_FAILED, ErrorCause.of(200, null));
  }

  @Test
  void theSummaryAndTheConsoleCountErrorsByCause() {
    Measurements m = new Measurements(0);
    assertNull(m.errorsByCauseLine(), "no line without errors");
    m.record("a", 200, 5, false, null);
    m.record("a", 500, 5, true, "status.find.is(200), found 500");
    m.record("a", 0, -1, true, "Request timeout to 127.0.0.1/127.0.0.1:1 after 3000 ms");
    m.record("b", 0, -1, true, "j.n.ConnectException: Connection refused");
    m.record("b", 0, -1, true, "j.n.ConnectException: Connection refused");
    assertEquals(2L, m.global().errorsByCause().get(ErrorCause.CONNECTION_REFUSED));
    assertEquals(1L, m.scope("a").errorsByCause().get(ErrorCause.TIMEOUT));
    assertEquals(2L, m.scope("b").errorsByStatus().get("none"));
    assertEquals(1L, m.scope("a").errorsByMessage().get("no response: timeout"));
    assertEquals("[results] errors by cause: connection refused 2, HTTP 5xx 1, timeout 1 (4 failed requests of 5)",
        m.errorsByCauseLine());
  }

  @Test
  void aRedirectIsCountedWithItsStatusAndSaysItWasNotFollowed() {
    Measurements m = new Measurements(0);
    m.record("a", 302, 3, true, "status.find.is(200), but actually found 302");
    assertEquals(1L, m.global().errorsByMessage().get("HTTP 302 redirect, not followed"));
    assertEquals(1L, m.global().errorsByCause().get(ErrorCause.REDIRECT));
  }

  @Test
  void theConsoleLinePrintsNoPercentileWhenEveryRequestFailedWithoutAResponse() {
    Measurements m = new Measurements(0);
    m.record("a", 0, -1, true, "j.n.ConnectException: Connection refused");
    m.record("a", 0, -1, true, "j.n.ConnectException: Connection refused");
    m.tick(1000, null);
    String line = m.consoleLine(1, null);
    assertTrue(line.contains(" p95=\u2013 "), line);
    assertTrue(line.contains("err=100.00%"), line);
    m.record("a", 200, 7, false, null);
    m.tick(2000, null);
    assertTrue(m.consoleLine(2, null).contains(" p95=7ms "), "a measured second gives a figure again");
  }

  @Test
  void anSloWithoutAMeasuredValueSaysSoInsteadOfNaN() {
    SloVerdict v = new SloVerdict("global", Metric.percentile(95), 2000, Double.NaN, "failed");
    assertTrue(v.message().contains("p95 = \u2013 "), v.message());
  }
}
