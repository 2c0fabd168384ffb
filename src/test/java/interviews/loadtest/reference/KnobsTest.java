package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.HELD_MS;
import static interviews.loadtest.reference.TargetTestSupport.assertErrorBody;
import static interviews.loadtest.reference.TargetTestSupport.awaitMetrics;
import static interviews.loadtest.reference.TargetTestSupport.metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import interviews.loadtest.testing.Await;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Capacity and fault knobs, in-process and through the admin path. No test here measures speed:
 * requests are held by a knob set to {@link TargetTestSupport#HELD_MS} and the test waits for the
 * state it needs ({@link Await}); the only timings are lower bounds (a knob of N ms delays by at
 * least N ms), which a busy machine cannot break. The throughput W/S itself is measured by
 * benchmarks/capacity.sh.
 */
class KnobsTest {

  @Test
  void atMostWRequestsAreInServiceAtOnceAndBeyondTheQueueTheyAreRefused503() throws Exception {
    int handlers = 4;
    int queue = 2;
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("handlers.count", handlers,
        "handlers.queue-limit", queue))) {
      Client client = new Client(target);
      String token = client.login(0);
      long id = client.book(token, 1).json().get("id").asLong();
      String path = "/api/interviews/" + id + "/";

      // A service time of S ms holds the request (and its handler) for at least S ms.
      target.knobs().serviceTimeMs("interview", 200);
      long t0 = System.nanoTime();
      assertEquals(200, client.get(path, token).status());
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(tookMs >= 200, "a 200 ms service time took " + tookMs + " ms");

      // W + queue requests held in service: W take the handlers, the others wait for one.
      target.knobs().serviceTimeMs("interview", HELD_MS);
      ExecutorService pool = Executors.newFixedThreadPool(handlers + queue);
      List<Future<Reply>> held = new ArrayList<>();
      for (int i = 0; i < handlers + queue; i++) {
        held.add(pool.submit(() -> client.get(path, token)));
      }
      // All of them in flight (and the scrape itself), W holding a handler, the others waiting.
      awaitMetrics(client, handlers + " busy handlers and " + queue + " waiting requests",
          m -> m.get("request_handlers_busy") == handlers && m.get("request_handlers_waiting") == queue
              && m.get("http_requests_in_flight") >= handlers + queue + 1,
          "request_handlers_busy", "request_handlers_waiting", "http_requests_in_flight");

      // The (W + queue + 1)-th is refused at once, while the others are still held.
      for (int i = 0; i < 3; i++) {
        Reply refused = client.get(path, token);
        assertEquals(503, refused.status(), refused.body());
        assertErrorBody(refused);
        assertEquals("1", refused.header("Retry-After"));
      }
      // Health and metrics never take a handler: answered with every handler and the queue full.
      assertEquals(200, client.get("/api/health/", null).status());
      Map<String, Double> still = metrics(client);
      assertEquals(handlers, still.get("request_handlers_busy"), "never more than W in service");
      assertEquals(queue, still.get("request_handlers_waiting"));
      assertTrue(held.stream().noneMatch(Future::isDone), "the held requests are still in service or waiting");

      // Lowering the service time lets every held request go, the waiting ones after them.
      target.knobs().serviceTimeMs("interview", 0);
      for (Future<Reply> f : held) {
        assertEquals(200, f.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS).status());
      }
      pool.shutdown();
      Map<String, Double> after = metrics(client);
      assertEquals(0.0, after.get("request_handlers_busy"));
      assertEquals(0.0, after.get("request_handlers_waiting"));
    }
  }

  @Test
  void errorShareIsAnswered500AtRoughlyThatShare() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      Client client = new Client(target);
      target.knobs().errorRate(0.3);
      int errors = 0;
      int n = 400;
      for (int i = 0; i < n; i++) {
        Reply r = client.get("/api/health/", null);
        if (r.status() == 500) {
          errors++;
          assertErrorBody(r);
        } else {
          assertEquals(200, r.status());
        }
      }
      // A count, not a time: outside 0.2-0.4 is 4.4 standard deviations from 0.3 (p < 1e-5).
      double share = errors / (double) n;
      assertTrue(share > 0.2 && share < 0.4, "500 share " + share);
      assertEquals(200, client.get("/metrics", null).status(), "metrics are never faulted");
      target.knobs().errorRate(0);
      for (int i = 0; i < 50; i++) {
        assertEquals(200, client.get("/api/health/", null).status());
      }
      assertThrows(IllegalArgumentException.class, () -> target.knobs().errorRate(1.5));
    }
  }

  @Test
  void latencyKnobAddsLatencyAndZeroAddsNone() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      Client client = new Client(target);
      client.get("/api/health/", null);
      target.knobs().latencyMs(250);
      long t0 = System.nanoTime();
      assertEquals(200, client.get("/api/health/", null).status());
      long slowMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(slowMs >= 250, "took " + slowMs + " ms");
      // Were 0 not to take effect, the next request would wait the 10 minutes set before it, far
      // beyond the client's timeout (Await.PATIENCE): the test tells "none" from "some" without a clock.
      target.knobs().latencyMs(HELD_MS).latencyMs(0);
      assertEquals(200, client.get("/api/health/", null).status());
      assertEquals(0, target.knobs().latencyMs());
    }
  }

  @Test
  void refuseConnectionsRefusesTcpAndAcceptsAgain() throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      Client client = new Client(target);
      assertEquals(200, client.get("/api/health/", null).status());
      target.knobs().refuseConnections(true);
      assertTrue(target.knobs().refusingConnections());
      assertThrows(ConnectException.class, () -> connect(target.port()));
      assertThrows(java.io.UncheckedIOException.class, () -> client.get("/api/health/", null));
      target.knobs().refuseConnections(false);
      connect(target.port());
      assertEquals(200, client.get("/api/health/", null).status());

      // A timed refusal is in effect at once (its 10 minutes cannot have passed) and ends early by hand.
      target.knobs().refuseConnectionsFor(Duration.ofMillis(HELD_MS));
      assertTrue(target.knobs().refusingConnections());
      assertThrows(ConnectException.class, () -> connect(target.port()));
      target.knobs().refuseConnections(false);
      assertEquals(200, client.get("/api/health/", null).status());

      // A short one ends by itself, and not before its time (a timer never fires early).
      long t0 = System.nanoTime();
      target.knobs().refuseConnectionsFor(Duration.ofMillis(300));
      Await.until("the refusal to end by itself", () -> !target.knobs().refusingConnections());
      long refusedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(refusedMs >= 300, "accepting again after " + refusedMs + " ms");
      connect(target.port());
      assertEquals(200, client.get("/api/health/", null).status(), "accepts again after the duration");
    }
  }

  @Test
  void adminPathChangesKnobsOnlyWhenEnabled() throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("admin.enabled", true))) {
      Client client = new Client(target);
      Reply knobs = client.get("/admin/knobs", null);
      assertEquals(200, knobs.status());
      assertEquals(0.0, knobs.json().get("error_rate").asDouble());
      assertEquals(20, knobs.json().get("job_delay_ms").asLong());

      Reply set = client.postJson("/admin/knobs", null,
          "{\"error_rate\":1.0,\"latency_ms\":5,\"service_time_ms\":{\"book\":40},\"job_delay_ms\":7}");
      assertEquals(200, set.status(), set.body());
      assertEquals(1.0, target.knobs().errorRate());
      assertEquals(40, target.knobs().serviceTimeMs("book"));
      assertEquals(7, target.knobs().jobDelayMs());
      assertEquals(500, client.get("/api/health/", null).status());
      assertEquals(200, client.get("/admin/knobs", null).status(), "the admin path is never faulted");

      for (String bad : new String[]{"{\"error_rate\":2}", "{\"latency_ms\":-1}", "{\"service_time_ms\":{\"health\":5}}",
        "{\"nope\":1}", "{\"latency_ms\":\"5\"}", "not json"}) {
        Reply r = client.postJson("/admin/knobs", null, bad);
        assertEquals(400, r.status(), bad);
        assertErrorBody(r);
      }
      assertEquals(5, target.knobs().latencyMs(), "a bad request changes nothing");

      assertEquals(200, client.postJson("/admin/knobs", null, "{\"reset\":true}").status());
      assertEquals(0.0, target.knobs().errorRate());
      assertEquals(200, client.get("/api/health/", null).status());

      // The refusal starts just after the answer (the admin path is itself unreachable meanwhile);
      // a 10-minute one is certainly still on when seen, and is ended by hand.
      assertEquals(200, client.postJson("/admin/knobs", null, "{\"refuse_connections_ms\":" + HELD_MS + "}").status());
      Await.until("the admin path's refusal to start", () -> target.knobs().refusingConnections());
      assertThrows(ConnectException.class, () -> connect(target.port()));
      target.knobs().refuseConnections(false);
      assertEquals(200, client.get("/api/health/", null).status());
    }
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      Client client = new Client(target);
      assertEquals(404, client.get("/admin/knobs", null).status());
      assertEquals(404, client.postJson("/admin/knobs", null, "{\"error_rate\":1}").status());
      assertEquals(0.0, target.knobs().errorRate());
    }
  }

  @Test
  void closeDrainsInFlightRequestsAndIsIdempotent() throws Exception {
    // The drain timeout only guards against a hang; the drain ends when the request does.
    ReferenceTarget target = TargetTestSupport.start(Map.of("drain-timeout", Await.PATIENCE.toMillis() + "ms"));
    Client client = new Client(target);
    String token = client.login(0);
    target.knobs().serviceTimeMs("slots", HELD_MS);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    Future<Reply> inFlight = threads.submit(() -> client.get("/api/slots/", token));
    awaitMetrics(client, "the request to hold a handler", m -> m.get("request_handlers_busy") == 1.0,
        "request_handlers_busy");

    Future<?> closing = threads.submit(target::close);
    // Closing has begun once new requests are turned away; the held one is still in service.
    Reply turnedAway = Await.until("the target to start closing", () -> client.get("/api/health/", null),
        r -> r.status() == 503);
    assertErrorBody(turnedAway);
    assertFalse(inFlight.isDone(), "the in-flight request is being waited for");
    assertFalse(closing.isDone(), "close() waits for it");

    target.knobs().serviceTimeMs("slots", 0);
    assertEquals(200, inFlight.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS).status(), "the in-flight request finished");
    closing.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    threads.shutdown();
    assertThrows(ConnectException.class, () -> connect(target.port()));
    target.close();
  }

  private static void connect(int port) throws IOException {
    try (Socket s = new Socket()) {
      // A refused connection fails at once; the timeout only guards against a hang.
      s.connect(new InetSocketAddress("127.0.0.1", port), (int) Await.PATIENCE.toMillis());
    }
  }
}
