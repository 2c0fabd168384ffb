package interviews.loadtest.saturation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What ran out first in a capacity search: walking one model's steps from the lightest load up,
 * the first resource whose rule held over a step's window and was not below its limit at any
 * heavier step (a tie at one load is broken by {@link Resource#KNOWN}'s order; one at its limit
 * already at the lightest step, which held its SLOs, comes after those the growing load drove to
 * theirs: it was busy before the load, as a machine shared with other work is; when every one fell
 * below at a heavier step, the one at its limit at the heaviest load, said so), at which load, and the evidence in words: its figure there and
 * at the next load measured ("CPU: 0.90 of 2 cores at 24 logins/s, 0.99 at 26"). The open model
 * is read when it ran (the plan sizes arrival rates), else the closed one. The sizes the sources
 * measured (cores, max_connections, memory) come along for the plan.
 *
 * @param resource the first resource at its limit, null when none was
 * @param metric the metric that showed it, null when none
 * @param model the model whose steps were read, null without steps
 * @param atLoad the lightest load it was at its limit, NaN when none
 * @param unit the load's unit, e.g. {@code logins/s} or {@code users}
 * @param evidence one sentence: the figures, or why no resource is named
 * @param sizes what the sources measured of the resources' sizes: {@code cores},
 *     {@code max-connections}, {@code memory-bytes} (only those measured)
 * @param reached every resource at its limit at some step, lightest load first
 */
public record SearchSaturation(Resource resource, String metric, String model, double atLoad, String unit,
    String evidence, Map<String, Double> sizes, List<Reached> reached) {

  /** One resource at its limit: first at which load, and in words. */
  public record Reached(Resource resource, String metric, double atLoad, String text) {}

  /**
   * Judges {@code steps} (in the order they ran) with the rules the run had.
   *
   * @param unitOpen the open model's load unit in the journey's words, e.g. {@code logins/s}
   */
  public static SearchSaturation of(List<StepReadings> steps, List<SaturationRule> rules, String unitOpen) {
    String model = steps.stream().anyMatch(s -> "open".equals(s.model())) ? "open"
        : steps.isEmpty() ? null : steps.get(0).model();
    String unit = "open".equals(model) ? unitOpen : "users";
    List<StepReadings> mine = new ArrayList<>(steps.stream().filter(s -> s.model().equals(model)).toList());
    mine.sort(Comparator.comparingDouble(StepReadings::load));
    Map<String, Double> sizes = sizes(steps);

    Map<String, Reached> first = new LinkedHashMap<>();
    for (StepReadings s : mine) {
      s.readings().stream().filter(Reading::atLimit).filter(r -> staysUp(mine, s, r))
          .sorted(Comparator.comparingInt(r -> r.resource().rank()))
          .forEach(r -> first.putIfAbsent(r.rule().key(), new Reached(r.resource(), r.rule().key(), s.load(),
              r.text() + " at " + load(s.load()) + " " + unit + next(mine, s, r))));
    }
    List<Reached> reached = new ArrayList<>(first.values());
    reached.sort(Comparator.comparingDouble(Reached::atLoad).thenComparingInt(r -> r.resource().rank()));
    // At its limit already at the lightest step, which held its SLOs, while another resource reached
    // its limit only as the load grew: busy before this load (another process on the machine), not
    // what the load ran out of. It goes after those the load drove there, and is said.
    List<Reached> busyBefore = reached.stream().filter(r -> busyBeforeTheLoad(mine, r)).toList();
    if (!busyBefore.isEmpty() && busyBefore.size() < reached.size()) {
      List<Reached> ordered = new ArrayList<>(reached);
      ordered.removeAll(busyBefore);
      busyBefore.forEach(r -> ordered.add(new Reached(r.resource(), r.metric(), r.atLoad(), r.text() + BUSY_BEFORE)));
      Reached f = ordered.get(0);
      String also = "; " + String.join(", ", busyBefore.stream().map(r -> r.resource().label()).toList())
          + " at its limit from the lightest step on" + BUSY_BEFORE;
      return new SearchSaturation(f.resource(), f.metric(), model, f.atLoad(), unit, f.text() + also, sizes,
          List.copyOf(ordered));
    }
    if (!reached.isEmpty()) {
      Reached f = reached.get(0);
      return new SearchSaturation(f.resource(), f.metric(), model, f.atLoad(), unit, f.text(), sizes, List.copyOf(reached));
    }
    // At its limit at some step but below it at a heavier one: still named (a plan never says none
    // while a source showed a resource at its limit), the one at the heaviest load, and said so.
    for (int i = mine.size() - 1; i >= 0; i--) {
      StepReadings s = mine.get(i);
      Reading r = s.readings().stream().filter(Reading::atLimit)
          .min(Comparator.comparingInt(x -> x.resource().rank())).orElse(null);
      if (r != null) {
        Reached f = new Reached(r.resource(), r.rule().key(), s.load(), r.text() + " at " + load(s.load()) + " " + unit
            + next(mine, s, r) + " (not at every heavier step: a passing spike, or a limit shared with another cause)");
        return new SearchSaturation(f.resource(), f.metric(), model, f.atLoad(), unit, f.text(), sizes, List.of(f));
      }
    }
    return new SearchSaturation(null, null, model, Double.NaN, unit, none(mine, rules), sizes, List.of());
  }

  /** What the evidence says of a resource at its limit before the load grew. */
  static final String BUSY_BEFORE = " (already at it at the lightest step, which held its SLOs: busy before this load,"
      + " e.g. another process on the machine)";

  /** Whether {@code r} was at its limit at the lightest of several steps, and that step held its SLOs. */
  private static boolean busyBeforeTheLoad(List<StepReadings> sorted, Reached r) {
    return sorted.size() > 1 && sorted.get(0).held() && r.atLoad() == sorted.get(0).load();
  }

  /**
   * Whether the metric stays at or near its limit at every heavier step measured: a resource that
   * ran out stays out as the load grows, while a spike that something else caused (another process
   * on the VM, a backup) passes.
   */
  private static boolean staysUp(List<StepReadings> sorted, StepReadings at, Reading r) {
    for (StepReadings s : sorted) {
      if (s.load() > at.load()) {
        for (Reading x : s.readings()) {
          if (x.rule().key().equals(r.rule().key()) && Reading.BELOW.equals(x.state())) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The figure of the same metric at the next heavier step, e.g. {@code , 0.99 at 26}; "" when none. */
  private static String next(List<StepReadings> sorted, StepReadings at, Reading r) {
    for (StepReadings s : sorted) {
      if (s.load() > at.load()) {
        for (Reading x : s.readings()) {
          if (x.rule().key().equals(r.rule().key())) {
            return ", " + x.figure().replaceFirst(" of [0-9.]+ [a-zA-Z]+$", "") + " at " + load(s.load());
          }
        }
      }
    }
    return "";
  }

  /** Why no resource is named. */
  private static String none(List<StepReadings> steps, List<SaturationRule> rules) {
    if (rules.isEmpty()) {
      return "no resource judged: no saturation rule (name the deployment's exporters as sources with a preset:"
          + " node, postgres, redis-celery)";
    }
    String watched = String.join(", ", rules.stream().map(SaturationRule::describe).toList());
    boolean seen = steps.stream().anyMatch(s -> !s.readings().isEmpty());
    if (!seen) {
      return "no resource judged: no step had a value of any watched metric (" + watched + "); were the sources reachable?";
    }
    List<String> near = new ArrayList<>();
    for (StepReadings s : steps) {
      for (Reading r : s.readings()) {
        if (r.nearLimit()) {
          near.add(r.text() + " at " + load(s.load()));
        }
      }
    }
    return "no sampled resource reached its limit (" + watched + ")"
        + (near.isEmpty() ? "" : "; near it: " + String.join("; ", near.subList(Math.max(0, near.size() - 3), near.size())));
  }

  private static Map<String, Double> sizes(List<StepReadings> steps) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (StepReadings s : steps) {
      for (Reading r : s.readings()) {
        String unit = r.sizeUnit();
        if (unit != null) {
          String name = switch (unit) {
            case "connections" -> "max-connections";
            case Gauge.BYTES -> "memory-bytes";
            default -> unit;
          };
          double[] sum = sums.computeIfAbsent(name, k -> new double[2]);
          sum[0] += r.size();
          sum[1]++;
        }
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    sums.forEach((k, v) -> out.put(k, v[0] / v[1]));
    return out;
  }

  /** The sentence for the console and the page: {@code CPU ran out first: CPU: 0.90 of 2 cores at 24 logins/s, ...}. */
  public String sentence() {
    return resource == null ? "What ran out: " + evidence
        : "What ran out first: " + resource.label() + " (" + metric + "): " + evidence.replaceFirst("^[^:]+: ", "");
  }

  /** A load to at most 2 decimals, without trailing zeros: {@code 24}, {@code 2.5}. */
  static String load(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
