package interviews.loadtest.testing;

import interviews.loadtest.config.TestConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The back end of a deployment as staging runs it, on loopback ports, from Debian's packages: a
 * PostgreSQL with its {@code max_connections}, a Redis broker, and the exporters a user names as
 * sources (node_exporter for the VM, postgres_exporter with the repository's queries file,
 * redis_exporter watching the Celery queue's length). The web tier (the reference target, started by
 * the test on {@link #jdbcUrl()} and {@link #brokerUrl()}) is seen only through them. Skips the test
 * when a program is not installed; {@link #close} stops everything.
 */
public final class LocalDeployment implements AutoCloseable {

  private static final Path QUERIES = TestConfigs.ROOT.resolve("monitoring/postgres-exporter/queries.yaml");

  private final List<AutoCloseable> parts = new ArrayList<>();
  private LocalPostgres postgres;
  private int redisPort;
  private int nodePort;
  private int postgresExporterPort;
  private int redisExporterPort;

  private LocalDeployment() {}

  /** Starts PostgreSQL (that {@code max_connections}), Redis and the three exporters; logs in {@code logs}. */
  public static LocalDeployment start(int maxConnections, Path logs) throws IOException {
    Path node = LocalProgram.require("prometheus-node-exporter", "prometheus-node-exporter");
    Path pgExporter = LocalProgram.require("prometheus-postgres-exporter", "prometheus-postgres-exporter");
    Path redis = LocalProgram.require("redis-server", "redis-server");
    Path redisExporter = LocalProgram.require("prometheus-redis-exporter", "prometheus-redis-exporter");
    LocalDeployment d = new LocalDeployment();
    try {
      d.postgres = LocalPostgres.start(maxConnections, logs);
      d.parts.add(d.postgres);
      d.redisPort = LocalProgram.freePort();
      d.parts.add(LocalProgram.start("redis-server", List.of(redis.toString(), "--port", String.valueOf(d.redisPort),
          "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", logs.toString()), Map.of(), logs)
          .awaitPort(d.redisPort));
      d.nodePort = LocalProgram.freePort();
      d.parts.add(LocalProgram.start("node_exporter", List.of(node.toString(),
          "--web.listen-address=127.0.0.1:" + d.nodePort), Map.of(), logs).awaitPort(d.nodePort));
      d.postgresExporterPort = LocalProgram.freePort();
      d.parts.add(LocalProgram.start("postgres_exporter", List.of(pgExporter.toString(),
          "--web.listen-address=127.0.0.1:" + d.postgresExporterPort, "--extend.query-path=" + QUERIES),
          Map.of("DATA_SOURCE_NAME", d.postgres.exporterDsn()), logs).awaitPort(d.postgresExporterPort));
      d.redisExporterPort = LocalProgram.freePort();
      d.parts.add(LocalProgram.start("redis_exporter", List.of(redisExporter.toString(),
          "-redis.addr=redis://127.0.0.1:" + d.redisPort, "-web.listen-address=127.0.0.1:" + d.redisExporterPort,
          "-check-single-keys=db0=celery"), Map.of(), logs).awaitPort(d.redisExporterPort));
      return d;
    } catch (RuntimeException | IOException e) {
      d.close();
      throw e;
    }
  }

  public String jdbcUrl() {
    return postgres.jdbcUrl();
  }

  /** The broker the web tier queues its notification jobs on: {@code redis://127.0.0.1:PORT/0}. */
  public String brokerUrl() {
    return "redis://127.0.0.1:" + redisPort + "/0";
  }

  /**
   * The sources as a user names them (-D), the only view of the servers: {@code app} (node),
   * {@code db} (postgres), {@code broker} (redis-celery through redis_exporter), each polled every
   * second; and the target's own /metrics off.
   */
  public Map<String, String> sources() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("loadtest.results.prometheus.enabled", "false");
    source(p, "app", "node", nodePort);
    source(p, "db", "postgres", postgresExporterPort);
    source(p, "broker", "redis-celery", redisExporterPort);
    return p;
  }

  private static void source(Map<String, String> p, String name, String preset, int port) {
    String k = "loadtest.results.sources." + name + ".";
    p.put(k + "preset", preset);
    p.put(k + "url", "http://127.0.0.1:" + port + "/metrics");
    p.put(k + "interval", "1s");
  }

  @Override
  public void close() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        // stopping the rest matters more
      }
    }
  }
}
