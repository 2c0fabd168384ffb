package interviews.loadtest.scaling;

import interviews.loadtest.scaling.ScalingInputs.StepFigures;
import interviews.loadtest.scaling.SaturationEvidence.Reached;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which resource saturated first, as the capacity search recorded it: capacity.json's
 * {@code saturation} block, judged by the rules of the deployment's sources (node_exporter,
 * postgres_exporter, the broker...). When that block is absent or names no resource while a step's
 * {@code resources} show one at its limit, the lowest such step names it: the plan never says none
 * while the steps show a limit. A file that predates the evidence gives {@value #NONE}, saying so.
 *
 * @param resource {@value #CPU}, {@value #MEMORY}, {@value #DB_CONNECTIONS}, {@value #DB_LOCKS},
 *     {@value #WEB_WORKERS}, {@value #QUEUE}, an id a user named, or {@value #NONE}
 * @param label the resource in words, or null for none
 * @param metric the metric its rule is on, or null
 * @param atLoad the open model's load it reached its limit at, journeys a second (NaN for none)
 * @param evidence the measured figure that showed it, or why no resource is named, in one sentence
 * @param from where in capacity.json this was read
 * @param reached every resource at its limit at some open step, lowest load first
 * @param cpuAtAnswer the CPU as the answer's step read it, or null when no rule read it there
 */
public record SaturatedFirst(String resource, String label, String metric, double atLoad, String evidence, String from,
    List<Reached> reached, ResourceReading cpuAtAnswer) {

  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String DB_CONNECTIONS = "db-connections";
  public static final String DB_LOCKS = "db-locks";
  public static final String WEB_WORKERS = "web-workers";
  public static final String QUEUE = "queue";
  public static final String NONE = "none";

  /** The resources the plan knows how they scale; any other id is one a user named. */
  public static final List<String> KNOWN = List.of(CPU, MEMORY, DB_CONNECTIONS, DB_LOCKS, WEB_WORKERS, QUEUE);

  static final String FROM_BLOCK = "capacity.json saturation";
  static final String FROM_STEPS = "capacity.json steps[].resources";
  static final String FROM_NOTHING = "capacity.json, which has no saturation evidence";

  /** The first saturated resource of the search. */
  public static SaturatedFirst find(ScalingInputs in) {
    StepFigures answer = in.answerStep();
    ResourceReading cpu = answer == null ? null : answer.reading(CPU);
    SaturationEvidence e = in.saturation();
    if (e != null && e.resource() != null) {
      double at = "open".equals(e.model()) ? e.atLoad() : Double.NaN;
      List<Reached> reached = e.reached().isEmpty()
          ? List.of(new Reached(e.resource(), label(e.label(), e.resource()), orEmpty(e.metric()), at, ""))
          : e.reached();
      String evidence = e.evidence().isBlank() ? label(e.label(), e.resource()) + " reached its limit"
          + (Double.isNaN(at) ? "" : " at " + Plain.number(at) + " " + e.unit()) : e.evidence();
      return new SaturatedFirst(e.resource(), label(e.label(), e.resource()), e.metric(), at, evidence, FROM_BLOCK,
          reached, cpu);
    }
    List<Reached> fromSteps = reachedInSteps(in.steps());
    if (!fromSteps.isEmpty()) {
      Reached first = fromSteps.get(0);
      String why = e == null ? "capacity.json has no saturation block" : "capacity.json's saturation block names none";
      return new SaturatedFirst(first.resource(), first.label(), first.metric(), first.atLoad(),
          first.text() + " at " + Plain.number(first.atLoad()) + " journeys/s (the step's mean; " + why
              + ", its steps show it at its limit)", FROM_STEPS, fromSteps, cpu);
    }
    if (e != null) {
      return new SaturatedFirst(NONE, null, null, Double.NaN, e.evidence().isBlank() ? noLimit(in.steps()) : e.evidence(),
          FROM_BLOCK, List.of(), cpu);
    }
    if (in.steps().stream().allMatch(s -> s.resources().isEmpty())) {
      return new SaturatedFirst(NONE, null, null, Double.NaN, "capacity.json predates saturation evidence (no saturation"
          + " block, no resources in its steps): what saturated is not known; search again to know it", FROM_NOTHING,
          List.of(), cpu);
    }
    return new SaturatedFirst(NONE, null, null, Double.NaN, noLimit(in.steps()), FROM_STEPS, List.of(), cpu);
  }

  /** Every resource at its limit at some step, at the lowest load it was, lowest first. */
  private static List<Reached> reachedInSteps(List<StepFigures> steps) {
    Map<String, Reached> first = new LinkedHashMap<>();
    for (StepFigures step : steps) {
      for (ResourceReading r : step.resources()) {
        if (r.atLimit() && !first.containsKey(r.resource())) {
          first.put(r.resource(), new Reached(r.resource(), r.label(), r.metric(), step.offered(), r.words()));
        }
      }
    }
    List<Reached> reached = new ArrayList<>(first.values());
    reached.sort(Comparator.comparingDouble(Reached::atLoad));
    return List.copyOf(reached);
  }

  /** Why none is named when the steps read resources but none reached its limit: the rules they were judged by. */
  private static String noLimit(List<StepFigures> steps) {
    Set<String> rules = new LinkedHashSet<>();
    for (StepFigures step : steps) {
      for (ResourceReading r : step.resources()) {
        rules.add((r.metric().isEmpty() ? r.resource() : r.metric()) + " " + r.rule());
      }
    }
    return rules.isEmpty() ? "no resource rule read any step: no source was named"
        : "no sampled resource reached its limit (" + String.join(", ", rules) + ")";
  }

  /** Whether the resource is one a user named: the plan cannot tell which way it scales. */
  public boolean userNamed() {
    return !NONE.equals(resource) && !KNOWN.contains(resource);
  }

  /** The resource in words: its label, or "none". */
  public String name() {
    return label == null ? resource : label;
  }

  /**
   * The measured figure in a few words, for each sentence that rests on it: the reading at its
   * limit and the load (CPU: 0.90 of 2 cores at 24 journeys/s), or the evidence when the search
   * gave no reading.
   */
  public String figure() {
    for (Reached r : reached) {
      if (r.resource().equals(resource) && !r.text().isBlank()) {
        return r.text() + (Double.isNaN(r.atLoad()) ? "" : " at " + Plain.number(r.atLoad()) + " journeys/s");
      }
    }
    return evidence;
  }

  /**
   * The CPU's busy share at the answer's step, or NaN when no rule read it: its mean, a share of
   * its cores as node_exporter's cpu-busy is; a mean above 1 cannot be a share and is read as cores
   * used, of {@code vcpus}.
   */
  public double cpuShareAtAnswer(int vcpus) {
    if (cpuAtAnswer == null || Double.isNaN(cpuAtAnswer.mean()) || cpuAtAnswer.mean() < 0) {
      return Double.NaN;
    }
    double mean = cpuAtAnswer.mean();
    if (mean <= 1) {
      return mean;
    }
    double cores = cpuAtAnswer.size() > 0 ? cpuAtAnswer.size() : vcpus;
    return mean / cores;
  }

  private static String label(String label, String resource) {
    return label == null || label.isBlank() ? resource : label;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
