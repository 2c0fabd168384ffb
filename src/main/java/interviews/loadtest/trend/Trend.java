package interviews.loadtest.trend;

import java.util.ArrayList;
import java.util.List;

/**
 * The current run among the runs like it: the series drawn and written (those that started before
 * it, then itself), and its checks against the baseline.
 *
 * @param current the run judged
 * @param series the runs like it up to and including it, oldest first
 * @param checks one per figure judged
 * @param p95Baseline the runs the p95 baseline is the median of (empty: none yet)
 * @param settings the rule
 */
public record Trend(RunFigures current, List<RunFigures> series, List<Check> checks, List<RunFigures> p95Baseline,
    TrendSettings settings) {

  /** Judges {@code current} against {@code runs} (any runs: only those like it and before it count). */
  static Trend of(RunFigures current, List<RunFigures> runs, TrendSettings settings) {
    List<RunFigures> earlier = RegressionJudge.earlierAlike(current, runs);
    List<RunFigures> series = new ArrayList<>(earlier);
    series.add(current);
    List<Check> checks = RegressionJudge.judge(current, earlier, settings);
    List<RunFigures> baseline = RegressionJudge.baselineRuns(RegressionJudge.P95, earlier, settings);
    return new Trend(current, List.copyOf(series), checks, baseline.size() < settings.minRuns() ? List.of() : baseline,
        settings);
  }

  /** Some check regressed. */
  public boolean regressed() {
    return checks.stream().anyMatch(Check::regressed);
  }

  /** The check named {@code name}, or null. */
  Check check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }
}
