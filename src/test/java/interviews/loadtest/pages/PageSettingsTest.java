package interviews.loadtest.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loadtest.pages: its defaults, a wrong value in one line, a missing program named with its package. No browser needed. */
class PageSettingsTest {

  @TempDir
  Path folder;

  @Test
  void defaults() {
    PageSettings s = PageSettings.from(TestConfigs.settings());
    assertEquals(Path.of("/usr/bin/chromium"), s.browser());
    assertEquals(Path.of("/usr/bin/chromedriver"), s.driver());
    assertEquals(1600, s.width());
    assertEquals(1000, s.height());
    assertEquals(Duration.ofSeconds(60), s.startTimeout());
    assertEquals(Duration.ofSeconds(60), s.pageLoadTimeout());
    assertEquals(Duration.ofSeconds(15), s.renderTimeout());
  }

  @Test
  void aWrongValueIsOneLineNamingTheKey() {
    assertEquals("loadtest.pages.window.width = '100': must be a number from 320 to 7680",
        assertThrows(SettingError.class, () -> PageSettings.from(TestConfigs.settings("loadtest.pages.window.width", "100"))).getMessage());
    assertEquals("loadtest.pages.render-timeout = 'soon': must be a duration such as 500ms, 30s or 10m",
        assertThrows(SettingError.class, () -> PageSettings.from(TestConfigs.settings("loadtest.pages.render-timeout", "soon"))).getMessage());
    assertEquals("loadtest.pages.browser = '': must not be empty",
        assertThrows(SettingError.class, () -> PageSettings.from(TestConfigs.settings("loadtest.pages.browser", ""))).getMessage());
    assertEquals("unknown setting loadtest.pages.window-width (from -D); did you mean loadtest.pages.window.width?",
        assertThrows(SettingError.class, () -> TestConfigs.settings("loadtest.pages.window-width", "800")).getMessage());
  }

  @Test
  void aMissingProgramSaysWhatToInstallAndWhichSetting() {
    Path none = folder.resolve("no-chromium");
    PagesError browser = assertThrows(PagesError.class, () -> PageSettings.from(TestConfigs.settings(
        "loadtest.pages.browser", none.toString())).requirePrograms());
    assertEquals("loadtest.pages.browser = '" + none + "': no such program; install Chromium (Debian: apt-get install chromium)"
        + " or set loadtest.pages.browser to its path", browser.getMessage());

    PagesError driver = assertThrows(PagesError.class, () -> PageSettings.from(TestConfigs.settings(
        "loadtest.pages.browser", "/bin/sh", "loadtest.pages.driver", folder.toString())).requirePrograms());
    assertEquals("loadtest.pages.driver = '" + folder + "': not an executable program; install chromedriver"
        + " (Debian: apt-get install chromium-driver) or set loadtest.pages.driver to its path", driver.getMessage());
  }
}
