package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.HELD_MS;
import static interviews.loadtest.reference.TargetTestSupport.awaitMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import interviews.loadtest.testing.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * GET /metrics in Prometheus text format, and the named series moving under load. Requests and jobs
 * are held by knobs set to {@link TargetTestSupport#HELD_MS} while the test waits for the state it
 * checks ({@link Await}), so nothing depends on how quick the machine is.
 */
class MetricsTest {

  @Test
  void namedSeriesMoveUnderLoad() throws Exception {
    // One notification worker holding its first job for the whole (held) job delay; see HELD_MS.
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("handlers.count", 4, "database.pool-size", 3,
        "notifications.workers", 1, "notifications.job-delay", HELD_MS + "ms"))) {
      Client client = new Client(target);
      Reply first = client.get("/metrics", null);
      assertEquals(200, first.status());
      assertTrue(first.header("Content-Type").startsWith("text/plain; version=0.0.4"), first.header("Content-Type"));
      Map<String, Double> before = parse(first.body());
      for (String name : new String[]{"http_requests_in_flight", "request_handlers_busy", "request_handlers_waiting",
        "db_pool_connections_active", "db_pool_connections_idle", "db_pool_connections_pending",
        "notification_queue_depth", "notification_queue_oldest_age_seconds", "notification_lag_seconds_count",
        "process_cpu_seconds_total", "jvm_memory_used_bytes{area=\"heap\"}"}) {
        assertNotNull(before.get(name), name + " missing in\n" + first.body());
      }
      assertTrue(before.get("jvm_memory_used_bytes{area=\"heap\"}") > 0);
      double open = before.get("db_pool_connections_active") + before.get("db_pool_connections_idle");
      assertTrue(open >= 1 && open <= 3, "open connections " + open + " within the pool size 3");

      String token = client.login(0);
      for (int i = 0; i < 10; i++) {
        assertEquals(200, client.get("/api/slots/?limit=5", token).status());
      }
      for (long slot = 1; slot <= 4; slot++) {
        assertEquals(201, client.book(token, slot).status());
      }
      long allQueued = System.nanoTime(); // every notification job of the 4 bookings is queued by now
      assertEquals(409, client.book(token, 1).status());
      Map<String, Double> mid = scrape(client);
      assertEquals(10.0, delta(before, mid, "http_requests_total{method=\"GET\",route=\"slots\",status=\"200\"}"));
      assertEquals(10.0, delta(before, mid, "http_request_duration_seconds_count{method=\"GET\",route=\"slots\",status=\"200\"}"));
      assertEquals(4.0, delta(before, mid, "http_requests_total{method=\"POST\",route=\"book\",status=\"201\"}"));
      assertEquals(1.0, delta(before, mid, "http_requests_total{method=\"POST\",route=\"book\",status=\"409\"}"));
      assertEquals(1.0, delta(before, mid, "http_requests_total{method=\"POST\",route=\"login\",status=\"200\"}"));
      // The worker holds the first job; the other three queue up behind it and age.
      awaitMetrics(client, "three jobs queued behind the held one",
          m -> m.get("notification_queue_depth") == 3.0 && m.get("notification_queue_oldest_age_seconds") > 0,
          "notification_queue_depth", "notification_queue_oldest_age_seconds");

      // Concurrent held requests: in flight, busy and waiting handlers.
      target.knobs().serviceTimeMs("slots", HELD_MS);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<Reply>> fs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        fs.add(pool.submit(() -> client.get("/api/slots/", token)));
      }
      // One scrape reads its series one after another: all three conditions must hold in the same one.
      awaitMetrics(client, "6 requests in flight (and the scrape), 4 holding a handler, 2 waiting",
          m -> m.get("request_handlers_busy") == 4.0 && m.get("request_handlers_waiting") == 2.0
              && m.get("http_requests_in_flight") >= 7,
          "request_handlers_busy", "request_handlers_waiting", "http_requests_in_flight");
      target.knobs().serviceTimeMs("slots", 0);
      for (Future<Reply> f : fs) {
        assertEquals(200, f.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS).status());
      }

      // Database pool under concurrent listing: list until a scrape sees a connection in use.
      AtomicBoolean seen = new AtomicBoolean();
      List<Future<?>> burst = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        burst.add(pool.submit(() -> {
          while (!seen.get()) {
            client.get("/api/slots/?limit=100", token);
          }
        }));
      }
      try {
        awaitMetrics(client, "a pooled connection seen in use", m -> m.get("db_pool_connections_active") >= 1,
            "db_pool_connections_active");
      } finally {
        seen.set(true);
      }
      for (Future<?> f : burst) {
        f.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
      }
      pool.shutdown();

      // Let the jobs go: each one's lag runs from its enqueueing, so it covers the time it was held.
      long released = System.nanoTime();
      target.knobs().jobDelayMs(0);
      Map<String, Double> after = awaitMetrics(client, "the 4 notifications sent and every request done",
          m -> m.get("notification_queue_depth") == 0.0
              && m.get("notification_lag_seconds_count") - before.get("notification_lag_seconds_count") == 4.0
              && m.get("http_requests_in_flight") == 1.0,
          "notification_queue_depth", "notification_lag_seconds_count", "http_requests_in_flight");
      double heldSeconds = (released - allQueued) / 1e9;
      assertTrue(after.get("notification_lag_seconds_sum") >= 4 * heldSeconds,
          "lag sum " + after.get("notification_lag_seconds_sum") + " s, each job was held at least " + heldSeconds + " s");
      assertEquals(1.0, after.get("http_requests_in_flight"), "only the scrape itself");
      assertEquals(0.0, after.get("request_handlers_busy"));
      assertTrue(after.get("process_cpu_seconds_total") > before.get("process_cpu_seconds_total"));
    }
  }

  @Test
  void targetsInOneJvmHaveSeparateRegistries() {
    try (ReferenceTarget a = TargetTestSupport.start(Map.of()); ReferenceTarget b = TargetTestSupport.start(Map.of())) {
      Client ca = new Client(a);
      Client cb = new Client(b);
      for (int i = 0; i < 3; i++) {
        ca.get("/api/health/", null);
      }
      String series = "http_requests_total{method=\"GET\",route=\"health\",status=\"200\"}";
      assertEquals(3.0, scrape(ca).get(series));
      assertEquals(null, scrape(cb).get(series));
    }
  }

  private static Map<String, Double> scrape(Client client) {
    return TargetTestSupport.metrics(client);
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
    Double a = after.get(series);
    assertNotNull(a, series + " missing");
    return a - before.getOrDefault(series, 0.0);
  }

  /** Series (name with labels, as printed) to value, from the Prometheus text format. */
  static Map<String, Double> parse(String text) {
    return TargetTestSupport.parseMetrics(text);
  }
}
