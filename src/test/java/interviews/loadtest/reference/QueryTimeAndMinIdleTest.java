package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.HELD_MS;
import static interviews.loadtest.reference.TargetTestSupport.awaitMetrics;
import static interviews.loadtest.reference.TargetTestSupport.metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The database query time and the pool's minimum on the default in-memory H2 database, seen through
 * the target's own pool gauges: a request with a query time holds one pooled connection, on top of
 * its service time and while holding its handler; a pool with a small {@code min-idle} starts small
 * and grows under load. The same on a real PostgreSQL, seen from PostgreSQL itself: {@link PostgresPoolTest}.
 * Requests are held by a query time of {@link TargetTestSupport#HELD_MS}; the only timings are lower bounds.
 */
class QueryTimeAndMinIdleTest {

  @Test
  void aQueryTimeHoldsOnePooledConnectionPerRequestOnTopOfTheServiceTime() throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("handlers.count", 3, "database.pool-size", 4))) {
      Client client = new Client(target);
      String token = client.login(0);
      assertEquals(0, target.knobs().queryTimeMs(), "off by default");

      // A query time of Q ms and a service time of S ms delay a request by at least Q + S ms.
      target.knobs().queryTimeMs(200).serviceTimeMs("slots", 100);
      long t0 = System.nanoTime();
      assertEquals(200, client.get("/api/slots/?limit=1", token).status());
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(tookMs >= 300, "a 200 ms query time after a 100 ms service time took " + tookMs + " ms");

      // Two requests held in their query: each holds one connection and one handler.
      target.knobs().serviceTimeMs("slots", 0).queryTimeMs(HELD_MS);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<Reply>> held = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        held.add(pool.submit(() -> client.get("/api/slots/?limit=1", token)));
      }
      try {
        awaitMetrics(client, "2 connections held by 2 requests in their query",
            m -> m.get("db_pool_connections_active") == 2.0 && m.get("request_handlers_busy") == 2.0,
            "db_pool_connections_active", "request_handlers_busy");

        // Lowered, the query time applies to the next requests; the ones in their query keep theirs.
        target.knobs().queryTimeMs(0);
        assertEquals(200, client.get("/api/slots/?limit=1", token).status());
        Map<String, Double> still = metrics(client);
        assertEquals(2.0, still.get("db_pool_connections_active"), "the held queries still hold their connections");
        assertEquals(2.0, still.get("request_handlers_busy"));
        assertTrue(held.stream().noneMatch(Future::isDone));
      } finally {
        // close() ends the held queries (their threads are interrupted once the drain timeout is up).
        target.close();
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aSmallMinIdleStartsThePoolSmallAndItGrowsUnderLoad() throws Exception {
    try (ReferenceTarget full = TargetTestSupport.start(Map.of("database.pool-size", 6))) {
      // The default, min-idle = pool size: every connection opened at start and kept.
      awaitMetrics(new Client(full), "the pool to open all 6 connections",
          m -> m.get("db_pool_connections_active") + m.get("db_pool_connections_idle") == 6.0,
          "db_pool_connections_active", "db_pool_connections_idle");
    }
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("database.pool-size", 6, "database.min-idle", 1,
        "handlers.count", 6))) {
      Client client = new Client(target);
      String token = client.login(0);
      Map<String, Double> light = metrics(client);
      double open = light.get("db_pool_connections_active") + light.get("db_pool_connections_idle");
      // One kept idle, and at most one more the pool's housekeeping opened while setting up held the first.
      assertTrue(open >= 1 && open <= 2, "connections open at light load: " + open);
      assertEquals(6.0, light.get("db_pool_connections_max"));

      target.knobs().queryTimeMs(HELD_MS);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (int i = 0; i < 4; i++) {
          pool.submit(() -> client.get("/api/slots/?limit=1", token));
        }
        awaitMetrics(client, "the pool to grow to the 4 connections the held requests hold",
            m -> m.get("db_pool_connections_active") == 4.0, "db_pool_connections_active", "db_pool_connections_idle");
      } finally {
        target.close();
        pool.shutdownNow();
      }
    }
  }
}
