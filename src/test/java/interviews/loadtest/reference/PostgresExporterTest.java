package interviews.loadtest.reference;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.server.ServerMetricsSampler;
import interviews.loadtest.results.server.SourceSettings;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.LocalPostgres;
import interviews.loadtest.testing.LocalProgram;
import interviews.loadtest.config.TestConfigs;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference target on a real PostgreSQL (its {@code database.jdbc-url}) and the postgres
 * preset through a real postgres_exporter, both from Debian's packages, started here on loopback
 * ports: the target's pool holds its connections open, and the exporter shows them against
 * {@code max_connections}, the share the saturation rule watches; with the repository's queries
 * file it shows a session waiting for another's lock.
 */
class PostgresExporterTest {

  /** The queries file the repository ships for postgres_exporter. */
  private static final Path QUERIES = TestConfigs.ROOT.resolve("monitoring/postgres-exporter/queries.yaml");

  @Test
  void theTargetsPoolShowsThroughPostgresExporterAgainstMaxConnections(@TempDir Path logs) throws Exception {
    Path exporter = LocalProgram.require("prometheus-postgres-exporter", "prometheus-postgres-exporter");
    try (LocalPostgres pg = LocalPostgres.start(20, logs)) {
      int port = LocalProgram.freePort();
      try (LocalProgram pgExporter = LocalProgram.start("postgres_exporter", List.of(exporter.toString(),
              "--web.listen-address=127.0.0.1:" + port, "--extend.query-path=" + QUERIES),
              Map.of("DATA_SOURCE_NAME", pg.exporterDsn()), logs)
              .awaitPort(port);
          ReferenceTarget target = TargetTestSupport.start(Map.of("database.jdbc-url", pg.jdbcUrl(),
              "database.username", "postgres", "database.password", "", "database.pool-size", 8))) {
        SourceSettings s = ResultsSettings.from(ConfigFactory.parseString("loadtest.results.sources { db {"
            + " preset = postgres, url = \"http://127.0.0.1:" + port + "/metrics\" } }")).sources().get(0);
        ServerMetricsSampler db = new ServerMetricsSampler("db", URI.create(s.url()), Duration.ofSeconds(1),
            Duration.ofSeconds(5), s.metrics(), null);
        // The pool keeps its 8 connections open (minimum idle = pool size); the exporter has its own.
        Map<String, Double> v = Await.until("postgres_exporter sees the pool's 8 connections", () -> db.scrapeOnce().values(),
            m -> m.getOrDefault("connections", 0.0) >= 8);
        assertEquals(20.0, v.get("max-connections"), v.toString());
        assertEquals(v.get("connections") / 20.0, v.get("connections-share"), 1e-9, v.toString());
        assertTrue(v.containsKey("active") && v.containsKey("idle-in-transaction") && v.containsKey("locks"), v.toString());
        // transactions is a rate: it needs a second scrape, and the target's own queries make it positive.
        Map<String, Double> later = Await.until("a transaction rate", () -> db.scrapeOnce().values(),
            m -> m.containsKey("transactions"));
        assertTrue(later.get("transactions") >= 0, later.toString());
        assertTrue(target.baseUrl().startsWith("http://127.0.0.1:"));
        assertEquals(0.0, later.get("locks-waiting"), "nobody waits for a lock yet: " + later);

        // One session holds a table's lock; another waits for it: the repository's queries file
        // makes postgres_exporter show the waiting lock, the postgres preset's saturation rule.
        try (Connection holder = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
            Connection waiter = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "")) {
          holder.createStatement().execute("CREATE TABLE locked (x int)");
          holder.setAutoCommit(false);
          holder.createStatement().execute("LOCK TABLE locked IN ACCESS EXCLUSIVE MODE");
          waiter.createStatement().execute("SET statement_timeout = '120s'");
          Thread blocked = new Thread(() -> {
            try {
              waiter.createStatement().executeQuery("SELECT count(*) FROM locked").close();
            } catch (SQLException e) {
              // the test's end or the timeout
            }
          }, "waiting-session");
          blocked.setDaemon(true);
          blocked.start();
          Map<String, Double> waiting = Await.until("postgres_exporter sees the waiting lock", () -> db.scrapeOnce().values(),
              m -> m.getOrDefault("locks-waiting", 0.0) >= 1);
          assertTrue(s.rules().stream().anyMatch(r -> r.key().equals("db.locks-waiting") && r.text().equals("> 0")));
          holder.rollback();
          blocked.join(Await.PATIENCE.toMillis());
          assertFalse(blocked.isAlive(), "the waiting query went on once the lock was released; " + waiting);
        }
      }
    }
  }
}
