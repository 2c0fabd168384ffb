package interviews.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.TestConfigs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CapacitySettingsTest {

  private static String refused(String... keyValues) {
    SettingError e = assertThrows(SettingError.class, () -> CapacitySettings.from(TestConfigs.settings(keyValues)));
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void theDefaultsSearchBookingBothWaysWithinFiveMinutes() {
    CapacitySettings c = CapacitySettings.from(TestConfigs.settings());
    assertEquals("Booking", c.journey());
    assertEquals(Duration.ofMinutes(5), c.maxDuration());
    assertEquals(50, c.closed().startUsers());
    assertTrue(c.open().maxRate() >= c.open().startRate());
  }

  @Test
  void badSearchesAreRefusedNamingTheKey() {
    assertTrue(refused("loadtest.capacity.open.max-rate", "1").startsWith("loadtest.capacity.open.max-rate = '1': is below open.start-rate"));
    assertTrue(refused("loadtest.capacity.closed.start-users", "600").startsWith("loadtest.capacity.closed.max-users"));
    assertTrue(refused("loadtest.capacity.open.growth", "1").startsWith("loadtest.capacity.open.growth = '1': must be above 1"));
    assertTrue(refused("loadtest.capacity.closed.growth", "0").startsWith("loadtest.capacity.closed.growth"));
    assertTrue(refused("loadtest.capacity.journey", "Checkout").contains("use one of Booking, Login"));
    assertTrue(refused("loadtest.capacity.resolution", "0").startsWith("loadtest.capacity.resolution"));
    assertTrue(refused("loadtest.capacity.models.0", "sideways").startsWith("loadtest.capacity.models"));
    assertTrue(refused("loadtest.capacity.max-duration", "2h", "loadtest.max-duration", "1h")
        .contains("longer than loadtest.max-duration"));
    assertTrue(refused("loadtest.capacity.open.max-rate", "5000").startsWith("loadtest.capacity.open.max-rate"));
  }

  @Test
  void aLongSearchNeedsNoTimeLimitRaisedWhileItFollowsTheProfile() {
    CapacitySettings c = CapacitySettings.from(TestConfigs.settings("loadtest.capacity.max-duration", "2h"));
    assertEquals(java.time.Duration.ofHours(2), c.maxDuration());
  }

  @Test
  void oneModelAlone() {
    CapacitySettings c = CapacitySettings.from(TestConfigs.settings("loadtest.capacity.models.0", "closed"));
    assertNull(c.open());
    assertEquals(500, c.closed().maxUsers());
  }
}
