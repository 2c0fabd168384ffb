package interviews.loadtest.results;

import interviews.loadtest.measure.SecondRow;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code series.csv}: one row per second of the run; the README ("series.csv") lists the columns.
 * The latencies of the OK requests only came later than the server's columns, so they come after
 * them; the metrics of the named server sources ({@code loadtest.results.sources}) come last, one
 * column each named by its key, {@code <source>.<metric>}.
 */
public final class SeriesCsv {

  /** Column names, in order. */
  public static final List<String> COLUMNS = List.of(
      "second", "time", "journeys_started", "journeys_ended", "users_active", "requests", "ok", "races",
      "errors", "error_share", "in_flight", "p50_ms", "p95_ms", "p99_ms", "max_ms",
      "server_cpu_cores", "server_heap_bytes", "server_heap_after_gc_bytes", "server_db_active", "server_db_pending",
      "server_in_flight", "server_queue_depth", "server_queue_oldest_age_s",
      "ok_p50_ms", "ok_p95_ms", "ok_p99_ms", "ok_max_ms");

  private SeriesCsv() {}

  public static String render(List<SecondRow> rows) {
    return render(rows, List.of());
  }

  /** The rows with one more column per key of {@code sourceKeys}, in that order. */
  public static String render(List<SecondRow> rows, List<String> sourceKeys) {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS));
    sourceKeys.forEach(k -> sb.append(',').append(k));
    sb.append('\n');
    for (SecondRow r : rows) {
      sb.append(r.second()).append(',')
          .append(Instant.ofEpochMilli(r.epochMillis())).append(',')
          .append(r.journeysStarted()).append(',')
          .append(r.journeysEnded()).append(',')
          .append(r.usersActive()).append(',')
          .append(r.requests()).append(',')
          .append(r.ok()).append(',')
          .append(r.races()).append(',')
          .append(r.errors()).append(',')
          .append(String.format(Locale.ROOT, "%.4f", r.errorShare())).append(',')
          .append(r.inFlight()).append(',')
          .append(num(r.p50())).append(',')
          .append(num(r.p95())).append(',')
          .append(num(r.p99())).append(',')
          .append(num(r.max()));
      for (String key : ResultsSettings.SERVER_METRICS) {
        Double v = r.server().get(key);
        sb.append(',').append(v == null ? "" : fmt(v));
      }
      sb.append(',').append(num(r.okP50()))
          .append(',').append(num(r.okP95()))
          .append(',').append(num(r.okP99()))
          .append(',').append(num(r.okMax()));
      for (String key : sourceKeys) {
        Double v = r.server().get(key);
        sb.append(',').append(v == null ? "" : fmt(v));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.valueOf((long) v);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4f", v);
  }
}
