package interviews.loadtest.trend;

import static interviews.loadtest.trend.TrendRuns.args;
import static interviews.loadtest.trend.TrendRuns.trend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.TestConfigs;
import interviews.loadtest.trend.TrendRuns.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loadtest.trend: its defaults, -D overrides, and wrong values refused in one line naming the key. */
class TrendSettingsTest {

  @TempDir
  Path base;

  @Test
  void defaultsAndOverrides() {
    assertEquals(new TrendSettings(10, 3, 3, 0.10, 0.05, "unstable"), TrendSettings.from(TestConfigs.settings()));
    TrendSettings s = TrendSettings.from(TestConfigs.settings("loadtest.trend.baseline-runs", "5",
        "loadtest.trend.on-regression", "fail", "loadtest.trend.p95-tolerance", "0.2"));
    assertEquals(5, s.baselineRuns());
    assertEquals(0.2, s.p95Tolerance());
    assertEquals(true, s.failOnRegression());
  }

  @Test
  void badValuesAreRefusedNamingTheSetting() {
    assertEquals("loadtest.trend.on-regression = 'abort': must be one of unstable, fail",
        refused("loadtest.trend.on-regression", "abort"));
    assertEquals("loadtest.trend.min-runs = '20': must be at most loadtest.trend.baseline-runs (10): the baseline could"
        + " never have enough runs", refused("loadtest.trend.min-runs", "20"));
    assertEquals("loadtest.trend.baseline-runs = '0': must be a number from 1 to 1000", refused("loadtest.trend.baseline-runs", "0"));
    assertEquals("loadtest.trend.mad-factor = '-1': must be a number from 0 to 100", refused("loadtest.trend.mad-factor", "-1"));
    assertEquals("loadtest.trend.capacity-tolerance = 'lots': must be a number from 0 to 1",
        refused("loadtest.trend.capacity-tolerance", "lots"));
  }

  @Test
  void theCommandRefusesABadSettingInOneLineBeforeReadingAnything() {
    Result r = trend(base, args(), "loadtest.trend.on-regression", "abort");
    assertEquals(TrendMain.NO_TREND, r.status());
    assertEquals("[trend] no trend: loadtest.trend.on-regression = 'abort': must be one of unstable, fail\n",
        r.err().replace("\r\n", "\n"));
    Result typo = trend(base, args(), "loadtest.trend.baseline-run", "5");
    assertEquals(TrendMain.NO_TREND, typo.status());
    assertEquals(1, typo.err().lines().count(), typo.err());
    assertEquals(true, typo.err().startsWith("[trend] no trend: unknown setting loadtest.trend.baseline-run (from -D);"
        + " did you mean loadtest.trend.baseline-runs?"), typo.err());
    Result option = trend(base, args("--since", "3"));
    assertEquals("[trend] no trend: unknown option --since; " + TrendMain.USAGE + "\n", option.err().replace("\r\n", "\n"));
  }

  private static String refused(String key, String value) {
    return assertThrows(SettingError.class, () -> TrendSettings.from(TestConfigs.settings(key, value))).getMessage();
  }
}
