package interviews.loadtest.scaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Made-up capacity.json files in the format the capacity search writes
 * (interviews-loadtest-capacity/1 with its saturation evidence: steps[].resources and the
 * saturation block), built field by field so each test shows the figures its plan rests on.
 */
final class CapacityFixture {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The judged seconds of every made-up step. */
  static final double JUDGED_SECONDS = 10;

  private CapacityFixture() {}

  /** One entry of a step's resources. */
  static Map<String, Object> reading(String resource, String label, String metric, double mean, double max, String rule,
      String state, Double size, String sizeName, String text) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("resource", resource);
    r.put("label", label);
    r.put("metric", metric);
    r.put("mean", mean);
    r.put("max", max);
    r.put("rule", rule);
    r.put("state", state);
    r.put("size", size);
    r.put("sizeName", sizeName);
    r.put("text", text);
    return r;
  }

  /** node_exporter's CPU through a source named app: a busy share of 2 cores, at its limit from 0.85. */
  static Map<String, Object> cpu(double share) {
    return reading("cpu", "CPU", "app.cpu-busy", share, Math.min(1, share + 0.05), ">= 0.85", state(share, 0.85), 2.0,
        "cores", String.format(Locale.ROOT, "CPU: %.2f of 2 cores", share));
  }

  /** postgres_exporter's connections through a source named db: a share of 100, at its limit from 0.9. */
  static Map<String, Object> dbConnections(double share) {
    return reading("db-connections", "DB connections", "db.connections-share", share, share, ">= 0.9",
        state(share, 0.9), 100.0, "max-connections", String.format(Locale.ROOT, "DB connections: %.2f of 100", share));
  }

  /** The broker's queue through a source named broker: its length, at its limit when it grows. */
  static Map<String, Object> queue(double mean, double max, boolean grows) {
    return reading("queue", "notification queue", "broker.queued", mean, max, "grows 15s", grows ? "at limit" : "below",
        null, null, String.format(Locale.ROOT, "notification queue: %s jobs waiting, %s at most", plain(mean),
            plain(max)));
  }

  private static String state(double value, double limit) {
    return value >= limit ? "at limit" : value >= 0.8 * limit ? "near limit" : "below";
  }

  /** A step of the open model with its resources. */
  @SafeVarargs
  static Map<String, Object> step(double offered, boolean good, double concurrency, Map<String, Object>... resources) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("model", "open");
    s.put("offered", offered);
    s.put("good", good);
    s.put("concurrency", concurrency);
    s.put("judgedSeconds", JUDGED_SECONDS);
    s.put("resources", new ArrayList<>(Arrays.asList(resources)));
    return s;
  }

  /** One entry of the saturation block's reached list. */
  static Map<String, Object> reached(String resource, String label, String metric, double atLoad, String text) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("resource", resource);
    r.put("label", label);
    r.put("metric", metric);
    r.put("atLoad", atLoad);
    r.put("text", text);
    return r;
  }

  /** The saturation block; {@code resource} null for none. */
  @SafeVarargs
  static Map<String, Object> saturation(String resource, String label, String metric, Double atLoad, String evidence,
      Map<String, Object> sizes, Map<String, Object>... reached) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("resource", resource);
    s.put("label", label);
    s.put("metric", metric);
    s.put("model", "open");
    s.put("atLoad", atLoad);
    s.put("unit", "journeys/s");
    s.put("evidence", evidence);
    s.put("sizes", sizes);
    s.put("reached", new ArrayList<>(Arrays.asList(reached)));
    return s;
  }

  /** capacity.json of a Booking search that found {@code found} journeys/s, with these steps and saturation block. */
  static Map<String, Object> search(double found, List<Map<String, Object>> steps, Map<String, Object> saturation) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("format", "interviews-loadtest-capacity/1");
    c.put("journey", "Booking");
    c.put("target", "http://127.0.0.1:8000");
    Map<String, Object> rate = new LinkedHashMap<>();
    rate.put("journeysPerSecond", found);
    rate.put("requestsPerSecond", 7 * found);
    rate.put("atLeast", false);
    rate.put("firstBadJourneysPerSecond", found + 1);
    rate.put("limitedBy", "response-time: global p95 2500 >= 2000 ms");
    rate.put("searchEndedBy", "resolved");
    c.put("maxRate", rate);
    c.put("usl", Map.of("sigma", 0.05, "kappa", 0.001, "lambda", 1.0, "peakConcurrency", 30));
    c.put("settings", Map.of("maxRate", 200));
    c.put("steps", new ArrayList<>(steps));
    if (saturation != null) {
      c.put("saturation", saturation);
    }
    return c;
  }

  /**
   * A Booking search that found 5 journeys/s, the CPU (node_exporter, 2 cores) reaching its limit
   * at 5 and the database's connections at 6.
   */
  static Map<String, Object> cpuBound() {
    List<Map<String, Object>> steps = List.of(
        step(2, true, 2, cpu(0.15), dbConnections(0.1)),
        step(4, true, 4, cpu(0.5), dbConnections(0.2)),
        step(5, true, 5, cpu(0.9), dbConnections(0.3)),
        step(6, false, 12, cpu(0.99), dbConnections(0.95)));
    return search(5, steps, saturation("cpu", "CPU", "app.cpu-busy", 5.0,
        "CPU: 0.90 of 2 cores at 5 bookings/s, 0.99 at 6", sizes("cores", 2.0, "max-connections", 100.0),
        reached("cpu", "CPU", "app.cpu-busy", 5, "CPU: 0.90 of 2 cores"),
        reached("db-connections", "DB connections", "db.connections-share", 6, "DB connections: 0.95 of 100")));
  }

  /** A sizes map from name, value pairs. */
  static Map<String, Object> sizes(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static void write(Path run, Map<String, Object> capacity) throws IOException {
    JSON.writeValue(run.resolve("capacity.json").toFile(), capacity);
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
