package interviews.loadtest.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * capacity.json's {@code saturation} block, as the capacity search recorded it: the resource that
 * reached its limit first, at which load, the sentence that shows it, the sizes its sources
 * measured, and every resource that reached its limit at some open step.
 *
 * @param resource the first resource's id, or null when none reached its limit
 * @param label its name in words, or null
 * @param metric its metric, or null
 * @param model the model its load is of (open)
 * @param atLoad the load it reached its limit at, or NaN
 * @param unit that load's unit (journeys/s)
 * @param evidence always a sentence: the measured figure, or why no resource is named
 * @param sizes what the sources measured: cores, max-connections, memory-bytes, web-workers, queue-workers
 * @param reached every resource at its limit at some open step, lowest load first
 */
public record SaturationEvidence(String resource, String label, String metric, String model, double atLoad,
    String unit, String evidence, Map<String, Double> sizes, List<Reached> reached) {

  /** One resource that reached its limit, at the lowest load it did. */
  public record Reached(String resource, String label, String metric, double atLoad, String text) {}

  /** Reads the block; null when capacity.json has none (written before the search recorded it). */
  static SaturationEvidence parse(JsonNode root) {
    if (!root.has("saturation")) {
      return null;
    }
    JsonNode n = root.path("saturation");
    if (!n.isObject()) {
      return new SaturationEvidence(null, null, null, "open", Double.NaN, "journeys/s", "", Map.of(), List.of());
    }
    Map<String, Double> sizes = new LinkedHashMap<>();
    n.path("sizes").fields().forEachRemaining(e -> {
      double v = Json.number(e.getValue());
      if (v > 0 && !Double.isInfinite(v)) {
        sizes.put(e.getKey(), v);
      }
    });
    List<Reached> reached = new ArrayList<>();
    for (JsonNode r : n.path("reached")) {
      String id = Json.text(r.path("resource"));
      if (id != null && !id.isBlank()) {
        reached.add(new Reached(id, Json.textOr(r.path("label"), id), Json.textOr(r.path("metric"), ""),
            Json.number(r.path("atLoad")), Json.textOr(r.path("text"), "")));
      }
    }
    reached.sort(Comparator.comparingDouble(r -> Double.isNaN(r.atLoad()) ? Double.MAX_VALUE : r.atLoad()));
    String resource = Json.text(n.path("resource"));
    return new SaturationEvidence(resource == null || resource.isBlank() ? null : resource,
        Json.text(n.path("label")), Json.text(n.path("metric")), Json.textOr(n.path("model"), "open"),
        Json.number(n.path("atLoad")), Json.textOr(n.path("unit"), "journeys/s"), Json.textOr(n.path("evidence"), ""),
        Collections.unmodifiableMap(sizes), List.copyOf(reached));
  }
}
