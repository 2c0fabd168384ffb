package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.HELD_MS;
import static interviews.loadtest.reference.TargetTestSupport.assertErrorBody;
import static interviews.loadtest.reference.TargetTestSupport.awaitMetrics;
import static interviews.loadtest.reference.TargetTestSupport.metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import interviews.loadtest.testing.Await;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The drift knobs each make their drift happen, and at 0 change nothing. As in {@link KnobsTest},
 * no test measures speed: the only timings are lower bounds (a drift of N ms delays by at least
 * N ms), and whatever must be seen while it lasts is held by a knob until the test lets it go.
 * Bad values are refused in {@link DriftSettingsTest}.
 */
class DriftTest {

  private static final String LEAKED_CONNECTIONS = "reference_target_leaked_connections";
  private static final String LEAKED_BYTES = "reference_target_leaked_bytes";
  private static final String ACTIVE = "db_pool_connections_active";
  private static final String DEPTH = "notification_queue_depth";
  private static final String COMPLETED = "notification_jobs_completed_total";

  @Test
  void latencyLeakAddsItsAmountForEveryThousandApiRequestsServed() throws Exception {
    // Enough handlers that the 3,000 requests, each waiting out its share of the leak, overlap.
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("drift.latency-leak", "50ms",
        "handlers.count", 200, "database.pool-size", 20))) {
      Client client = new Client(target);
      String token = client.login(0);
      String path = "/api/interviews/" + client.book(token, 1).json().get("id").asLong() + "/";
      for (int i = 0; i < 20; i++) {
        assertEquals(200, client.get(path, token).status()); // warming up; the leak is still below 1.5 ms
      }
      long first = Long.MAX_VALUE; // the quickest of the first few
      for (int i = 0; i < 5; i++) {
        first = Math.min(first, timedMs(() -> assertEquals(200, client.get(path, token).status())));
      }
      ExecutorService pool = Executors.newFixedThreadPool(200);
      List<Future<Reply>> load = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        load.add(pool.submit(() -> client.get(path, token)));
      }
      for (Future<Reply> f : load) {
        assertEquals(200, f.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS).status());
      }
      pool.shutdown();
      assertEquals(3027, target.drift().servedSinceLeakOn(), "login, booking, 20 + 5 + 3000 reads");
      for (int i = 0; i < 20; i++) {
        assertEquals(200, client.get("/api/health/", null).status());
        assertEquals(200, client.get("/metrics", null).status());
      }
      assertEquals(3027, target.drift().servedSinceLeakOn(), "health and metrics are not counted");

      // 3,027 served × 50 ms / 1000 = 151 ms added; at least 100 ms more than the first leaves
      // room for a first request slowed by a busy machine.
      long later = timedMs(() -> assertEquals(200, client.get(path, token).status()));
      assertTrue(later - first >= 100, "first " + first + " ms, after 3,027 requests " + later + " ms");
    }
  }

  @Test
  void latencyLeakNeverSlowsHealthOrMetricsAndLoweringItLetsWaitingRequestsGo() throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("drift.latency-leak", "1ms"))) {
      Client client = new Client(target);
      for (int i = 0; i < 20; i++) {
        assertEquals(401, client.get("/api/slots/", null).status()); // served: it holds a handler
      }
      // Changed while on, the leak keeps its count: 20 served × 10 min / 1000 is over the 10 s cap.
      target.knobs().latencyLeakMs(HELD_MS);
      assertEquals(TimeUnit.SECONDS.toNanos(10), target.drift().latencyLeakNanos(target.drift().servedSinceLeakOn()));
      ExecutorService pool = Executors.newSingleThreadExecutor();
      Future<Reply> held = pool.submit(() -> client.get("/api/slots/", null));
      awaitMetrics(client, "the request to wait out its leak holding a handler",
          m -> m.get("request_handlers_busy") == 1.0, "request_handlers_busy");
      assertEquals(200, client.get("/api/health/", null).status());
      assertEquals(200, client.get("/metrics", null).status());
      assertFalse(held.isDone(), "health and metrics answered while an API request waits out its 10 s leak");

      target.knobs().latencyLeakMs(0);
      assertEquals(401, held.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS).status(), "let go by the lowered leak");
      pool.shutdown();
      assertEquals(0, target.drift().latencyLeakNanos(target.drift().servedSinceLeakOn()));
    }
  }

  @Test
  void connectionLeakKeepsAConnectionEveryNthBookingUntilThePoolRunsDry() throws Exception {
    ReferenceTarget target = TargetTestSupport.start(Map.of("drift.connection-leak-every", 2,
        "database.pool-size", 3, "database.connection-timeout", "250ms"));
    Drift drift = target.drift();
    try {
      Client client = new Client(target);
      String token = client.login(0);
      assertEquals(201, client.book(token, 1).status());
      assertEquals(409, client.book(token, 1).status(), "a failed booking is not counted");
      assertEquals(0, drift.leakedConnections());
      assertEquals(201, client.book(token, 2).status());
      awaitLeaked(client, 1);

      target.knobs().connectionLeakEvery(0);
      assertEquals(201, client.book(token, 3).status());
      assertEquals(201, client.book(token, 4).status());
      assertEquals(1, drift.leakedConnections(), "off at runtime");

      target.knobs().connectionLeakEvery(1); // turned on again: every booking from now on
      assertEquals(201, client.book(token, 5).status());
      awaitLeaked(client, 2);
      assertEquals(201, client.book(token, 6).status());
      awaitLeaked(client, 3);

      // The pool is dry: a request waits the connection timeout for a connection, then gets 503.
      long t0 = System.nanoTime();
      Reply dry = client.get("/api/slots/", token);
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(503, dry.status(), dry.body());
      assertErrorBody(dry);
      assertTrue(dry.json().get("detail").asText().startsWith("Database busy"), dry.body());
      assertTrue(waitedMs >= 250, "answered after " + waitedMs + " ms");
      assertEquals(3.0, metrics(client).get(LEAKED_CONNECTIONS));
    } finally {
      target.close();
    }
    assertEquals(0, drift.leakedConnections(), "given back when the target stops");
  }

  @Test
  void jobSlowdownMakesEachJobSlowerThanTheOneBeforeSoTheQueueGrows() throws Exception {
    // One worker, no job delay: job n takes n × slowdown. Set to 10 minutes, the first job (n = 0)
    // goes at once and the second holds the worker, so the queue grows by every booking after it.
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("notifications.workers", 1,
        "notifications.job-delay", "0ms", "drift.job-slowdown", HELD_MS + "ms"))) {
      Client client = new Client(target);
      String token = client.login(0);
      assertEquals(201, client.book(token, 1).status());
      awaitMetrics(client, "the first job done without delay", m -> m.get(COMPLETED) == 1.0, COMPLETED);
      for (long slot = 2; slot <= 5; slot++) {
        assertEquals(201, client.book(token, slot).status());
      }
      awaitMetrics(client, "the second job holding the worker and three queued",
          m -> m.get(DEPTH) == 3.0 && m.get(COMPLETED) == 1.0, DEPTH, COMPLETED);
      for (long slot = 6; slot <= 8; slot++) {
        assertEquals(201, client.book(token, slot).status());
      }
      awaitMetrics(client, "the queue grown by the new jobs", m -> m.get(DEPTH) == 6.0 && m.get(COMPLETED) == 1.0,
          DEPTH, COMPLETED);

      // Lowered to 0, the held job and the queued ones go.
      target.knobs().jobSlowdownMs(0);
      awaitMetrics(client, "every job done", m -> m.get(DEPTH) == 0.0 && m.get(COMPLETED) == 8.0, DEPTH, COMPLETED);

      // Turned on again, the count starts from 0: five jobs take 0 + 100 + 200 + 300 + 400 ms at least.
      target.knobs().jobSlowdownMs(100);
      long t0 = System.nanoTime();
      for (long slot = 9; slot <= 13; slot++) {
        assertEquals(201, client.book(token, slot).status());
      }
      awaitMetrics(client, "the five slowed jobs done", m -> m.get(COMPLETED) == 13.0, DEPTH, COMPLETED);
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(tookMs >= 1000, "five jobs slowed by 100 ms each more than the one before took " + tookMs + " ms");
    }
  }

  @Test
  void memoryLeakKeepsBytesForEveryApiRequestServedUpToItsCap() {
    ReferenceTarget target = TargetTestSupport.start(Map.of("drift.memory-leak-per-request", "64KiB",
        "drift.memory-leak-cap", "1MiB"));
    Drift drift = target.drift();
    try {
      Client client = new Client(target);
      for (int i = 0; i < 10; i++) {
        assertEquals(401, client.get("/api/slots/", null).status());
      }
      assertEquals(10 * 65536.0, metrics(client).get(LEAKED_BYTES));
      for (int i = 0; i < 10; i++) {
        assertEquals(200, client.get("/api/health/", null).status());
      }
      target.knobs().errorRate(1.0);
      assertEquals(500, client.get("/api/slots/", null).status());
      target.knobs().errorRate(0);
      assertEquals(10 * 65536.0, metrics(client).get(LEAKED_BYTES), "health, metrics and injected faults keep nothing");

      for (int i = 0; i < 10; i++) {
        assertEquals(401, client.get("/api/slots/", null).status());
      }
      assertEquals(1048576.0, metrics(client).get(LEAKED_BYTES), "16 requests reach the cap; it stops there");

      target.knobs().memoryLeakCapBytes(512 * 1024);
      assertEquals(524288.0, metrics(client).get(LEAKED_BYTES), "a lowered cap lets the excess go");
      target.knobs().memoryLeakPerRequestBytes(0).memoryLeakCapBytes(1 << 20);
      assertEquals(401, client.get("/api/slots/", null).status());
      assertEquals(524288.0, metrics(client).get(LEAKED_BYTES), "off at runtime");
    } finally {
      target.close();
    }
    assertEquals(0, drift.leakedBytes(), "released when the target stops");
  }

  @Test
  void heapAfterTheLastCollectionIsExposedAndShowsTheMemoryLeak() {
    long leak = Math.min(32L << 20, Drift.maxMemoryLeakCap());
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("drift.memory-leak-per-request", "512KiB",
        "drift.memory-leak-cap", leak))) {
      Client client = new Client(target);
      System.gc();
      Map<String, Double> before = metrics(client);
      // The JVM collector exposes it per heap pool that reports a usage after collection.
      List<String> pools = heapPoolsReportingUsageAfterCollection();
      assertFalse(pools.isEmpty());
      for (String pool : pools) {
        assertNotNull(before.get(afterGc(pool)), afterGc(pool) + " missing");
      }
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() != MemoryType.HEAP) {
          assertNull(before.get(afterGc(pool.getName())), "no non-heap pool reports it: summed, the series are the heap");
        }
      }
      double heapBefore = heapAfterGc(before);
      assertTrue(heapBefore > 0, "heap after collection " + heapBefore);
      while (target.drift().leakedBytes() < leak) {
        assertEquals(401, client.get("/api/slots/", null).status());
      }
      System.gc();
      Map<String, Double> after = metrics(client);
      assertEquals((double) leak, after.get(LEAKED_BYTES));
      // The kept bytes survive every collection; half of them leaves room for the rest of the heap.
      double grew = heapAfterGc(after) - heapBefore;
      assertTrue(grew >= leak / 2.0, "heap after collection grew by " + grew + " bytes, " + leak + " leaked");
    }
  }

  @Test
  void driftKnobsAtZeroChangeNothing() throws Exception {
    TargetSettings defaults = TargetSettings.from(TargetTestSupport.config(Map.of()));
    assertEquals(0, defaults.latencyLeakMs);
    assertEquals(0, defaults.connectionLeakEvery);
    assertEquals(0, defaults.jobSlowdownMs);
    assertEquals(0, defaults.memoryLeakPerRequestBytes);
    assertEquals(256L << 20, defaults.memoryLeakCapBytes);
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("database.pool-size", 3))) {
      Client client = new Client(target);
      Drift drift = target.drift();
      String token = client.login(0);
      for (long slot = 1; slot <= 10; slot++) {
        assertEquals(201, client.book(token, slot).status());
      }
      for (int i = 0; i < 200; i++) {
        assertEquals(200, client.get("/api/slots/?limit=1", token).status());
      }
      assertEquals(211, drift.servedSinceLeakOn(), "counted all the same");
      assertEquals(0, drift.latencyLeakNanos(drift.servedSinceLeakOn()), "no latency added");
      assertEquals(0, drift.jobSlowdownNanos(1_000_000), "no job slowed");
      assertFalse(target.knobs().waitsBeforeServing(Route.SLOTS), "nothing to wait out");
      awaitMetrics(client, "every job done, every connection back in the pool",
          m -> m.get(COMPLETED) == 10.0 && m.get(DEPTH) == 0.0 && m.get(ACTIVE) == 0.0, COMPLETED, DEPTH, ACTIVE);
      Map<String, Double> m = metrics(client);
      assertEquals(0.0, m.get(LEAKED_CONNECTIONS));
      assertEquals(0.0, m.get(LEAKED_BYTES));
    }
  }

  private static void awaitLeaked(Client client, int n) {
    // A notification worker may hold a connection for a moment; the leaked ones stay.
    awaitMetrics(client, n + " leaked connections in use",
        m -> m.get(LEAKED_CONNECTIONS) == n && m.get(ACTIVE) == n, LEAKED_CONNECTIONS, ACTIVE);
  }

  private static List<String> heapPoolsReportingUsageAfterCollection() {
    List<String> names = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        names.add(pool.getName());
      }
    }
    return names;
  }

  private static String afterGc(String pool) {
    return "jvm_memory_pool_collection_used_bytes{pool=\"" + pool + "\"}";
  }

  /** Heap in use after the last collection: the sum over the heap pools. */
  private static double heapAfterGc(Map<String, Double> metrics) {
    double sum = 0;
    for (String pool : heapPoolsReportingUsageAfterCollection()) {
      sum += metrics.getOrDefault(afterGc(pool), 0.0);
    }
    return sum;
  }

  private static long timedMs(Runnable request) {
    long t0 = System.nanoTime();
    request.run();
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }
}
