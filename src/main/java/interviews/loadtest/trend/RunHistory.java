package interviews.loadtest.trend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The runs kept from earlier builds: every folder holding a summary.json anywhere under a root,
 * each read as {@link RunFigures}. Under a history root whose first folder is a number
 * ({@code history/<build number>/target/gatling/<run>/summary.json}, as a Jenkins job copies
 * its earlier builds' artifacts), a run is labelled with that build number; elsewhere with its
 * start time. A file that cannot be used is skipped with one line saying which and why.
 */
final class RunHistory {

  private RunHistory() {}

  /**
   * The runs under {@code root}, in the order they started; {@code byBuild}: label each with the
   * number folder it lies in, when it lies in one. Each skipped file is one line to {@code skipped}.
   */
  static List<RunFigures> read(Path root, boolean byBuild, Consumer<String> skipped) {
    List<RunFigures> runs = new ArrayList<>();
    for (Path summary : summaries(root)) {
      Path folder = summary.getParent();
      try {
        runs.add(RunFigures.read(folder, byBuild ? buildNumber(root, folder) : null, skipped));
      } catch (UnreadableRun e) {
        skipped.accept(e.getMessage());
      }
    }
    runs.sort(Comparator.comparing(RunFigures::start));
    return runs;
  }

  /** The number folder directly under {@code root} that {@code folder} lies in, or null. */
  static String buildNumber(Path root, Path folder) {
    Path relative = root.relativize(folder);
    if (relative.getNameCount() < 2) {
      return null;
    }
    String first = relative.getName(0).toString();
    return first.matches("[0-9]+") ? first : null;
  }

  /** The runs once each: a run copied twice (the same runId) counts once, the first seen. */
  static List<RunFigures> distinct(List<RunFigures> runs) {
    Set<String> seen = new HashSet<>();
    List<RunFigures> out = new ArrayList<>();
    for (RunFigures r : runs) {
      if (r.runId().isEmpty() || seen.add(r.runId())) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(RunFigures::start));
    return out;
  }

  /** Every summary.json under {@code root}, in path order. */
  private static List<Path> summaries(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().equals(RunFigures.SUMMARY) && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root, e);
    }
  }
}
