package interviews.loadtest.trend;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trend.html for other packages' tests (the page check), written by the trend command over a
 * history made up here: five Burst builds around 405 ms, then a sixth at 600 ms, a regression,
 * with a capacity search in every build so the capacity charts draw too.
 */
public final class TrendPages {

  private TrendPages() {}

  /** Writes the history and the current run under {@code folder}; returns the current run's trend.html. */
  public static Path write(Path folder) {
    Path history = folder.resolve("history");
    long[] p95 = {400, 410, 390, 420, 405};
    for (int i = 0; i < p95.length; i++) {
      TrendRuns.build(history, i + 1, p95[i], true);
      TrendRuns.capacity(history, i + 1, 21 + i % 3, 400L);
    }
    Path run = TrendRuns.run(folder.resolve("target/gatling/burstsimulation-6"), "build-6", TrendRuns.SIMULATION,
        TrendRuns.TARGET, TrendRuns.day(6), 600, true);
    TrendRuns.Result result = TrendRuns.trend(folder, TrendRuns.args(run.toString(), "--history", "history", "--label", "6"));
    Path page = run.resolve("trend.html");
    if (result.status() != 0 || !Files.isRegularFile(page)) {
      throw new IllegalStateException("the trend command wrote no trend.html: " + result.out() + result.err());
    }
    return page;
  }
}
