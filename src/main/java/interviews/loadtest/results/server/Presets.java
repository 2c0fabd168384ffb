package interviews.loadtest.results.server;

import interviews.loadtest.saturation.Gauge;
import interviews.loadtest.saturation.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds of server a source can name instead of metric names: for each, its metrics (as
 * {@link MetricExpr}s over the exporter's own names), its saturation rules
 * ({@link interviews.loadtest.saturation.SaturationRule}) and what each metric shows of a
 * resource ({@link Gauge}: node's cpu-busy is the CPU, a share of its cores; postgres's
 * connections-share the database connections, a share of max_connections; the Celery queue the
 * background queue). A source's own {@code metrics}, {@code saturation} and {@code resources}
 * entries add to them or replace them ({@code ""} drops one).
 */
public final class Presets {

  /** One preset. {@code kind} is the source kind it reads by default; {@code gauges} what its metrics show. */
  public record Preset(String name, String kind, Map<String, String> metrics, Map<String, String> saturation,
      Map<String, Gauge> gauges) {}

  /** The preset names, in documentation order. */
  public static final List<String> NAMES = List.of("node", "postgres", "redis-celery", "django", "reference-target");

  private Presets() {}

  /** The preset of that name; IllegalArgumentException for an unknown one. */
  public static Preset of(String name) {
    return switch (name) {
      case "node" -> new Preset(name, "prometheus", ordered(
          "cpu-busy", "rate(node_cpu_seconds_total{mode!~\"idle|iowait|steal\"}) / count(node_cpu_seconds_total{mode=\"idle\"})",
          "cores", "count(node_cpu_seconds_total{mode=\"idle\"})",
          "memory-used", "node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes",
          "memory-available", "node_memory_MemAvailable_bytes",
          "memory-available-share", "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes",
          "memory-total", "node_memory_MemTotal_bytes",
          "load1", "node_load1"),
          ordered("cpu-busy", ">= 0.85", "memory-available-share", "<= 0.1"),
          Map.of("cpu-busy", Gauge.shareOf(Resource.CPU, "cores", "cores"),
              "memory-available-share", new Gauge(Resource.MEMORY, Gauge.AVAILABLE_SHARE, "memory-total", Gauge.BYTES),
              "memory-used", new Gauge(Resource.MEMORY, Gauge.BYTES, "memory-total", Gauge.BYTES)));
      case "postgres" -> new Preset(name, "prometheus", ordered(
          "connections", "pg_stat_activity_count",
          "active", "pg_stat_activity_count{state=\"active\"}",
          "idle-in-transaction", "pg_stat_activity_count{state=~\"idle in transaction.*\"}",
          "max-connections", "max(pg_settings_max_connections)",
          "connections-share", "pg_stat_activity_count / max(pg_settings_max_connections)",
          "transactions", "rate(pg_stat_database_xact_commit) + rate(pg_stat_database_xact_rollback)",
          "locks", "pg_locks_count",
          // from the queries file the repository ships for postgres_exporter (--extend.query-path)
          "locks-waiting", "pg_locks_waiting_count"),
          ordered("connections-share", ">= 0.9", "locks-waiting", "> 0"),
          Map.of("connections-share", Gauge.shareOf(Resource.DB_CONNECTIONS, "max-connections", "connections"),
              "connections", new Gauge(Resource.DB_CONNECTIONS, "connections", "max-connections", "connections"),
              "locks-waiting", Gauge.of(Resource.DB_LOCKS, "locks waiting")));
      case "redis-celery" -> new Preset(name, "prometheus", ordered(
          "queued", "redis_key_size",
          "clients", "redis_connected_clients",
          "memory-used", "redis_memory_used_bytes"),
          ordered("queued", "grows 15s"), REDIS_GAUGES);
      case "django" -> new Preset(name, "prometheus", ordered(
          "requests", "rate(django_http_requests_total_by_method_total)",
          "responses-5xx", "rate(django_http_responses_total_by_status_total{status=~\"5..\"})",
          "db-queries", "rate(django_db_execute_total)",
          "db-errors", "rate(django_db_errors_total)"),
          Map.of(), Map.of());
      case "reference-target" -> new Preset(name, "prometheus", ordered(
          "cpu", "rate(process_cpu_seconds_total)",
          "heap", "jvm_memory_used_bytes{area=\"heap\"}",
          "heap-after-gc", "jvm_memory_heap_after_gc_bytes",
          "db-active", "db_pool_connections_active",
          "db-pending", "db_pool_connections_pending",
          "in-flight", "http_requests_in_flight",
          "queue-depth", "notification_queue_depth",
          "queue-oldest-age", "notification_queue_oldest_age_seconds"),
          ordered("db-pending", "> 0", "queue-depth", "grows 15s"), TARGET_GAUGES);
      default -> throw new IllegalArgumentException("unknown preset " + name);
    };
  }

  /** What the Celery queue's length shows: the background queue, in jobs. */
  public static final Map<String, Gauge> REDIS_GAUGES = Map.of("queued", Gauge.of(Resource.QUEUE, "jobs waiting"));

  /**
   * What the reference target's own metrics show (its preset, and the target's own block
   * {@code loadtest.results.prometheus}, which is one source among the others).
   */
  public static final Map<String, Gauge> TARGET_GAUGES = Map.of(
      "cpu", Gauge.of(Resource.CPU, "cores"),
      "heap", new Gauge(Resource.MEMORY, Gauge.BYTES, "", ""),
      "heap-after-gc", new Gauge(Resource.MEMORY, Gauge.BYTES, "", ""),
      "db-active", Gauge.of(Resource.DB_CONNECTIONS, "connections busy"),
      "db-pending", Gauge.of(Resource.DB_CONNECTIONS, "requests waiting"),
      "in-flight", Gauge.of(Resource.WEB_WORKERS, "requests in flight"),
      "queue-depth", Gauge.of(Resource.QUEUE, "jobs waiting"),
      "queue-oldest-age", Gauge.of(Resource.QUEUE, "s oldest job"));

  /** The redis-celery preset read straight from the broker: its rule, for the {@code redis} kind. */
  public static Map<String, String> redisSaturation() {
    return ordered("queued", "grows 15s");
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
