package interviews.loadtest.pages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.capacity.CapacityPages;
import interviews.loadtest.trend.TrendPages;
import interviews.loadtest.simulations.SmokeSimulation;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.GatlingRunner;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pages in a real headless Chromium (Debian's chromium and chromium-driver; skipped with the
 * package to install when absent): a real Smoke run's Gatling report and the suite's own pages pass
 * with their screenshots written; a script that throws, a chart without points, a report without
 * Highcharts and a page that reaches for the network fail, each saying why. One browser for all.
 */
class PageCheckTest {

  /**
   * The suite's own pages, each written into a fresh folder by its own code from made-up results.
   * A new page is one line here.
   */
  static Stream<SuitePage> suitePages() {
    return Stream.of(
        new SuitePage("capacity.html", CapacityPages::write),
        new SuitePage("trend.html", TrendPages::write));
  }

  record SuitePage(String name, Function<Path, Path> writer) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static PageBrowser browser;
  private static PageChecker checker;
  /**
   * For the pages that must fail: a chart without points never gets one, however long it is given,
   * so these checks need not wait the whole render-timeout to say so.
   */
  private static PageChecker impatient;

  @TempDir
  Path folder;

  @BeforeAll
  static void startBrowser() {
    browser = PageBrowser.start(TestBrowser.settings());
    checker = new PageChecker(browser);
    impatient = new PageChecker(browser, Duration.ZERO);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aRealGatlingReportPasses() throws IOException {
    Map<String, String> fast = Map.of(
        "loadtest.think-time.min", "100ms",
        "loadtest.think-time.max", "300ms",
        "loadtest.booking.notification.poll-interval", "200ms",
        // Only against a hang: the one health check before a run has no speed to prove.
        "loadtest.target.health-check-timeout", Await.PATIENCE.toSeconds() + "s");
    GatlingRunner.Result run;
    fast.forEach(System::setProperty);
    try {
      run = GatlingRunner.run(SmokeSimulation.class, folder);
    } finally {
      fast.keySet().forEach(System::clearProperty);
    }
    assertEquals(0, run.exitCode(), "the Smoke run passed: " + run.failure());
    Path index = run.indexHtml();
    assertTrue(Files.isRegularFile(index), "Gatling wrote its report");

    PageResult result = checker.check(index);

    assertTrue(result.passed(), result.line());
    assertEquals(PageKind.GATLING_REPORT, result.kind());
    // Gatling 3.15's index.html: ranges, requests, users started, concurrent users, distribution,
    // percentiles over time, requests and responses per second.
    assertEquals(8, result.charts(), result.line());
    assertTrue(result.points() >= result.charts(), result.line());
    assertTrue(result.line().startsWith("[pages] passed " + index + ": Gatling report, 8 charts"), result.line());
    assertEquals(index.resolveSibling("index.png"), result.screenshot());
    assertRealPng(result.screenshot());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suitePages")
  void theSuitesOwnPagesPass(SuitePage page) throws IOException {
    Path html = page.writer().apply(folder);
    assertEquals(page.name(), html.getFileName().toString());

    PageResult result = checker.check(html);

    assertTrue(result.passed(), result.line());
    assertEquals(PageKind.SUITE_PAGE, result.kind());
    assertTrue(result.charts() >= 1 && result.points() >= result.charts(), result.line());
    assertEquals(PageChecker.screenshotOf(html), result.screenshot());
    assertRealPng(result.screenshot());
  }

  @Test
  void aScriptThatThrowsFails() throws IOException {
    Path page = write("trend.html", chartWithPoint() + "<script>function draw() { throw new Error('boom in draw'); } draw();</script>");

    PageResult result = impatient.check(page);

    assertFalse(result.passed(), result.line());
    assertTrue(result.line().startsWith("[pages] FAILED " + page + ": "), result.line());
    assertTrue(result.problems().stream().anyMatch(p -> p.contains("boom in draw")), result.line());
    assertTrue(result.line().contains("trend.html"), "says where: " + result.line());
    assertNotNull(result.screenshot(), "a failed page is pictured too");
  }

  @Test
  void anErrorInAnEventLaterFailsToo() throws IOException {
    Path page = write("capacity.html", chartWithPoint()
        + "<script>setTimeout(function () { null.draw(); }, 0);</script>");

    PageResult result = impatient.check(page);

    assertFalse(result.passed(), result.line());
    assertTrue(result.problems().stream().anyMatch(p -> p.contains("TypeError")), result.line());
  }

  @Test
  void aChartWithoutPointsFails() throws IOException {
    Path page = write("capacity.html", chartWithPoint()
        + "<svg class=\"chart\" width=\"300\" height=\"200\" aria-label=\"Latency\"><line x1=\"0\" y1=\"0\" x2=\"300\" y2=\"200\" stroke=\"#333\"/></svg>");

    PageResult result = impatient.check(page);

    assertFalse(result.passed(), result.line());
    assertEquals(2, result.charts());
    assertEquals(1, result.problems().size(), result.line());
    assertEquals("svg.chart 2 of 2 ('Latency') has no .point", result.problems().get(0));
  }

  @Test
  void pointsNoOneSeesDoNotCount() throws IOException {
    Path page = write("trend.html",
        "<svg class=\"chart\" width=\"300\" height=\"200\"><circle class=\"point\" cx=\"10\" cy=\"10\" r=\"4\" style=\"display:none\"/>"
            + "<circle class=\"point\" cx=\"-50\" cy=\"-50\" r=\"4\"/><circle class=\"point\" cx=\"20\" cy=\"20\" r=\"0\"/></svg>"
            + "<svg class=\"chart\" width=\"0\" height=\"0\"><circle class=\"point\" cx=\"1\" cy=\"1\" r=\"4\"/></svg>");

    PageResult result = impatient.check(page);

    assertEquals(2, result.problems().size(), result.line());
    assertEquals("svg.chart 1 of 2 has 3 .point, none visible", result.problems().get(0));
    assertTrue(result.problems().get(1).startsWith("svg.chart 2 of 2 is not rendered (0x0"), result.line());
  }

  @Test
  void aSuitePageWithoutChartsFails() throws IOException {
    Path page = write("capacity.html", "<svg width=\"300\" height=\"200\"><circle cx=\"10\" cy=\"10\" r=\"4\"/></svg>");

    PageResult result = impatient.check(page);

    assertEquals(1, result.problems().size(), result.line());
    assertTrue(result.problems().get(0).startsWith("no chart: "), result.line());
  }

  @Test
  void aReportWithoutHighchartsFails() throws IOException {
    Path page = write("index.html", "<h1>SmokeSimulation</h1><div id=\"RangesContainerId\"></div>");

    PageResult result = impatient.check(page);

    assertEquals(PageKind.GATLING_REPORT, result.kind());
    assertFalse(result.passed(), result.line());
    assertTrue(result.problems().get(0).startsWith("no Highcharts: "), result.line());
  }

  @Test
  void aReportWhoseScriptsAreMissingFails() throws IOException {
    Path page = write("index.html", "<script src=\"js/highstock.js\"></script><div id=\"c\"></div>");

    PageResult result = impatient.check(page);

    assertFalse(result.passed(), result.line());
    assertTrue(result.problems().stream().anyMatch(p -> p.contains("highstock.js")), "the missing file is named: " + result.line());
  }

  @Test
  void nothingIsFetchedFromTheNetwork() throws IOException {
    Path page = write("capacity.html", chartWithPoint()
        + "<img src=\"http://example.com/pixel.png\"><script src=\"https://cdn.example.com/lib.js\"></script>");

    PageResult result = impatient.check(page);

    assertFalse(result.passed(), "a page that needs the network fails here: " + result.line());
    assertTrue(result.problems().stream().anyMatch(p -> p.contains("example.com")), result.line());
  }

  private Path write(String name, String body) throws IOException {
    Path page = folder.resolve(name);
    Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>" + body + "</body></html>");
    return page;
  }

  private static String chartWithPoint() {
    return "<svg class=\"chart\" width=\"300\" height=\"200\" aria-label=\"Throughput\"><circle class=\"point\" cx=\"50\" cy=\"50\" r=\"4\"/></svg>";
  }

  /** A PNG by its signature, of some size, at the window's width, with more than a few colours in it. */
  static void assertRealPng(Path png) throws IOException {
    assertTrue(Files.isRegularFile(png), png + " written");
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(bytes, 8), "PNG signature");
    assertTrue(bytes.length > 10_000, "a real picture, not an empty one: " + bytes.length + " bytes");
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "decodes as an image");
    assertEquals(browser.settings().width(), image.getWidth());
    assertTrue(image.getHeight() >= browser.settings().height(), "at least the window's height: " + image.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 10, "something is drawn: " + colours.size() + " colours");
  }
}
