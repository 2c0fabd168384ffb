package interviews.loadtest.pages;

import interviews.loadtest.config.ConfigLayers;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The page check on demand:
 *
 * <pre>
 * ./mvnw -q compile exec:java@check-pages -Dexec.args="target/gatling"
 * ./mvnw -q compile exec:java@check-pages -Dexec.args="target/gatling/burstsimulation-20260101120000123/index.html other/capacity.html"
 * </pre>
 *
 * Each argument a page or a folder ({@link PageFinder}); none: {@code target/gatling}. Opens every page
 * in one headless Chromium that reaches no network ({@link PageBrowser}), checks it
 * ({@link PageChecker}), writes its screenshot next to it and prints one line for it. Exit status 0
 * when every page passed, {@value #FAILED} when one failed, {@value #CANNOT_CHECK} when nothing
 * could be checked (a setting, a missing program, no page): one line on standard error.
 */
public final class CheckPagesMain {

  /** A page failed. */
  public static final int FAILED = 1;

  /** Nothing could be checked. */
  public static final int CANNOT_CHECK = 3;

  private CheckPagesMain() {}

  public static void main(String[] args) {
    int status = run(args, () -> new Settings(ConfigLayers.load()), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Checks the pages with the settings {@code settings} reads (-D, environment, file); returns the exit status. */
  public static int run(String[] args, Supplier<Settings> settings, PrintStream out, PrintStream err) {
    try {
      List<Path> targets = args.length == 0 ? List.of(Path.of("target", "gatling"))
          : Arrays.stream(args).filter(a -> !a.isBlank()).map(Path::of).toList();
      PageSettings pageSettings = PageSettings.from(settings.get());
      List<Path> pages = PageFinder.find(targets);
      int failed = 0;
      try (PageBrowser browser = PageBrowser.start(pageSettings)) {
        out.println(String.format(Locale.ROOT, "[pages] %s started in %.1f s, no network; %d %s",
            browser.version(), browser.startTime().toMillis() / 1000.0, pages.size(), pages.size() == 1 ? "page" : "pages"));
        PageChecker checker = new PageChecker(browser);
        for (Path page : pages) {
          PageResult result = checker.check(page);
          out.println(result.line());
          if (!result.passed()) {
            failed++;
          }
        }
      }
      out.println("[pages] " + (failed == 0 ? "all " + pages.size() + " passed" : failed + " of " + pages.size() + " failed"));
      return failed == 0 ? 0 : FAILED;
    } catch (PagesError | SettingError e) {
      err.println("[pages] cannot check pages: " + e.getMessage());
      return CANNOT_CHECK;
    }
  }
}
