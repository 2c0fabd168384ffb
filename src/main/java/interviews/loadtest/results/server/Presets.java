package interviews.loadtest.results.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds of server a source can name instead of metric names: for each, its metrics (as
 * {@link MetricExpr}s over the exporter's own names) and its saturation rules
 * ({@link SaturationRule}). A source's own {@code metrics} and {@code saturation} entries add to
 * them or replace them ({@code ""} drops one).
 */
public final class Presets {

  /** One preset. {@code kind} is the source kind it reads by default. */
  public record Preset(String name, String kind, Map<String, String> metrics, Map<String, String> saturation) {}

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
          "load1", "node_load1"),
          ordered("cpu-busy", ">= 0.85", "memory-available-share", "<= 0.1"));
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
          ordered("connections-share", ">= 0.9", "locks-waiting", "> 0"));
      case "redis-celery" -> new Preset(name, "prometheus", ordered(
          "queued", "redis_key_size",
          "clients", "redis_connected_clients",
          "memory-used", "redis_memory_used_bytes"),
          ordered("queued", "grows 15s"));
      case "django" -> new Preset(name, "prometheus", ordered(
          "requests", "rate(django_http_requests_total_by_method_total)",
          "responses-5xx", "rate(django_http_responses_total_by_status_total{status=~\"5..\"})",
          "db-queries", "rate(django_db_execute_total)",
          "db-errors", "rate(django_db_errors_total)"),
          Map.of());
      case "reference-target" -> new Preset(name, "prometheus", ordered(
          "cpu", "rate(process_cpu_seconds_total)",
          "heap", "jvm_memory_used_bytes{area=\"heap\"}",
          "heap-after-gc", "jvm_memory_heap_after_gc_bytes",
          "db-active", "db_pool_connections_active",
          "db-pending", "db_pool_connections_pending",
          "in-flight", "http_requests_in_flight",
          "queue-depth", "notification_queue_depth",
          "queue-oldest-age", "notification_queue_oldest_age_seconds"),
          ordered("db-pending", "> 0", "queue-depth", "grows 15s"));
      default -> throw new IllegalArgumentException("unknown preset " + name);
    };
  }

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
