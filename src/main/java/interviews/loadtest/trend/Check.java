package interviews.loadtest.trend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The verdict of one check of the current run against its baseline: {@code trend.p95},
 * {@code trend.capacity}, {@code trend.capacity-users}.
 *
 * @param name the check's name (the JUnit testcase's)
 * @param what the figure in words, with its unit
 * @param unit the figure's unit
 * @param status how it came out
 * @param current the current run's figure (NaN: not measured)
 * @param baseline the baseline, or null when there is none yet
 * @param baselineRuns the runs the baseline is the median of, oldest first (fewer than min-runs: no baseline)
 * @param message the verdict in one line, with the numbers
 */
public record Check(String name, String what, String unit, Status status, double current, Baseline baseline,
    List<RunFigures> baselineRuns, String message) {

  /** How a check came out. */
  public enum Status {
    /** Within the band, or better than the baseline. */
    PASSED,
    /** Beyond the band on the bad side: a regression. */
    REGRESSED,
    /** Too few passing runs before this one: not judged. */
    NO_BASELINE,
    /** The current run has no such figure: not judged. */
    NOT_MEASURED
  }

  /** The baseline runs' labels, oldest first. */
  public List<String> baselineLabels() {
    return baselineRuns.stream().map(RunFigures::label).toList();
  }

  /** A regression. */
  public boolean regressed() {
    return status == Status.REGRESSED;
  }

  /** Not judged: no baseline yet, or nothing measured. */
  public boolean skipped() {
    return status == Status.NO_BASELINE || status == Status.NOT_MEASURED;
  }

  /** The console's line for it. */
  public String line() {
    return "[trend] " + name + ": " + message;
  }

  /** A figure for people: one decimal from 100, two from 1, else four; "-" for NaN. */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "-";
    }
    int decimals = Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 1 ? 2 : 4;
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
