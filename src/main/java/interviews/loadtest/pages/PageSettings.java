package interviews.loadtest.pages;

import interviews.loadtest.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The page check's settings, {@code loadtest.pages}: where Chromium and its chromedriver are, the
 * window the pages are laid out in, and how long starting, loading and drawing may take. A wrong
 * value is refused in one line naming the key.
 *
 * @param browser Chromium's program
 * @param driver the chromedriver of the same version
 * @param width the window's width, CSS pixels
 * @param height the window's height, CSS pixels
 * @param startTimeout starting chromedriver and the browser
 * @param pageLoadTimeout opening one page until its load event
 * @param renderTimeout how long the charts may take to draw after the page loaded
 */
public record PageSettings(Path browser, Path driver, int width, int height, Duration startTimeout,
    Duration pageLoadTimeout, Duration renderTimeout) {

  static final String KEY = "loadtest.pages.";

  /** Reads and checks {@code loadtest.pages}. */
  public static PageSettings from(Settings s) {
    return new PageSettings(
        Path.of(s.text(KEY + "browser").trim()),
        Path.of(s.text(KEY + "driver").trim()),
        s.whole(KEY + "window.width", 320, 7680),
        s.whole(KEY + "window.height", 240, 4320),
        s.duration(KEY + "start-timeout", Duration.ofSeconds(1), Duration.ofMinutes(10)),
        s.duration(KEY + "page-load-timeout", Duration.ofSeconds(1), Duration.ofMinutes(10)),
        s.duration(KEY + "render-timeout", Duration.ZERO, Duration.ofMinutes(10)));
  }

  /**
   * Both programs are there and can be run, or one line naming the setting and the Debian package
   * that brings the program.
   */
  public void requirePrograms() {
    requireProgram("browser", browser, "chromium", "Chromium");
    requireProgram("driver", driver, "chromium-driver", "chromedriver");
  }

  private static void requireProgram(String key, Path program, String debianPackage, String what) {
    if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
      throw new PagesError(KEY + key + " = '" + program + "': " + (Files.exists(program) ? "not an executable program" : "no such program")
          + "; install " + what + " (Debian: apt-get install " + debianPackage + ") or set " + KEY + key + " to its path");
    }
  }
}
