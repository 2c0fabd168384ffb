package interviews.loadtest.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which pages a folder holds, and what a page's name says it must draw. No browser needed. */
class PageFinderTest {

  @TempDir
  Path folder;

  @Test
  void aFolderMeansEveryReportCapacityAndTrendPageUnderIt() throws IOException {
    Path run = touch("gatling/burstsimulation-1/simulation.log").getParent();
    touch("gatling/burstsimulation-1/index.html");
    touch("gatling/burstsimulation-1/req_book-slot-1.html");
    touch("gatling/capacitysimulation-2/js/gatling.js");
    touch("gatling/capacitysimulation-2/index.html");
    touch("gatling/capacitysimulation-2/capacity.html");
    touch("trends/trend.html");
    touch("docs/index.html"); // no run folder: not a Gatling report
    touch("gatling/burstsimulation-1/notes.html");

    assertEquals(List.of(
            run.resolve("index.html"),
            folder.resolve("gatling/capacitysimulation-2/capacity.html"),
            folder.resolve("gatling/capacitysimulation-2/index.html"),
            folder.resolve("trends/trend.html")),
        PageFinder.find(List.of(folder)));
  }

  @Test
  void aPageNamedIsCheckedWhateverItsFolder() throws IOException {
    Path page = touch("docs/index.html");
    Path other = touch("notes.html");
    assertEquals(List.of(page, other), PageFinder.find(List.of(page, other, page)));
  }

  @Test
  void nothingToCheckIsOneLine() throws IOException {
    touch("empty/readme.txt");
    assertEquals("no page under " + folder.resolve("empty") + ": no Gatling report (index.html of a run folder), capacity.html or trend.html",
        assertThrows(PagesError.class, () -> PageFinder.find(List.of(folder.resolve("empty")))).getMessage());
    assertEquals("no such file or folder: " + folder.resolve("missing"),
        assertThrows(PagesError.class, () -> PageFinder.find(List.of(folder.resolve("missing")))).getMessage());
    Path text = folder.resolve("empty/readme.txt");
    assertEquals(text + " is no page: name a .html file or a folder",
        assertThrows(PagesError.class, () -> PageFinder.find(List.of(text))).getMessage());
  }

  @Test
  void reportPagesDrawHighchartsTheSuitesPagesSvgCharts() {
    assertEquals(PageKind.GATLING_REPORT, PageKind.of(Path.of("run/index.html")));
    assertEquals(PageKind.GATLING_REPORT, PageKind.of(Path.of("run/req_book-slot-324392779.html")));
    assertEquals(PageKind.GATLING_REPORT, PageKind.of(Path.of("run/group_notification-la-767200509.html")));
    assertEquals(PageKind.SUITE_PAGE, PageKind.of(Path.of("run/capacity.html")));
    assertEquals(PageKind.SUITE_PAGE, PageKind.of(Path.of("trend.html")));
    assertEquals(Path.of("run/index.png"), PageChecker.screenshotOf(Path.of("run/index.html")));
  }

  private Path touch(String name) throws IOException {
    Path file = folder.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x");
    return file;
  }
}
