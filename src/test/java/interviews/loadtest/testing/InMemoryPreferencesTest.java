package interviews.loadtest.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;

/** The test JVM's Java preferences are its own, not the user's. */
class InMemoryPreferencesTest {

  @Test
  void theTestsUseInMemoryPreferencesInWhichGatlingsReleaseCheckNeverExpires() {
    assertEquals(InMemoryPreferences.class.getName(), System.getProperty("java.util.prefs.PreferencesFactory"),
        "surefire's argLine sets it (pom.xml)");
    assertEquals(InMemoryPreferences.class, Preferences.userRoot().getClass().getEnclosingClass());
    assertEquals(InMemoryPreferences.class, Preferences.systemRoot().getClass().getEnclosingClass());
    assertEquals(Long.MAX_VALUE, Preferences.userRoot().node(InMemoryPreferences.GATLING_NODE)
        .getLong(InMemoryPreferences.GATLING_LAST_CHECK, 0));
  }
}
