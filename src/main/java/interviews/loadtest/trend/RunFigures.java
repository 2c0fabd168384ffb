package interviews.loadtest.trend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One run's figures for the trend, read from its folder: summary.json (the global latency, the
 * throughput, the error rate, the SLOs) and, after a capacity search, capacity.json (the capacity
 * found). A figure the run does not have is NaN.
 *
 * @param folder the run's folder
 * @param label its name on the charts and in trend.csv: a build number, or its start time
 * @param runId summary.json's runId
 * @param simulation what was run: runs are compared only with runs alike in simulation, target and profile
 * @param target against what: the summary's target URL
 * @param targetKey what "the same target" compares: the URL, or for the embedded reference target
 *     (an empty {@code loadtest.target.base-url}, a new port each run) its settings as run
 * @param profile the load profile's description
 * @param start when the run began
 * @param passed summary.json's verdict
 * @param p50 global latency (every request that ended), ms
 * @param p95 the same, p95
 * @param p99 the same, p99
 * @param requestsPerSecond requests / durationSeconds
 * @param errorRate failed requests / requests
 * @param capacityRate capacity.json's maxRate.journeysPerSecond (open model)
 * @param capacityUsers capacity.json's maxConcurrentUsers (closed model)
 * @param globalSlos the summary's SLOs on the scope "global": metric (p95, errorRate...) to limit
 */
public record RunFigures(Path folder, String label, String runId, String simulation, String target, String targetKey,
    String profile,
    Instant start, boolean passed, double p50, double p95, double p99, double requestsPerSecond, double errorRate,
    double capacityRate, double capacityUsers, Map<String, Double> globalSlos) {

  static final String SUMMARY = "summary.json";
  static final String CAPACITY = "capacity.json";

  /** summary.json's schema ids read here: the global latency's fields are the same since /2. */
  static final Set<String> SCHEMAS = Set.of("interviews-loadtest-results/2", "interviews-loadtest-results/3",
      "interviews-loadtest-results/4");
  static final String CAPACITY_FORMAT = "interviews-loadtest-capacity/1";

  /** How the key of the embedded reference target begins. */
  static final String EMBEDDED = "embedded reference target ";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  /** The runs compared with each other: same simulation, target and profile. */
  public boolean alike(RunFigures other) {
    return simulation.equals(other.simulation) && targetKey.equals(other.targetKey) && profile.equals(other.profile);
  }

  /** The target in words: its URL, or the embedded reference target. */
  public String targetName() {
    return targetKey.startsWith(EMBEDDED) ? "the embedded reference target" : target;
  }

  /** Its start as a label, to the minute, UTC. */
  static String startLabel(Instant start) {
    return MINUTE.format(start);
  }

  /** The same figures under another label. */
  RunFigures labelled(String newLabel) {
    return new RunFigures(folder, newLabel, runId, simulation, target, targetKey, profile, start, passed, p50, p95, p99,
        requestsPerSecond, errorRate, capacityRate, capacityUsers, globalSlos);
  }

  /**
   * Reads the run in {@code folder}; {@code label} null: its start time. Throws {@link UnreadableRun}
   * saying which file and why when the summary is missing, not JSON, of another schema or lacks a
   * field. A capacity.json beside it that cannot be used is one line to {@code skipped}, and the
   * run is kept without its capacity.
   */
  static RunFigures read(Path folder, String label, java.util.function.Consumer<String> skipped) throws UnreadableRun {
    Path file = folder.resolve(SUMMARY);
    JsonNode s = tree(file);
    String schema = s.path("schema").asText("");
    if (s.has("merged")) {
      throw new UnreadableRun(file + ": a merged summary of several runs, not one run");
    }
    if (!SCHEMAS.contains(schema)) {
      throw new UnreadableRun(file + ": schema '" + schema + "' is not a run summary this command reads ("
          + String.join(", ", new java.util.TreeSet<>(SCHEMAS)) + ")");
    }
    Instant start;
    try {
      start = Instant.parse(text(s, "start", file));
    } catch (DateTimeParseException e) {
      throw new UnreadableRun(file + ": start '" + s.path("start").asText() + "' is not a UTC ISO-8601 time");
    }
    JsonNode global = s.path("global");
    JsonNode latency = global.path("latencyMs");
    if (!global.isObject() || !latency.isObject() || !s.path("passed").isBoolean()) {
      throw new UnreadableRun(file + ": no global latencyMs or passed");
    }
    double requests = global.path("requests").asDouble(0);
    double duration = s.path("durationSeconds").asDouble(0);
    double errorRate = global.path("errorRate").isNumber() ? global.path("errorRate").asDouble()
        : requests > 0 && global.path("ko").isNumber() ? global.path("ko").asDouble() / requests : Double.NaN;
    Map<String, Double> slos = new LinkedHashMap<>();
    for (JsonNode slo : s.path("slos")) {
      if ("global".equals(slo.path("scope").asText()) && slo.path("limit").isNumber()) {
        slos.put(slo.path("metric").asText(), slo.path("limit").asDouble());
      }
    }
    double rate = Double.NaN;
    double users = Double.NaN;
    Path capacityFile = folder.resolve(CAPACITY);
    if (Files.isRegularFile(capacityFile)) {
      try {
        JsonNode c = tree(capacityFile);
        if (!CAPACITY_FORMAT.equals(c.path("format").asText())) {
          throw new UnreadableRun(capacityFile + ": format '" + c.path("format").asText() + "' is not " + CAPACITY_FORMAT);
        }
        rate = number(c.path("maxRate").path("journeysPerSecond"));
        users = number(c.path("maxConcurrentUsers"));
      } catch (UnreadableRun e) {
        skipped.accept(e.getMessage() + " (the run is kept without its capacity)");
      }
    }
    String target = text(s, "target", file);
    JsonNode config = s.path("config");
    String targetKey = config.path("target").path("base-url").isTextual() && config.path("target").path("base-url").asText().isEmpty()
        ? EMBEDDED + config.path("reference-target").toString() : target;
    return new RunFigures(folder, label == null ? startLabel(start) : label, s.path("runId").asText(""),
        text(s, "simulation", file), target, targetKey, s.path("profile").asText(""), start,
        s.path("passed").asBoolean(), number(latency.path("p50")), number(latency.path("p95")), number(latency.path("p99")),
        duration > 0 ? requests / duration : Double.NaN, errorRate, rate, users, Map.copyOf(slos));
  }

  private static JsonNode tree(Path file) throws UnreadableRun {
    try {
      JsonNode node = JSON.readTree(file.toFile());
      if (node == null || !node.isObject()) {
        throw new UnreadableRun(file + ": not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new UnreadableRun(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UnreadableRun(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  private static String text(JsonNode s, String field, Path file) throws UnreadableRun {
    JsonNode v = s.path(field);
    if (!v.isTextual()) {
      throw new UnreadableRun(file + ": no " + field);
    }
    return v.asText();
  }

  private static double number(JsonNode v) {
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }
}
