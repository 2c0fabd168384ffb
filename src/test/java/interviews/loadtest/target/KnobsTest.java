package interviews.loadtest.target;

import static interviews.loadtest.target.TargetTestSupport.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.target.TargetTestSupport.Client;
import interviews.loadtest.target.TargetTestSupport.Reply;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Capacity and fault knobs, in-process and through the admin path. */
class KnobsTest {

  @Test
  void capacityIsHandlersOverServiceTime() throws Exception {
    // 4 handlers, 50 ms on the interview route: a ceiling of 80 requests a second.
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("handlers.count", 4))) {
      Client client = new Client(target);
      String token = client.login(0);
      long id = client.book(token, 1).json().get("id").asLong();
      target.knobs().serviceTimeMs("interview", 50);
      String path = "/api/interviews/" + id + "/";
      for (int i = 0; i < 8; i++) {
        assertEquals(200, client.get(path, token).status());
      }
      int clients = 16;
      long durationNanos = TimeUnit.MILLISECONDS.toNanos(2500);
      AtomicInteger ok = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long start = System.nanoTime();
      List<Future<?>> fs = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        fs.add(pool.submit(() -> {
          while (System.nanoTime() - start < durationNanos) {
            if (client.get(path, token).status() == 200) {
              ok.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get(20, TimeUnit.SECONDS);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      double rate = ok.get() / seconds;
      assertTrue(rate > 80 * 0.75 && rate < 80 * 1.1, "throughput " + rate + "/s, expected about 80/s");
    }
  }

  @Test
  void queueBeyondLimitIsAnswered503() throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("handlers.count", 1, "handlers.queue-limit", 1,
        "service-time-ms.slots", 400))) {
      Client client = new Client(target);
      String token = client.login(0);
      ExecutorService pool = Executors.newFixedThreadPool(5);
      List<Future<Reply>> fs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        fs.add(pool.submit(() -> client.get("/api/slots/?limit=1", token)));
      }
      int ok = 0;
      int busy = 0;
      for (Future<Reply> f : fs) {
        Reply r = f.get(10, TimeUnit.SECONDS);
        if (r.status() == 200) {
          ok++;
        } else if (r.status() == 503) {
          busy++;
          assertErrorBody(r);
          assertEquals("1", r.header("Retry-After"));
        }
      }
      pool.shutdown();
      assertEquals(5, ok + busy);
      assertTrue(ok >= 2 && busy >= 1, "one served, one waiting, the rest 503: ok=" + ok + " busy=" + busy);
      // Health never waits for a handler.
      target.knobs().serviceTimeMs("slots", 1000);
      Future<Reply> slow = Executors.newSingleThreadExecutor().submit(() -> client.get("/api/slots/", token));
      Thread.sleep(100);
      long t0 = System.nanoTime();
      assertEquals(200, client.get("/api/health/", null).status());
      assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(500), "health is not blocked by busy handlers");
      assertEquals(200, client.get("/metrics", null).status());
      target.knobs().serviceTimeMs("slots", 0);
      slow.get(10, TimeUnit.SECONDS);
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
  void latencyKnobAddsLatency() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      Client client = new Client(target);
      client.get("/api/health/", null);
      target.knobs().latencyMs(250);
      long t0 = System.nanoTime();
      assertEquals(200, client.get("/api/health/", null).status());
      long slowMs = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(slowMs >= 250, "took " + slowMs + " ms");
      target.knobs().latencyMs(0);
      long t1 = System.nanoTime();
      assertEquals(200, client.get("/api/health/", null).status());
      long fastMs = (System.nanoTime() - t1) / 1_000_000;
      assertTrue(fastMs < 200, "took " + fastMs + " ms");
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

      target.knobs().refuseConnectionsFor(Duration.ofMillis(400));
      assertThrows(ConnectException.class, () -> connect(target.port()));
      Thread.sleep(700);
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

      assertEquals(200, client.postJson("/admin/knobs", null, "{\"refuse_connections_ms\":500}").status());
      Thread.sleep(250);
      assertThrows(ConnectException.class, () -> connect(target.port()));
      Thread.sleep(600);
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
    ReferenceTarget target = TargetTestSupport.start(Map.of());
    Client client = new Client(target);
    String token = client.login(0);
    target.knobs().serviceTimeMs("slots", 400);
    Future<Reply> inFlight = Executors.newSingleThreadExecutor().submit(() -> client.get("/api/slots/", token));
    Thread.sleep(150);
    target.close();
    assertEquals(200, inFlight.get(5, TimeUnit.SECONDS).status(), "the in-flight request finished");
    assertThrows(ConnectException.class, () -> connect(target.port()));
    target.close();
  }

  private static void connect(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
  }
}
