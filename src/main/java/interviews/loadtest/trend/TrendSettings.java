package interviews.loadtest.trend;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import java.util.List;

/**
 * The regression gate's settings, {@code loadtest.trend}; a wrong value is refused in one line
 * naming the key.
 *
 * @param baselineRuns the baseline is the median of at most this many passing runs before the current one
 * @param minRuns fewer passing runs than this: no baseline yet, nothing gated
 * @param madFactor the band is this many scaled MADs (1.4826 x the median absolute deviation) wide
 * @param p95Tolerance the band is at least this share of the baseline's p95
 * @param capacityTolerance the band is at least this share of the baseline's capacity
 * @param onRegression {@code unstable} (exit 0, the failing JUnit testcase marks the build) or {@code fail} (exit 1)
 */
public record TrendSettings(int baselineRuns, int minRuns, double madFactor, double p95Tolerance,
    double capacityTolerance, String onRegression) {

  static final String KEY = "loadtest.trend.";

  /** The allowed values of {@code on-regression}. */
  public static final List<String> ON_REGRESSION = List.of("unstable", "fail");

  /** Reads and checks {@code loadtest.trend}. */
  public static TrendSettings from(Settings s) {
    int baselineRuns = s.whole(KEY + "baseline-runs", 1, 1000);
    int minRuns = s.whole(KEY + "min-runs", 1, 1000);
    if (minRuns > baselineRuns) {
      throw SettingError.of(KEY + "min-runs", minRuns, "must be at most loadtest.trend.baseline-runs (" + baselineRuns
          + "): the baseline could never have enough runs");
    }
    return new TrendSettings(baselineRuns, minRuns,
        s.number(KEY + "mad-factor", 0, 100),
        s.number(KEY + "p95-tolerance", 0, 10),
        s.number(KEY + "capacity-tolerance", 0, 1),
        s.oneOf(KEY + "on-regression", ON_REGRESSION));
  }

  /** A regression ends the command with exit status 1. */
  public boolean failOnRegression() {
    return "fail".equals(onRegression);
  }
}
