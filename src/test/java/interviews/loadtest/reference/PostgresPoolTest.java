package interviews.loadtest.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database as the bottleneck, on a real PostgreSQL from Debian's package started here on a
 * loopback port: the query time is a {@code pg_sleep} that {@code pg_stat_activity} shows active,
 * and a pool that starts small ({@code min-idle}) grows under load until PostgreSQL's
 * {@code max_connections} refuses it ("too many clients"), after which requests wait
 * {@code connection-timeout} and are answered 503. Every assertion is on what PostgreSQL reports,
 * read by the test through its own connection, or on the answers' statuses; none on timing.
 */
class PostgresPoolTest {

  private static final int MAX_CONNECTIONS = 8;

  /** Client sessions of the server, this test's own included. */
  private static final String CLIENT_SESSIONS = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'";
  /** Sessions running the query time's pg_sleep. */
  private static final String SLEEPING = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
      + " AND query LIKE 'SELECT pg_sleep%'";

  @Test
  void aPoolThatStartsSmallGrowsToMaxConnectionsUnderLoadAndThenRequestsGet503(@TempDir Path logs) throws Exception {
    try (LocalPostgres pg = LocalPostgres.start(MAX_CONNECTIONS, logs);
        // Opened first, so that the test can still ask once the target's pool has taken every other slot.
        Connection monitor = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
        ReferenceTarget target = TargetTestSupport.start(Map.of("database.jdbc-url", pg.jdbcUrl(),
            "database.username", "postgres", "database.password", "", "database.pool-size", 20,
            "database.min-idle", 1, "database.query-time", "300ms", "database.connection-timeout", "250ms",
            "handlers.count", 16))) {
      assertEquals(MAX_CONNECTIONS, Integer.parseInt(text(monitor, "SHOW max_connections")));
      Client client = new Client(target);
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < TargetTestSupport.ACCOUNTS.size(); i++) {
        tokens.add(client.login(i));
      }
      // Light load, one request at a time on every route: the pool keeps one connection, and the
      // housekeeping at most one more; with this test's own session, at most 3 of the 8.
      String token = tokens.get(0);
      Reply slots = client.get("/api/slots/?limit=1", token);
      assertEquals(200, slots.status(), slots.body());
      long slot = slots.json().get("results").get(0).get("id").asLong();
      Reply booked = client.book(token, slot);
      assertEquals(201, booked.status(), booked.body());
      String interview = "/api/interviews/" + booked.json().get("id").asLong() + "/";
      assertEquals(200, client.get(interview, token).status());
      assertEquals(204, client.delete(interview, token).status());
      long light = count(monitor, CLIENT_SESSIONS);
      assertTrue(light >= 2 && light <= 3, "client sessions at light load: " + light);

      // Concurrent load: 16 clients, each at most 200 requests, until the test has seen what it waits for.
      AtomicBoolean stop = new AtomicBoolean();
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      List<String> busyDetails = new ArrayList<>();
      ExecutorService clients = Executors.newFixedThreadPool(16);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 16; c++) {
        String clientToken = tokens.get(c % tokens.size());
        running.add(clients.submit(() -> {
          for (int i = 0; i < 200 && !stop.get(); i++) {
            Reply r = client.get("/api/slots/?limit=1", clientToken);
            statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
            if (r.status() == 503) {
              synchronized (busyDetails) {
                busyDetails.add(r.json().get("detail").asText());
              }
            }
          }
        }));
      }
      try {
        long sleeping = Await.until("the query time's pg_sleep active in pg_stat_activity",
            () -> count(monitor, SLEEPING), n -> n >= 1);
        long full = Await.until("client sessions to reach max_connections",
            () -> count(monitor, CLIENT_SESSIONS), n -> n == MAX_CONNECTIONS);
        Await.until("requests answered 503 once the pool cannot grow", () -> statuses.containsKey(503));
        stop.set(true);
        for (Future<?> f : running) {
          f.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        assertTrue(sleeping >= 1 && full == MAX_CONNECTIONS);
        assertTrue(statuses.get(200).get() > 0, statuses.toString());
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 503), "only 200 and 503: " + statuses);
        synchronized (busyDetails) {
          assertTrue(busyDetails.stream().allMatch(d -> d.equals("Database busy: no connection available within 250 ms.")),
              busyDetails.toString());
        }
        // The pool asked for more connections than the server takes, and was told so.
        String log = Files.readString(logs.resolve("postgres.log"));
        assertTrue(log.contains("too many clients"), "PostgreSQL's log tells the pool it has too many clients");
      } finally {
        stop.set(true);
        clients.shutdownNow();
      }
    }
  }

  private static long count(Connection c, String sql) {
    return Long.parseLong(text(c, sql));
  }

  private static String text(Connection c, String sql) {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
