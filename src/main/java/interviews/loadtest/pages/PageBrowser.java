package interviews.loadtest.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * One headless Chromium ({@link OfflineChromium}) driven through its chromedriver, both named by
 * path: Selenium Manager is never asked for anything. Opens local pages, runs scripts in them, says
 * what went wrong in their scripts (the console's SEVERE entries and what a capture installed
 * before any of the page's own scripts saw) and takes a screenshot of the whole page. The browser's
 * profile is a fresh temporary folder, removed on {@link #close}.
 */
public final class PageBrowser implements AutoCloseable {

  /** Installed in every document before its own scripts: uncaught errors, failed loads, rejections. */
  static final String ERROR_CAPTURE = """
      (function () {
        var errors = [];
        Object.defineProperty(window, '__pageCheckErrors', { value: errors });
        window.addEventListener('error', function (e) {
          var t = e.target;
          if (t && t !== window && (t.src || t.href)) {
            errors.push('could not load ' + (t.src || t.href));
          } else {
            errors.push((e.message || 'error') + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
          }
        }, true);
        window.addEventListener('unhandledrejection', function (e) {
          errors.push('unhandled promise rejection: ' + ((e.reason && e.reason.message) || e.reason));
        });
      })();
      """;

  private static final String COULD_NOT_LOAD = "could not load ";

  // Selenium's own java.util.logging chatter (a CDP version it has no classes for, which the check
  // does not need) stays out of the command's one line per page; kept here so the setting holds.
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  private final PageSettings settings;
  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Duration startTime;

  private PageBrowser(PageSettings settings, Path profile, ChromeDriverService service, ChromeDriver driver, Duration startTime) {
    this.settings = settings;
    this.profile = profile;
    this.service = service;
    this.driver = driver;
    this.startTime = startTime;
  }

  /** Starts chromedriver and the browser, or one line saying what is missing or what failed. */
  public static PageBrowser start(PageSettings settings) {
    settings.requirePrograms();
    SELENIUM_LOG.setLevel(Level.SEVERE);
    long started = System.nanoTime();
    Path profile;
    try {
      profile = Files.createTempDirectory("loadtest-pages-");
    } catch (IOException e) {
      throw new PagesError("no temporary folder for the browser's profile: " + e.getMessage());
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(settings.driver().toFile())
        .usingAnyFreePort()
        .withTimeout(settings.startTimeout())
        .withLogFile(profile.resolve("chromedriver.log").toFile())
        .build();
    ChromeDriver driver;
    try {
      ClientConfig client = ClientConfig.defaultConfig()
          .readTimeout(settings.startTimeout().plus(settings.pageLoadTimeout()));
      driver = new ChromeDriver(service, OfflineChromium.options(settings, profile.resolve("profile"), OfflineChromium.closedPort()), client);
    } catch (WebDriverException e) {
      service.stop();
      deleteQuietly(profile);
      throw new PagesError("the browser did not start (" + settings.browser() + " through " + settings.driver() + "): "
          + firstLine(e.getMessage()));
    }
    try {
      driver.manage().timeouts().pageLoadTimeout(settings.pageLoadTimeout());
      driver.manage().timeouts().scriptTimeout(settings.pageLoadTimeout());
      driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_CAPTURE));
    } catch (WebDriverException e) {
      PageBrowser half = new PageBrowser(settings, profile, service, driver, Duration.ZERO);
      half.close();
      throw new PagesError("the browser started but cannot be driven: " + firstLine(e.getMessage()));
    }
    return new PageBrowser(settings, profile, service, driver, Duration.ofNanos(System.nanoTime() - started));
  }

  /** How long starting took. */
  public Duration startTime() {
    return startTime;
  }

  /** The browser's version, as it reports it. */
  public String version() {
    return "Chromium " + driver.getCapabilities().getBrowserVersion();
  }

  public PageSettings settings() {
    return settings;
  }

  /** Opens {@code page} (a local file) and waits for its load event; the console read so far is dropped. */
  void open(Path page) {
    driver.manage().logs().get(LogType.BROWSER);
    driver.get(page.toAbsolutePath().toUri().toString());
  }

  /** Runs {@code script} in the open page (a function body: {@code return ...}). */
  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /**
   * What went wrong in the open page's scripts since it was opened: each SEVERE console entry, then
   * each error the capture saw that the console did not already say.
   */
  List<String> errors() {
    List<String> errors = new ArrayList<>();
    List<String> console = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        console.add(entry.getMessage());
        errors.add("console error: " + entry.getMessage());
      }
    }
    Object captured = driver.executeScript("return window.__pageCheckErrors || [];");
    if (captured instanceof List<?> list) {
      for (Object o : list) {
        String error = String.valueOf(o);
        // What the console would say of it too: a file's URL, or the message without its place.
        String said = error.startsWith(COULD_NOT_LOAD) ? error.substring(COULD_NOT_LOAD.length())
            : error.contains(" (") ? error.substring(0, error.lastIndexOf(" (")) : error;
        if (console.stream().noneMatch(c -> c.contains(said))) {
          errors.add("script error: " + error);
        }
      }
    }
    return errors;
  }

  /**
   * The whole page's height in CSS pixels: the document's, or the window's plus what its tallest
   * scrolling element hides (Gatling's report scrolls inside a container, not the document).
   */
  static final String PAGE_HEIGHT = """
      var hidden = 0;
      Array.prototype.forEach.call(document.querySelectorAll('body *'), function (e) {
        var o = getComputedStyle(e).overflowY;
        if ((o === 'auto' || o === 'scroll') && e.scrollHeight > e.clientHeight) {
          hidden = Math.max(hidden, e.scrollHeight - e.clientHeight);
        }
      });
      return Math.max(document.documentElement.scrollHeight, window.innerHeight + hidden);
      """;

  /** The most pixels a screenshot is tall. */
  static final int MAX_HEIGHT = 16384;

  /**
   * A PNG of the whole open page, as long as it is (at most {@value #MAX_HEIGHT} pixels), at the
   * window's width: the window is made that tall for the picture, and the picture taken again until
   * two in a row are the same (the charts' animations have ended), at most render-timeout.
   */
  byte[] screenshot() {
    long height = Math.max(settings.height(), Math.min(MAX_HEIGHT, ((Number) script(PAGE_HEIGHT)).longValue()));
    boolean taller = height > settings.height();
    if (taller) {
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
          Map.of("width", settings.width(), "height", height, "deviceScaleFactor", 1, "mobile", false));
    }
    try {
      long deadline = System.nanoTime() + settings.renderTimeout().toNanos();
      byte[] previous = capture();
      while (System.nanoTime() < deadline) {
        byte[] next = capture();
        if (Arrays.equals(previous, next)) {
          break;
        }
        previous = next;
      }
      return previous;
    } finally {
      if (taller) {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
      }
    }
  }

  private byte[] capture() {
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
    return Base64.getDecoder().decode((String) shot.get("data"));
  }

  /** Ends the browser and chromedriver and removes the profile. */
  @Override
  public void close() {
    try {
      driver.quit();
    } catch (WebDriverException e) {
      // already gone
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String line = message.strip();
    int end = line.indexOf('\n');
    return end < 0 ? line : line.substring(0, end).strip();
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder: the system clears it in the end
    }
  }
}
