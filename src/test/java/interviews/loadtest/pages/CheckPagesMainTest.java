package interviews.loadtest.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.capacity.CapacityPages;
import interviews.loadtest.config.Settings;
import interviews.loadtest.config.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command: one line per page and the exit status; what stops it before any page is one line. */
class CheckPagesMainTest {

  @TempDir
  Path folder;

  private record Ran(int status, List<String> out, List<String> err) {}

  private static Ran run(Supplier<Settings> settings, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = CheckPagesMain.run(args, settings, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(status, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void aFolderWithAGoodAndABadPage() throws IOException {
    PageSettings found = TestBrowser.settings(); // skipped here without Chromium
    Path good = CapacityPages.write(Files.createDirectories(folder.resolve("capacitysimulation-1")));
    Path bad = Files.createDirectories(folder.resolve("trends")).resolve("trend.html");
    Files.writeString(bad, "<html><body><svg class=\"chart\" width=\"200\" height=\"100\"></svg></body></html>");

    Ran ran = run(() -> TestConfigs.settings("loadtest.pages.browser", found.browser().toString(),
        "loadtest.pages.driver", found.driver().toString(), "loadtest.pages.render-timeout", "0s"), folder.toString());

    assertEquals(CheckPagesMain.FAILED, ran.status(), String.join("\n", ran.out()));
    assertEquals(4, ran.out().size(), String.join("\n", ran.out()));
    assertTrue(ran.out().get(0).matches("\\[pages\\] Chromium [0-9.]+ started in [0-9.]+ s, no network; 2 pages"), ran.out().get(0));
    assertTrue(ran.out().get(1).startsWith("[pages] passed " + good + ": suite page, 4 charts, "), ran.out().get(1));
    assertTrue(ran.out().get(2).startsWith("[pages] FAILED " + bad + ": svg.chart 1 of 1 has no .point; screenshot trend.png"), ran.out().get(2));
    assertEquals("[pages] 1 of 2 failed", ran.out().get(3));
    assertEquals(List.of(), ran.err());
    assertTrue(Files.size(good.resolveSibling("capacity.png")) > 0 && Files.size(bad.resolveSibling("trend.png")) > 0);
  }

  @Test
  void aMissingBrowserIsOneLine() throws IOException {
    CapacityPages.write(folder);
    Path none = folder.resolve("chromium");

    Ran ran = run(() -> TestConfigs.settings("loadtest.pages.browser", none.toString()), folder.toString());

    assertEquals(CheckPagesMain.CANNOT_CHECK, ran.status());
    assertEquals(List.of(), ran.out());
    assertEquals(List.of("[pages] cannot check pages: loadtest.pages.browser = '" + none + "': no such program;"
        + " install Chromium (Debian: apt-get install chromium) or set loadtest.pages.browser to its path"), ran.err());
  }

  @Test
  void aWrongSettingOrNoPageIsOneLine() {
    Ran setting = run(() -> TestConfigs.settings("loadtest.pages.page-load-timeout", "0s"), folder.toString());
    assertEquals(CheckPagesMain.CANNOT_CHECK, setting.status());
    assertEquals(List.of("[pages] cannot check pages: loadtest.pages.page-load-timeout = '0s': must be a duration from 1s to 10m"),
        setting.err());

    Ran empty = run(TestConfigs::settings, folder.toString());
    assertEquals(CheckPagesMain.CANNOT_CHECK, empty.status());
    assertEquals(1, empty.err().size());
    assertTrue(empty.err().get(0).startsWith("[pages] cannot check pages: no page under " + folder), empty.err().get(0));
  }
}
