package interviews.loadtest.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.target.TargetTestSupport.Client;
import interviews.loadtest.target.TargetTestSupport.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GET /metrics in Prometheus text format, and the named series moving under load. */
class MetricsTest {

  @Test
  void namedSeriesMoveUnderLoad() throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("handlers.count", 4, "database.pool-size", 3,
        "notifications.workers", 1, "notifications.job-delay-ms", 300))) {
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
      assertEquals(409, client.book(token, 1).status());
      Map<String, Double> mid = scrape(client);
      assertEquals(10.0, delta(before, mid, "http_requests_total{method=\"GET\",route=\"slots\",status=\"200\"}"));
      assertEquals(10.0, delta(before, mid, "http_request_duration_seconds_count{method=\"GET\",route=\"slots\",status=\"200\"}"));
      assertEquals(4.0, delta(before, mid, "http_requests_total{method=\"POST\",route=\"book\",status=\"201\"}"));
      assertEquals(1.0, delta(before, mid, "http_requests_total{method=\"POST\",route=\"book\",status=\"409\"}"));
      assertEquals(1.0, delta(before, mid, "http_requests_total{method=\"POST\",route=\"login\",status=\"200\"}"));
      assertTrue(mid.get("notification_queue_depth") >= 2, "jobs queue up behind one 300 ms worker");
      assertTrue(mid.get("notification_queue_oldest_age_seconds") > 0);

      // Concurrent slow requests: in flight, busy and waiting handlers, pool use.
      target.knobs().serviceTimeMs("slots", 300);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<Reply>> fs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        fs.add(pool.submit(() -> client.get("/api/slots/", token)));
      }
      Thread.sleep(150);
      Map<String, Double> busy = scrape(client);
      assertTrue(busy.get("http_requests_in_flight") >= 6, "in flight " + busy.get("http_requests_in_flight"));
      assertEquals(4.0, busy.get("request_handlers_busy"));
      assertEquals(2.0, busy.get("request_handlers_waiting"));
      for (Future<Reply> f : fs) {
        assertEquals(200, f.get(10, TimeUnit.SECONDS).status());
      }
      target.knobs().serviceTimeMs("slots", 0);

      // Database pool under a burst of concurrent listing: sample until a connection is seen in use.
      double maxActive = 0;
      List<Future<?>> burst = new ArrayList<>();
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
      for (int i = 0; i < 6; i++) {
        burst.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            client.get("/api/slots/?limit=100", token);
          }
        }));
      }
      while (System.nanoTime() < end && maxActive == 0) {
        maxActive = Math.max(maxActive, scrape(client).get("db_pool_connections_active"));
      }
      for (Future<?> f : burst) {
        f.get(10, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertTrue(maxActive >= 1, "a pooled connection seen in use");

      Thread.sleep(1300);
      Map<String, Double> after = scrape(client);
      assertEquals(0.0, after.get("notification_queue_depth"));
      assertEquals(4.0, delta(before, after, "notification_lag_seconds_count"));
      assertTrue(after.get("notification_lag_seconds_sum") >= 0.3 * 4, "lag at least one job delay each");
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
    Reply r = client.get("/metrics", null);
    assertEquals(200, r.status());
    return parse(r.body());
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
    Double a = after.get(series);
    assertNotNull(a, series + " missing");
    return a - before.getOrDefault(series, 0.0);
  }

  /** Series (name with labels, as printed) to value, from the Prometheus text format. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> m = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int sp = line.lastIndexOf(' ');
      m.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
    }
    return m;
  }
}
