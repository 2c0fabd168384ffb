package interviews.loadtest.profiles;

import static interviews.loadtest.config.TestConfigs.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.config.SettingError;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilesTest {

  /** Users Gatling itself will start for these steps (its own rounding included). */
  static long gatlingUsers(OpenInjectionStep[] steps) {
    return Arrays.stream(steps).mapToLong(step -> step.asScala().users()).sum();
  }

  @Test
  void burstOf500AMinuteIs8Point33ASecondAnd500JourneysInTheHeldMinute() {
    Burst burst = Burst.from(settings());
    assertEquals(8.333, burst.perSecond(), 0.001);
    assertEquals(500, burst.expectedJourneysInHold(), 1e-9);
    assertEquals(125 + 500, burst.expectedJourneys(), 1e-9);
    assertEquals(Duration.ofSeconds(90), burst.duration());
    long users = gatlingUsers(burst.injection());
    assertEquals(burst.expectedJourneys(), users, burst.expectedJourneys() * 0.01);
    // The held minute alone: Gatling starts 500 journeys in it.
    assertEquals(500, burst.injection()[1].asScala().users());
  }

  @Test
  void burstWithoutRampIsOneConstantStep() {
    Burst burst = Burst.from(settings("loadtest.profiles.burst.ramp", "0s", "loadtest.profiles.burst.hold", "2m",
        "loadtest.profiles.burst.bookings-per-minute", "120"));
    assertEquals(1, burst.injection().length);
    assertEquals(240, gatlingUsers(burst.injection()));
  }

  @Test
  void quietDayEvenlyIs2000ADayAtTheRealRate() {
    Sustained day = Sustained.from(settings("loadtest.profiles.sustained.shape", "even",
        "loadtest.profiles.sustained.compression", "1", "loadtest.profiles.sustained.duration", "24h",
        "loadtest.max-duration", "25h"));
    assertEquals(2000.0 / 86_400, day.perSecondInHour(0), 1e-12);
    assertEquals(2000, day.expectedJourneys(), 1e-6);
    assertEquals(2000, gatlingUsers(day.injection()), 20);
  }

  @Test
  void busyDayPresetIs4000ADay() {
    Sustained day = Sustained.from(settings("loadtest.profiles.sustained.day", "busy-day"));
    assertEquals(4000, day.bookingsPerDay());
    assertEquals(4000, day.expectedJourneys(), 1e-6);
  }

  @Test
  void aNumberOfBookingsADayIsTakenAsIs() {
    assertEquals(3000, Sustained.from(settings("loadtest.profiles.sustained.day", "3000")).bookingsPerDay());
  }

  @Test
  void workingHoursShapeAddsUpToTheDailyTotalWithinOnePercent() {
    for (String day : List.of("quiet-day", "busy-day")) {
      Sustained shaped = Sustained.from(settings("loadtest.profiles.sustained.day", day));
      double total = shaped.bookingsPerDay();
      assertEquals(total, shaped.expectedJourneys(), total * 0.01);
      assertEquals(total, gatlingUsers(shaped.injection()), total * 0.01);
      // Busier at 10:00 than at 03:00.
      assertTrue(shaped.perSecondInHour(10) > 10 * shaped.perSecondInHour(3));
    }
  }

  @Test
  void compressionReplaysTheDayFasterAtAProportionallyHigherRate() {
    Sustained real = Sustained.from(settings("loadtest.profiles.sustained.compression", "1",
        "loadtest.profiles.sustained.duration", "24h", "loadtest.max-duration", "25h"));
    Sustained compressed = Sustained.from(settings());
    assertEquals(144, compressed.compression());
    assertEquals(25, compressed.secondsPerHour(), 1e-9);
    assertEquals(Duration.ofMinutes(10), compressed.duration());
    assertEquals(24, compressed.segments().size());
    for (int hour = 0; hour < 24; hour++) {
      assertEquals(real.perSecondInHour(hour) * 144, compressed.perSecondInHour(hour), 1e-9);
    }
    assertEquals(real.expectedJourneys(), compressed.expectedJourneys(), 1e-6);
  }

  @Test
  void aShorterRunReplaysPartOfTheDayFromTheStartHourWrappingAtMidnight() {
    Sustained part = Sustained.from(settings("loadtest.profiles.sustained.start-hour", "22",
        "loadtest.profiles.sustained.duration", "60s"));
    List<Sustained.Segment> segments = part.segments();
    assertEquals(3, segments.size());
    assertEquals(part.perSecondInHour(22), segments.get(0).perSecond());
    assertEquals(part.perSecondInHour(23), segments.get(1).perSecond());
    assertEquals(part.perSecondInHour(0), segments.get(2).perSecond());
    assertEquals(10, segments.get(2).seconds(), 1e-9);
  }

  @Test
  void loginIsTheClosedModelOfTheOriginalTest() {
    ConcurrentLogins login = ConcurrentLogins.from(settings());
    assertEquals(500, login.users());
    assertEquals(Duration.ofMillis(55_556), login.ramp());
    assertEquals(2, login.injection().length);
    assertEquals(500, login.injection()[1].asScala().valueAt(scala.concurrent.duration.Duration.create(1, "s")));
  }

  @Test
  void wrongProfileValuesAreRefusedInOneLine() {
    assertEquals("loadtest.profiles.burst.bookings-per-minute = '-5': must be above 0 and at most 1000000",
        assertThrows(SettingError.class, () -> Burst.from(settings("loadtest.profiles.burst.bookings-per-minute", "-5"))).getMessage());
    assertEquals("loadtest.profiles.burst.bookings-per-minute = '0': must be above 0 and at most 1000000",
        assertThrows(SettingError.class, () -> Burst.from(settings("loadtest.profiles.burst.bookings-per-minute", "0"))).getMessage());
    assertEquals("loadtest.profiles.burst.bookings-per-minute = '1e9': must be above 0 and at most 1000000",
        assertThrows(SettingError.class, () -> Burst.from(settings("loadtest.profiles.burst.bookings-per-minute", "1e9"))).getMessage().replace("1000000000", "1e9"));
    assertEquals("loadtest.profiles.burst.hold = '0s': must be a duration from 1s to 48h",
        assertThrows(SettingError.class, () -> Burst.from(settings("loadtest.profiles.burst.hold", "0s"))).getMessage());
    assertEquals("loadtest.profiles.sustained.day = 'monday': must be a number of bookings a day or a preset: busy-day, quiet-day",
        assertThrows(SettingError.class, () -> Sustained.from(settings("loadtest.profiles.sustained.day", "monday"))).getMessage());
    assertEquals("loadtest.profiles.sustained.shape = 'flat': must be one of even, working-hours",
        assertThrows(SettingError.class, () -> Sustained.from(settings("loadtest.profiles.sustained.shape", "flat"))).getMessage());
    assertEquals("loadtest.profiles.sustained.hourly-weights = '[1, 2]': must be a list of exactly 24 numbers, has 2",
        assertThrows(SettingError.class, () -> Sustained.from(settings("loadtest.profiles.sustained.hourly-weights.0", "1",
            "loadtest.profiles.sustained.hourly-weights.1", "2"))).getMessage().replace("[1.0, 2.0]", "[1, 2]"));
    assertEquals("loadtest.profiles.sustained.compression = '0.5': must be a number from 1 to 86400",
        assertThrows(SettingError.class, () -> Sustained.from(settings("loadtest.profiles.sustained.compression", "0.5"))).getMessage());
    assertEquals("loadtest.profiles.sustained.start-hour = '24': must be a number from 0 to 23",
        assertThrows(SettingError.class, () -> Sustained.from(settings("loadtest.profiles.sustained.start-hour", "24"))).getMessage());
    assertEquals("loadtest.profiles.login.users = '0': must be a number from 1 to 100000",
        assertThrows(SettingError.class, () -> ConcurrentLogins.from(settings("loadtest.profiles.login.users", "0"))).getMessage());
    assertEquals("loadtest.profiles.login.spawn-rate = '-1': must be above 0 and at most 10000",
        assertThrows(SettingError.class, () -> ConcurrentLogins.from(settings("loadtest.profiles.login.spawn-rate", "-1"))).getMessage());
  }
}
