package interviews.loadtest.pages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;

/**
 * Checks one page in the browser: it opens, its charts draw with data points (checked again and
 * again until they do, at most {@code render-timeout}), none of its scripts failed, and a
 * screenshot of it is written next to it ({@code index.html}: {@code index.png}). What failed is
 * said in the result, never thrown.
 */
public final class PageChecker {

  private static final Duration POLL = Duration.ofMillis(100);

  private final PageBrowser browser;
  private final Duration renderTimeout;

  /** Waits for the charts as long as the browser's settings say ({@code render-timeout}). */
  public PageChecker(PageBrowser browser) {
    this(browser, browser.settings().renderTimeout());
  }

  /** Waits for the charts at most {@code renderTimeout}. */
  PageChecker(PageBrowser browser, Duration renderTimeout) {
    this.browser = browser;
    this.renderTimeout = renderTimeout;
  }

  /** The screenshot's path: the page's, with .png for .html. */
  public static Path screenshotOf(Path page) {
    String name = page.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return page.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".png");
  }

  public PageResult check(Path page) {
    long started = System.nanoTime();
    PageKind kind = PageKind.of(page);
    List<String> problems = new ArrayList<>();
    try {
      browser.open(page);
    } catch (TimeoutException e) {
      problems.add("did not load within " + browser.settings().pageLoadTimeout().toSeconds() + " s (loadtest.pages.page-load-timeout)");
    } catch (WebDriverException e) {
      return new PageResult(page, kind, 0, 0, List.of("cannot be opened: " + PageBrowser.firstLine(e.getMessage())), null,
          Duration.ofNanos(System.nanoTime() - started));
    }
    Charts charts = awaitCharts(kind);
    problems.addAll(charts.problems());
    Path screenshot = screenshotOf(page);
    try {
      Files.write(screenshot, browser.screenshot());
    } catch (IOException | WebDriverException e) {
      problems.add("no screenshot: " + PageBrowser.firstLine(e.getMessage()));
      screenshot = null;
    }
    // Last: an error thrown while the charts were drawn or the page was pictured counts too.
    problems.addAll(shorter(browser.errors(), page));
    return new PageResult(page, kind, charts.charts(), charts.points(), problems, screenshot,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** The charts once drawn, or as they were when render-timeout ran out. */
  private Charts awaitCharts(PageKind kind) {
    long deadline = System.nanoTime() + renderTimeout.toNanos();
    while (true) {
      Charts charts = kind.charts.look(browser);
      if (charts.drawn() || System.nanoTime() >= deadline) {
        return charts;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return charts;
      }
    }
  }

  /** The page's own folder left out of file:// URLs in messages: {@code boom (page.html:12)}. */
  private static List<String> shorter(List<String> messages, Path page) {
    String folder = page.toAbsolutePath().getParent().toUri().toString();
    return messages.stream().map(m -> m.replace(folder, "")).toList();
  }
}
