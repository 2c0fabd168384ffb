package interviews.loadtest.scaling;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One resource as one step of the capacity search read it: an entry of capacity.json's
 * {@code steps[].resources}, one per resource rule that had values in the step.
 *
 * @param resource the resource's id: cpu, memory, db-connections, db-locks, web-workers, queue, or one a user named
 * @param label its name in words (CPU)
 * @param metric the metric the rule is on ({@code app.cpu-busy})
 * @param mean the metric's mean over the step's judged window (NaN when not given)
 * @param max its highest value there (NaN when not given)
 * @param rule the rule as written ({@code >= 0.85}, {@code grows 15s})
 * @param state {@value #AT_LIMIT}, {@code near limit} or {@code below}
 * @param size the resource's size a source measured (2 cores), or NaN
 * @param sizeName what the size counts (cores), or null
 * @param text the reading in words (CPU: 0.90 of 2 cores)
 * @param slope for a backlog rule, the line's growth a second fitted over the window, NaN otherwise
 */
public record ResourceReading(String resource, String label, String metric, double mean, double max, String rule,
    String state, double size, String sizeName, String text, double slope) {

  public static final String AT_LIMIT = "at limit";

  /** Reads one entry; null when it names no resource (an entry the plan cannot use is skipped). */
  static ResourceReading parse(JsonNode n) {
    String resource = Json.text(n.path("resource"));
    if (resource == null || resource.isBlank()) {
      return null;
    }
    String label = Json.text(n.path("label"));
    String metric = Json.text(n.path("metric"));
    return new ResourceReading(resource, label == null ? resource : label, metric == null ? "" : metric,
        Json.number(n.path("mean")), Json.number(n.path("max")), Json.textOr(n.path("rule"), ""),
        Json.textOr(n.path("state"), ""), Json.number(n.path("size")), Json.text(n.path("sizeName")),
        Json.textOr(n.path("text"), ""), Json.number(n.path("slopePerSecond")));
  }

  /** Whether the rule held in the step. */
  public boolean atLimit() {
    return AT_LIMIT.equals(state);
  }

  /** The reading in words: its text, or the label with the mean when the search gave no text. */
  public String words() {
    return text.isBlank() ? label + ": " + Plain.number(mean) + " (" + metric + ")" : text;
  }
}
