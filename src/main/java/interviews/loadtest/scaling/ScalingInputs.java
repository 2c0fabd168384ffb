package interviews.loadtest.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the plan is made from, read from a run folder: capacity.json (the search's answer, its
 * steps with the resources its rules read, the USL fit, the saturation evidence) and, when present, summary.json (the run's id).
 * Only these files are read, never the server itself. Missing or unusable results are one
 * {@link ScalingInputError} line.
 *
 * @param runDirectory the run folder
 * @param runId summary.json's runId, or null without one
 * @param journey the journey searched (Booking or Login)
 * @param target the URL searched
 * @param maxRate the highest rate that held, journeys a second, all instances together
 * @param requestsPerJourney requests a journey sent at that step
 * @param atLeast true when no step broke: the capacity is at least maxRate
 * @param firstBad the lowest rate that broke, or NaN
 * @param limitedBy what broke there, in words
 * @param searchEndedBy resolved, ceiling, floor, time or interrupted
 * @param ceiling the search's open.max-rate
 * @param usl the USL fit, or null with fewer than 6 steps
 * @param steps the open model's steps, lowest load first
 * @param saturation capacity.json's saturation block, or null when the file has none (written before
 *     the search recorded it)
 */
public record ScalingInputs(
    Path runDirectory,
    String runId,
    String journey,
    String target,
    double maxRate,
    double requestsPerJourney,
    boolean atLeast,
    double firstBad,
    String limitedBy,
    String searchEndedBy,
    double ceiling,
    Usl usl,
    List<StepFigures> steps,
    SaturationEvidence saturation) {

  static final String CAPACITY_FORMAT = "interviews-loadtest-capacity/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The Universal Scalability Law fitted by the search: X(N) = λN / (1 + σ(N − 1) + κN(N − 1)). */
  public record Usl(double sigma, double kappa, double lambda) {
    /** Relative capacity of n units: n / (1 + σ(n − 1) + κn(n − 1)). */
    public double capacity(double n) {
      return n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }
  }

  /**
   * One open-model step of the search.
   *
   * @param offered journeys a second offered
   * @param good whether every SLO held and throughput followed
   * @param concurrency journeys in progress (mean)
   * @param judgedSeconds the seconds its figures are over, or NaN
   * @param resources each resource a rule read in the step (none in a file that predates them)
   */
  public record StepFigures(double offered, boolean good, double concurrency, double judgedSeconds,
      List<ResourceReading> resources) {
    /** The step's reading of one resource, or null when no rule read it. */
    public ResourceReading reading(String resource) {
      for (ResourceReading r : resources) {
        if (r.resource().equals(resource)) {
          return r;
        }
      }
      return null;
    }
  }

  /** Reads {@code directory}/capacity.json (required) and summary.json (optional). */
  public static ScalingInputs read(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new ScalingInputError("no capacity results: " + directory + " is not a run folder");
    }
    Path file = directory.resolve("capacity.json");
    if (!Files.isRegularFile(file)) {
      throw new ScalingInputError("no capacity results: " + directory + " has no capacity.json;"
          + " run a capacity search first (-Dsimulation=Capacity)");
    }
    JsonNode c;
    try {
      c = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ScalingInputError("capacity.json in " + directory + " cannot be read: " + oneLine(e.getMessage()));
    }
    if (!CAPACITY_FORMAT.equals(c.path("format").asText())) {
      throw new ScalingInputError("capacity.json in " + directory + " is not of format " + CAPACITY_FORMAT
          + " (format: " + c.path("format").asText("none") + ")");
    }
    JsonNode rate = c.path("maxRate");
    if (!rate.isObject()) {
      throw new ScalingInputError("capacity.json in " + directory + " has no arrival rate (the search ran no open model);"
          + " the plan sizes arrival rates: search with loadtest.capacity.models = [open] or [open, closed]");
    }
    List<StepFigures> steps = new ArrayList<>();
    for (JsonNode s : c.path("steps")) {
      if (!"open".equals(s.path("model").asText())) {
        continue;
      }
      List<ResourceReading> resources = new ArrayList<>();
      for (JsonNode r : s.path("resources")) {
        ResourceReading reading = ResourceReading.parse(r);
        if (reading != null) {
          resources.add(reading);
        }
      }
      steps.add(new StepFigures(s.path("offered").asDouble(), s.path("good").asBoolean(),
          number(s.path("concurrency")), number(s.path("judgedSeconds")), List.copyOf(resources)));
    }
    steps.sort(Comparator.comparingDouble(StepFigures::offered));
    double found = number(rate.path("journeysPerSecond"));
    String limitedBy = rate.path("limitedBy").asText("");
    if (Double.isNaN(found) || found <= 0) {
      double lowest = steps.isEmpty() ? Double.NaN : steps.get(0).offered();
      throw new ScalingInputError("no step of the search in " + directory + " held"
          + (Double.isNaN(lowest) ? "" : String.format(Locale.ROOT, " (the lowest, %s journeys/s, broke: %s)",
          Plain.number(lowest), limitedBy))
          + "; search lower with -Dloadtest.capacity.open.start-rate below it");
    }
    double requests = number(rate.path("requestsPerSecond"));
    JsonNode u = c.path("usl");
    Usl usl = u.isObject() && u.path("sigma").isNumber() && u.path("kappa").isNumber()
        ? new Usl(u.path("sigma").asDouble(), u.path("kappa").asDouble(), number(u.path("lambda")))
        : null;
    String runId = null;
    Path summary = directory.resolve("summary.json");
    if (Files.isRegularFile(summary)) {
      try {
        runId = JSON.readTree(summary.toFile()).path("runId").asText(null);
      } catch (IOException e) {
        throw new ScalingInputError("summary.json in " + directory + " cannot be read: " + oneLine(e.getMessage()));
      }
    }
    return new ScalingInputs(directory, runId, c.path("journey").asText("Booking"), c.path("target").asText(""),
        found, Double.isNaN(requests) ? Double.NaN : requests / found, rate.path("atLeast").asBoolean(),
        number(rate.path("firstBadJourneysPerSecond")), limitedBy, rate.path("searchEndedBy").asText(""),
        number(c.path("settings").path("maxRate")), usl, List.copyOf(steps), SaturationEvidence.parse(c));
  }

  /** The step that gave the answer: the highest good step, or null. */
  public StepFigures answerStep() {
    StepFigures best = null;
    for (StepFigures s : steps) {
      if (s.good() && (best == null || s.offered() >= best.offered())) {
        best = s;
      }
    }
    return best;
  }

  private static double number(JsonNode n) {
    return Json.number(n);
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").trim();
  }
}
