package interviews.loadtest.trend;

import interviews.loadtest.config.ConfigLayers;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Trends across runs and the regression gate, on demand:
 *
 * <pre>
 * ./mvnw -q compile exec:java@trend -Dexec.args="[run folder | --each] [--history DIR] [--results DIR] [--out DIR] [--label TEXT]"
 * </pre>
 *
 * The current run is the run folder given, else the newest run (by its summary's start) under
 * {@code --results} (default {@code target/gatling}); with {@code --each}, every run under
 * {@code --results} in turn (a build's Smoke, Burst, Sustained and search), each into its own folder. Earlier runs come from {@code --history}
 * (default {@code history}, read only when it exists; one given must exist) and the results
 * folder. Writes trend.html, trend.csv and trend-junit.xml into the current run's folder (or
 * {@code --out}), one console line per check and where the files went. Exit status 0, also for a
 * regression with {@code loadtest.trend.on-regression = unstable} (its testcase fails); {@value #REGRESSION}
 * for a regression with {@code fail}, after writing every file, with one line on standard error;
 * {@value #NO_TREND} when there is nothing to judge (no run, a missing folder, a bad setting or
 * argument), one line on standard error.
 */
public final class TrendMain {

  /** Exit status of a regression with on-regression = fail. */
  public static final int REGRESSION = 1;
  /** Exit status when nothing can be judged. */
  public static final int NO_TREND = 3;

  static final String USAGE = "usage: trend [run folder | --each] [--history DIR] [--results DIR] [--out DIR] [--label TEXT]";
  static final Path DEFAULT_HISTORY = Path.of("history");
  static final Path DEFAULT_RESULTS = Path.of("target", "gatling");

  private TrendMain() {}

  public static void main(String[] args) {
    int status = run(args, Path.of(""), () -> new Settings(ConfigLayers.load()), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** The command's arguments. */
  record Arguments(Path run, boolean each, Path history, boolean historyGiven, Path results, boolean resultsGiven, Path out,
      String label) {

    /** The arguments, every folder relative to {@code base}. */
    static Arguments parse(String[] args, Path base) {
      Path run = null;
      boolean each = false;
      Path history = base.resolve(DEFAULT_HISTORY);
      boolean historyGiven = false;
      Path results = base.resolve(DEFAULT_RESULTS);
      boolean resultsGiven = false;
      Path out = null;
      String label = null;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.isBlank()) {
          continue;
        }
        if (a.equals("--each")) {
          each = true;
        } else if (a.startsWith("--")) {
          if (i + 1 >= args.length || args[i + 1].isBlank()) {
            throw new TrendInputError(a + " needs a value; " + USAGE);
          }
          String v = args[++i];
          switch (a) {
            case "--history" -> {
              history = base.resolve(v);
              historyGiven = true;
            }
            case "--results" -> {
              results = base.resolve(v);
              resultsGiven = true;
            }
            case "--out" -> out = base.resolve(v);
            case "--label" -> label = v;
            default -> throw new TrendInputError("unknown option " + a + "; " + USAGE);
          }
        } else if (run == null) {
          run = base.resolve(a);
        } else {
          throw new TrendInputError("more than one run folder (" + run + ", " + a + "); " + USAGE);
        }
      }
      if (each && (run != null || out != null)) {
        throw new TrendInputError("--each judges every run under --results, each into its own folder: "
            + "name no run folder and no --out with it; " + USAGE);
      }
      return new Arguments(run, each, history, historyGiven, results, resultsGiven, out, label);
    }
  }

  /**
   * Runs the command with the settings {@code settings} reads, folders relative to {@code base};
   * returns the exit status.
   */
  static int run(String[] args, Path base, Supplier<Settings> settings, PrintStream out, PrintStream err) {
    List<Trend> trends = new ArrayList<>();
    try {
      Arguments a = Arguments.parse(args, base);
      TrendSettings rule = TrendSettings.from(settings.get());
      List<RunFigures> runs = new ArrayList<>();
      if (Files.isDirectory(a.history())) {
        runs.addAll(RunHistory.read(a.history(), true, line -> out.println("[trend] skipped " + line)));
      } else if (a.historyGiven()) {
        throw new TrendInputError("history folder " + a.history() + " does not exist");
      }
      List<RunFigures> results = List.of();
      if (Files.isDirectory(a.results())) {
        results = RunHistory.read(a.results(), false, line -> out.println("[trend] skipped " + line));
      } else if (a.resultsGiven()) {
        throw new TrendInputError("results folder " + a.results() + " does not exist");
      }
      runs.addAll(results);
      List<RunFigures> judged = a.each()
          ? results.stream().sorted(Comparator.comparing(RunFigures::start)).toList()
          : List.of(current(a, results, line -> out.println("[trend] skipped " + line)));
      if (judged.isEmpty()) {
        throw new TrendInputError("no run to judge: no readable " + RunFigures.SUMMARY + " under " + a.results()
            + "; run a simulation first");
      }
      for (RunFigures run : judged) {
        RunFigures current = a.label() != null ? run.labelled(a.label()) : run;
        List<RunFigures> others = RunHistory.distinct(runs).stream().filter(r -> !same(r, current)).toList();
        Trend trend = Trend.of(current, others, rule);
        Path dir = a.out() != null ? a.out() : current.folder();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(TrendHtml.FILE), TrendHtml.render(trend), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(TrendCsv.FILE), TrendCsv.render(trend), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(TrendJUnitXml.FILE), TrendJUnitXml.render(trend), StandardCharsets.UTF_8);
        report(trend, dir, out);
        trends.add(trend);
      }
    } catch (TrendInputError | SettingError | UncheckedIOException e) {
      err.println("[trend] no trend: " + e.getMessage());
      return NO_TREND;
    } catch (IOException e) {
      err.println("[trend] no trend: cannot write the files: " + e);
      return NO_TREND;
    }
    List<String> regressed = new ArrayList<>();
    for (Trend trend : trends) {
      trend.checks().stream().filter(Check::regressed)
          .forEach(k -> regressed.add(trend.current().simulation() + " trend." + k.name()));
    }
    if (regressed.isEmpty()) {
      return 0;
    }
    if (trends.get(0).settings().failOnRegression()) {
      out.flush();
      err.println("[trend] regression: " + String.join(", ", regressed)
          + " beyond the baseline band (loadtest.trend.on-regression = fail)");
      return REGRESSION;
    }
    out.println("[trend] regression: " + String.join(", ", regressed) + " (on-regression = unstable: exit 0, the testcase fails in "
        + TrendJUnitXml.FILE + ")");
    return 0;
  }

  /** The console lines of one judged run: what it was compared with, each check, where the files went. */
  private static void report(Trend trend, Path dir, PrintStream out) {
    RunFigures c = trend.current();
    out.println("[trend] " + c.simulation() + " run " + c.label() + " against " + c.targetName() + ": "
        + (trend.series().size() - 1) + " earlier run" + (trend.series().size() == 2 ? "" : "s") + " like it");
    trend.checks().forEach(k -> out.println(k.line()));
    out.println("[trend] wrote " + dir.resolve(TrendHtml.FILE) + ", " + TrendCsv.FILE + " and " + TrendJUnitXml.FILE);
  }

  /** The run judged: the folder given, else the newest of {@code results}. */
  private static RunFigures current(Arguments a, List<RunFigures> results, java.util.function.Consumer<String> skipped) {
    if (a.run() != null) {
      if (!Files.isRegularFile(a.run().resolve(RunFigures.SUMMARY))) {
        throw new TrendInputError("no " + RunFigures.SUMMARY + " in " + a.run());
      }
      try {
        // A run folder inside the history is labelled with its build number, as the history's runs are.
        boolean inHistory = a.run().toAbsolutePath().normalize().startsWith(a.history().toAbsolutePath().normalize());
        return RunFigures.read(a.run(), inHistory ? RunHistory.buildNumber(a.history().toAbsolutePath().normalize(),
            a.run().toAbsolutePath().normalize()) : null, skipped);
      } catch (UnreadableRun e) {
        throw new TrendInputError("the current run cannot be read: " + e.getMessage());
      }
    }
    return results.stream().max(Comparator.comparing(RunFigures::start)).orElseThrow(() -> new TrendInputError(
        "no run to judge: no readable " + RunFigures.SUMMARY + " under " + a.results() + "; run a simulation first or name a run folder"));
  }

  /** The same run: the same folder, or the same runId (a copy of it). */
  private static boolean same(RunFigures r, RunFigures current) {
    return r.folder().toAbsolutePath().normalize().equals(current.folder().toAbsolutePath().normalize())
        || (!r.runId().isEmpty() && r.runId().equals(current.runId()));
  }
}
