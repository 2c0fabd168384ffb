package interviews.loadtest.scaling;

import interviews.loadtest.config.ConfigLayers;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The scaling plan on demand, from an earlier run's folder:
 *
 * <pre>
 * ./mvnw -q compile exec:java@scaling-plan -Dexec.args=target/gatling/capacitysimulation-20260101120000123
 * </pre>
 *
 * Without an argument, the newest folder under {@code target/gatling} that holds a capacity.json.
 * The settings are the suite's ({@code -Dloadtest.scaling.measured.vcpus=4} and the like). Writes
 * scaling-plan.md and scaling-plan.json into that folder and prints where; a folder without
 * capacity results, a search without an answer, or settings that contradict each other is one line
 * on standard error and exit status {@value #NO_PLAN}.
 */
public final class ScalingPlanMain {

  /** Exit status when no plan can be made. */
  public static final int NO_PLAN = 3;

  private ScalingPlanMain() {}

  public static void main(String[] args) {
    int status = run(args, () -> new Settings(ConfigLayers.load()), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Makes the plan with the settings {@code settings} reads (-D, environment, file); returns the exit status. */
  static int run(String[] args, Supplier<Settings> settings, PrintStream out, PrintStream err) {
    try {
      if (args.length > 1) {
        throw new ScalingInputError("usage: ScalingPlanMain [run folder]; " + args.length + " arguments given");
      }
      Path directory = args.length == 1 ? Path.of(args[0]) : newestCapacityRun(Path.of("target", "gatling"));
      ScalingPlan plan = ScalingPlan.write(directory, settings.get());
      out.println(plan.summaryLine());
      out.println("[scaling] wrote " + directory.resolve(ScalingPlan.MARKDOWN) + " and " + ScalingPlan.JSON);
      return 0;
    } catch (ScalingInputError | SettingError e) {
      err.println("[scaling] no plan: " + e.getMessage());
      return NO_PLAN;
    }
  }

  /** The newest run folder under {@code results} with a capacity.json. */
  static Path newestCapacityRun(Path results) {
    if (!Files.isDirectory(results)) {
      throw new ScalingInputError("no capacity results: " + results + " does not exist; run a capacity search first"
          + " (-Dsimulation=Capacity) or name a run folder");
    }
    try (Stream<Path> runs = Files.list(results)) {
      Optional<Path> newest = runs.filter(d -> Files.isRegularFile(d.resolve("capacity.json")))
          .max(Comparator.comparing(d -> d.resolve("capacity.json").toFile().lastModified()));
      return newest.orElseThrow(() -> new ScalingInputError("no capacity results: no folder under " + results
          + " holds a capacity.json; run a capacity search first (-Dsimulation=Capacity) or name a run folder"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
