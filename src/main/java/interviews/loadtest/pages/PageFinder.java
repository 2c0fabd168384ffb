package interviews.loadtest.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The pages the command was pointed at. A page file is itself; a folder means every page found
 * under it, at any depth: each Gatling report's {@code index.html} (one in a run folder, next to a
 * {@code simulation.log} or Gatling's {@code js/gatling.js}), and every {@code capacity.html} and
 * {@code trend.html}. Sorted by path; a name that is neither, or a folder holding none, is one line.
 */
final class PageFinder {

  /** The suite's own pages, looked for in folders. */
  static final List<String> SUITE_PAGES = List.of("capacity.html", "trend.html");

  private PageFinder() {}

  static List<Path> find(List<Path> targets) {
    Set<Path> pages = new LinkedHashSet<>();
    for (Path target : targets) {
      if (Files.isDirectory(target)) {
        List<Path> found = under(target);
        if (found.isEmpty()) {
          throw new PagesError("no page under " + target + ": no Gatling report (index.html of a run folder), "
              + String.join(" or ", SUITE_PAGES));
        }
        pages.addAll(found);
      } else if (Files.isRegularFile(target)) {
        if (!target.getFileName().toString().endsWith(".html")) {
          throw new PagesError(target + " is no page: name a .html file or a folder");
        }
        pages.add(target);
      } else {
        throw new PagesError("no such file or folder: " + target);
      }
    }
    return new ArrayList<>(pages);
  }

  private static List<Path> under(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).filter(PageFinder::isPage).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isPage(Path file) {
    String name = file.getFileName().toString();
    if (SUITE_PAGES.contains(name)) {
      return true;
    }
    Path run = file.getParent();
    return name.equals("index.html") && run != null
        && (Files.isRegularFile(run.resolve("simulation.log")) || Files.isRegularFile(run.resolve("js").resolve("gatling.js")));
  }
}
