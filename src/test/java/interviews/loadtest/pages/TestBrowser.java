package interviews.loadtest.pages;

import interviews.loadtest.config.TestConfigs;
import interviews.loadtest.testing.LocalProgram;
import java.nio.file.Path;

/**
 * The page check's settings for the tests, with Chromium and chromedriver where this machine has
 * them; the test is skipped, naming the Debian package to install, when one is absent.
 */
final class TestBrowser {

  private TestBrowser() {}

  /** The settings with the programs found here (-D pairs on top), or the test is skipped. */
  static PageSettings settings(String... keyValues) {
    Path chromium = LocalProgram.require("chromium", "chromium");
    Path driver = LocalProgram.require("chromedriver", "chromium-driver");
    String[] all = new String[keyValues.length + 4];
    all[0] = "loadtest.pages.browser";
    all[1] = chromium.toString();
    all[2] = "loadtest.pages.driver";
    all[3] = driver.toString();
    System.arraycopy(keyValues, 0, all, 4, keyValues.length);
    return PageSettings.from(TestConfigs.settings(all));
  }
}
