package interviews.loadtest.trend;

import interviews.loadtest.trend.Check.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Judges the current run against its baseline, figure by figure: the global p95 may not rise
 * above the band, the capacity found (journeys a second, open model; users, closed model) may not
 * fall below it. The baseline of a figure is the median of the last {@code baseline-runs} passing
 * runs like the current one (same simulation, target and profile) that started before it and have
 * that figure ({@link Baseline}); with fewer than {@code min-runs}, there is no baseline yet.
 */
final class RegressionJudge {

  /** One figure judged: its check name, words, unit, getter, and whether higher is worse. */
  record Figure(String name, String what, String unit, ToDoubleFunction<RunFigures> value, boolean higherIsWorse) {}

  static final Figure P95 = new Figure("p95", "global p95", "ms", RunFigures::p95, true);
  static final Figure CAPACITY = new Figure("capacity", "highest rate within the SLOs (open model)", "journeys/s",
      RunFigures::capacityRate, false);
  static final Figure CAPACITY_USERS = new Figure("capacity-users", "most concurrent users within the SLOs (closed model)",
      "users", RunFigures::capacityUsers, false);

  private RegressionJudge() {}

  /** The runs like {@code current} that started before it, oldest first. */
  static List<RunFigures> earlierAlike(RunFigures current, List<RunFigures> runs) {
    return runs.stream().filter(r -> r.alike(current) && r.start().isBefore(current.start())).toList();
  }

  /**
   * The checks of {@code current} against {@code earlier} (runs like it, before it, oldest first):
   * p95 always; each capacity figure when the current run or one of the earlier ones has it.
   */
  static List<Check> judge(RunFigures current, List<RunFigures> earlier, TrendSettings settings) {
    List<Check> checks = new ArrayList<>();
    checks.add(check(P95, current, earlier, settings.p95Tolerance(), settings));
    for (Figure f : List.of(CAPACITY, CAPACITY_USERS)) {
      boolean anywhere = !Double.isNaN(f.value().applyAsDouble(current))
          || earlier.stream().anyMatch(r -> !Double.isNaN(f.value().applyAsDouble(r)));
      if (anywhere) {
        checks.add(check(f, current, earlier, settings.capacityTolerance(), settings));
      }
    }
    return checks;
  }

  /** The baseline runs of {@code f}: the last {@code baseline-runs} passing earlier runs that have it. */
  static List<RunFigures> baselineRuns(Figure f, List<RunFigures> earlier, TrendSettings settings) {
    List<RunFigures> passing = earlier.stream()
        .filter(r -> r.passed() && !Double.isNaN(f.value().applyAsDouble(r))).toList();
    return passing.subList(Math.max(0, passing.size() - settings.baselineRuns()), passing.size());
  }

  static Check check(Figure f, RunFigures current, List<RunFigures> earlier, double tolerance, TrendSettings settings) {
    double value = f.value().applyAsDouble(current);
    List<RunFigures> runs = baselineRuns(f, earlier, settings);
    List<String> labels = runs.stream().map(RunFigures::label).toList();
    if (Double.isNaN(value)) {
      boolean searched = !Double.isNaN(current.capacityRate()) || !Double.isNaN(current.capacityUsers());
      String why = f == P95 ? "the run has no global p95 (no request ended)"
          : searched ? "its capacity search has no " + f.unit() + " figure (that model not searched, or nothing held)"
          : "the run has no " + RunFigures.CAPACITY;
      return new Check(f.name(), f.what(), f.unit(), Status.NOT_MEASURED, value, null, runs, "not measured: " + why);
    }
    String now = f.what() + " " + Check.number(value) + " " + f.unit();
    if (runs.size() < settings.minRuns()) {
      return new Check(f.name(), f.what(), f.unit(), Status.NO_BASELINE, value, null, runs,
          now + "; no baseline yet: " + runs.size() + " passing run" + (runs.size() == 1 ? "" : "s")
              + " like this one before it, " + settings.minRuns() + " needed (loadtest.trend.min-runs)");
    }
    Baseline b = Baseline.of(runs.stream().map(r -> f.value().applyAsDouble(r)).toList(), settings.madFactor(), tolerance);
    String of = "median of " + b.runs() + " passing run" + (b.runs() == 1 ? "" : "s")
        + (labels.size() == 1 ? " " + labels.get(0) : " " + labels.get(0) + " to " + labels.get(labels.size() - 1));
    boolean regressed = f.higherIsWorse() ? value > b.upper() : value < b.lower();
    String limit = f.higherIsWorse()
        ? Check.number(b.median()) + " + " + Check.number(b.band()) + " = " + Check.number(b.upper())
        : Check.number(b.median()) + " - " + Check.number(b.band()) + " = " + Check.number(b.lower());
    String message = regressed
        ? now + " is " + (f.higherIsWorse() ? "above" : "below") + " the baseline band " + limit + " " + f.unit()
            + " (" + of + "): a regression"
        : now + " is " + (better(f, value, b) ? "better than" : "within") + " the baseline " + Check.number(b.median())
            + " ± " + Check.number(b.band()) + " " + f.unit() + " (" + of + ")";
    return new Check(f.name(), f.what(), f.unit(), regressed ? Status.REGRESSED : Status.PASSED, value, b, runs, message);
  }

  private static boolean better(Figure f, double value, Baseline b) {
    return f.higherIsWorse() ? value < b.lower() : value > b.upper();
  }
}
