package interviews.loadtest.profiles;

import static interviews.loadtest.config.TestConfigs.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    Sustained day = Sustained.from(settings("loadtest.profiles.sustained.day", "busy-day",
        "loadtest.profiles.sustained.duration", "24h"));
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
      Sustained shaped = Sustained.from(settings("loadtest.profiles.sustained.day", day, COMPRESSION, "144",
          DURATION, "10m"));
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
    Sustained compressed = Sustained.from(settings(COMPRESSION, "144", DURATION, "10m"));
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
        "loadtest.profiles.sustained.duration", "60s", COMPRESSION, "144"));
    List<Sustained.Segment> segments = part.segments();
    assertEquals(3, segments.size());
    assertEquals(part.perSecondInHour(22), segments.get(0).perSecond());
    assertEquals(part.perSecondInHour(23), segments.get(1).perSecond());
    assertEquals(part.perSecondInHour(0), segments.get(2).perSecond());
    assertEquals(10, segments.get(2).seconds(), 1e-9);
  }

  static final String COMPRESSION = "loadtest.profiles.sustained.compression";
  static final String DURATION = "loadtest.profiles.sustained.duration";

  @Test
  void byDefaultSustainedIsOneRealTimeHourFromTheBusiestHour() {
    Sustained quiet = Sustained.from(settings());
    assertEquals(1, quiet.compression());
    assertEquals(Duration.ofHours(1), quiet.duration());
    // Working hours: 10 is the highest weight, first at 09:00; the day's weights add up to 95.2.
    assertEquals(9, quiet.busiestHour());
    assertEquals(9, quiet.startHour());
    assertEquals(1, quiet.segments().size());
    assertEquals(2000 * 10 / 95.2 / 3600, quiet.peakPerSecond(), 1e-9);
    assertEquals(quiet.peakPerSecond(), quiet.meanPerSecond(), 1e-9);
    assertEquals(2000 * 10 / 95.2, quiet.expectedJourneys(), 1e-6);
    assertEquals(quiet.expectedJourneys(), gatlingUsers(quiet.injection()), 1);

    Sustained busy = Sustained.from(settings("loadtest.profiles.sustained.day", "busy-day"));
    assertEquals(420.2, busy.expectedJourneys(), 0.1);
    assertEquals(0.1167, busy.peakPerSecond(), 1e-4);
    assertEquals(0.1167 / 8.3333, busy.peakToBurst(), 1e-4);
    assertFalse(busy.heavierThanBurst());
    assertEquals("real time: peak 0.117/s = 0.014 x Burst, mean 0.117/s", busy.rates());
    assertEquals("Sustained: real time: peak 0.117/s = 0.014 x Burst, mean 0.117/s; 4000 bookings a day, working-hours, "
        + "3600s from 09:00 UTC, the busiest hour (an hour lasts 3600s), 420 journeys", busy.describe());
    assertEquals("real time: peak 0.0584/s = 0.0070 x Burst, mean 0.0584/s", quiet.rates());
  }

  @Test
  void theBusiestHourIsFoundFromTheWeightsAndAnHourCanStillBeGivenAsANumber() {
    String[] weights = new String[48];
    for (int hour = 0; hour < 24; hour++) {
      weights[2 * hour] = "loadtest.profiles.sustained.hourly-weights." + hour;
      weights[2 * hour + 1] = hour == 17 || hour == 20 ? "5" : "1";
    }
    Sustained evening = Sustained.from(settings(weights));
    assertEquals(17, evening.startHour());
    // The weights add up to 32: the quiet day's 2,000 bookings, 5/32 of them in that hour.
    assertEquals(2000.0 * 5 / 32 / 3600, evening.peakPerSecond(), 1e-12);
    assertEquals(0, Sustained.from(settings("loadtest.profiles.sustained.shape", "even")).startHour(), "even: the first hour");
    Sustained fromTen = Sustained.from(settings("loadtest.profiles.sustained.start-hour", "10"));
    assertEquals(10, fromTen.startHour());
    assertTrue(fromTen.describe().contains("from 10:00 UTC (an hour"), fromTen.describe());
    // Two hours from 16:00: the peak is the busier hour, the mean the two hours' average.
    Sustained two = Sustained.from(settings("loadtest.profiles.sustained.start-hour", "16", DURATION, "2h"));
    assertEquals(two.perSecondInHour(16), two.peakPerSecond(), 1e-12);
    assertEquals((two.perSecondInHour(16) + two.perSecondInHour(17)) / 2, two.meanPerSecond(), 1e-12);
  }

  @Test
  void theCompressedDaySaysItIsTwiceTheBurstRateOnABusyDay() {
    Sustained busy = Sustained.from(settings("loadtest.profiles.sustained.day", "busy-day", COMPRESSION, "144", DURATION, "10m"));
    assertEquals(4000 * 10 / 95.2 / 25, busy.peakPerSecond(), 1e-9);
    assertTrue(busy.heavierThanBurst());
    assertEquals(4000.0 / 600, busy.meanPerSecond(), 1e-9);
    assertEquals("compressed 144x: peak 16.8/s = 2.0 x Burst, mean 6.67/s", busy.rates());
    assertTrue(busy.describe().startsWith("Sustained: compressed 144x: peak 16.8/s = 2.0 x Burst, mean 6.67/s; "
        + "4000 bookings a day, working-hours, 600s from 09:00 UTC, the busiest hour (an hour lasts 25s), 4000 journeys"),
        busy.describe());
    Sustained quiet = Sustained.from(settings(COMPRESSION, "144", DURATION, "10m"));
    assertEquals("compressed 144x: peak 8.4/s = 1.0 x Burst, mean 3.33/s", quiet.rates());
    assertTrue(quiet.heavierThanBurst(), "8.40/s is above Burst's 8.33/s");
    // The ratio is to Burst's configured rate.
    Sustained twiceTheBurst = Sustained.from(settings("loadtest.profiles.sustained.day", "busy-day", COMPRESSION, "144",
        DURATION, "10m", "loadtest.profiles.burst.bookings-per-minute", "1000"));
    assertEquals("compressed 144x: peak 16.8/s = 1.0 x Burst, mean 6.67/s", twiceTheBurst.rates());
    assertTrue(twiceTheBurst.heavierThanBurst(), "16.8/s is above 16.67/s");
    assertFalse(Sustained.from(settings(COMPRESSION, "60", DURATION, "10m")).heavierThanBurst());
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
    assertEquals("loadtest.profiles.sustained.start-hour = '24': must be busiest or a whole hour from 0 to 23",
        assertThrows(SettingError.class, () -> Sustained.from(settings("loadtest.profiles.sustained.start-hour", "24"))).getMessage());
    assertEquals("loadtest.profiles.sustained.start-hour = 'noon': must be busiest or a whole hour from 0 to 23",
        assertThrows(SettingError.class, () -> Sustained.from(settings("loadtest.profiles.sustained.start-hour", "noon"))).getMessage());
    assertEquals("loadtest.profiles.sustained.duration = '0s': must be a duration from 1s to 48h",
        assertThrows(SettingError.class, () -> Sustained.from(settings(DURATION, "0s"))).getMessage());
    assertEquals("loadtest.profiles.login.users = '0': must be a number from 1 to 100000",
        assertThrows(SettingError.class, () -> ConcurrentLogins.from(settings("loadtest.profiles.login.users", "0"))).getMessage());
    assertEquals("loadtest.profiles.login.spawn-rate = '-1': must be above 0 and at most 10000",
        assertThrows(SettingError.class, () -> ConcurrentLogins.from(settings("loadtest.profiles.login.spawn-rate", "-1"))).getMessage());
  }
}
