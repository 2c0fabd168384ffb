package interviews.loadtest.saturation;

import interviews.loadtest.measure.SecondRow;
import interviews.loadtest.results.summary.Rounding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which resource reached its limit first in a run, and when: every {@link SaturationRule} is
 * checked second by second over the run's rows, and the earliest second each one held is kept. The
 * {@code saturation} block of summary.json, and its sentence on the console.
 *
 * @param sentence one sentence: the first resource at its limit, when, and the others after it;
 *     or that none was, by which rules; or that there were no rules
 * @param first the earliest, null when none
 * @param reached every rule that held, earliest first
 */
public record RunSaturation(String sentence, Reached first, List<Reached> reached) {

  /**
   * One rule that held.
   *
   * @param resource the resource's id ({@link Resource#id()})
   * @param label the resource in words
   * @param second the second of the run (as in series.csv) it first held
   * @param at that second, UTC ISO-8601
   * @param value the metric's value then, 6 decimals
   */
  public record Reached(String resource, String label, String metric, String rule, long second, String at, double value) {}

  /** Judges {@code rules} over {@code rows}. */
  public static RunSaturation judge(List<SecondRow> rows, List<SaturationRule> rules) {
    if (rules.isEmpty()) {
      return new RunSaturation("Saturation not judged: no saturation rule (a source with a preset brings its own).",
          null, List.of());
    }
    List<Reached> reached = new ArrayList<>();
    for (SaturationRule rule : rules) {
      for (int i = 0; i < rows.size(); i++) {
        if (rule.reachedAt(rows, i)) {
          SecondRow r = rows.get(i);
          reached.add(new Reached(rule.resource().id(), rule.resource().label(), rule.key(), rule.text(), r.second(),
              Instant.ofEpochMilli(r.epochMillis()).toString(), Rounding.round6(r.server().get(rule.key()))));
          break;
        }
      }
    }
    reached.sort(Comparator.comparingLong(Reached::second));
    if (reached.isEmpty()) {
      return new RunSaturation("No resource reached its limit (" + String.join(", ",
          rules.stream().map(SaturationRule::describe).toList()) + ").", null, List.of());
    }
    Reached f = reached.get(0);
    StringBuilder sb = new StringBuilder(f.label() + " (" + f.metric() + ") reached its limit first (" + f.rule()
        + ") at t=" + f.second() + "s (" + f.at() + ", value " + SaturationRule.fmt(f.value()) + ")");
    if (reached.size() > 1) {
      sb.append("; then ").append(String.join(", ", reached.subList(1, reached.size()).stream()
          .map(r -> r.label() + " (" + r.metric() + ") at t=" + r.second() + "s").toList()));
    }
    return new RunSaturation(sb.append('.').toString(), f, List.copyOf(reached));
  }
}
