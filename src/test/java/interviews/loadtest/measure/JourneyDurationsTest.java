package interviews.loadtest.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Journeys' durations are kept per journey beside their counts, which they leave as they were. */
class JourneyDurationsTest {

  @Test
  void eachJourneyKeepsItsDurationsAndTheCountsStayAsTheyWere() {
    Measurements m = new Measurements(0);
    for (int i = 1; i <= 100; i++) {
      m.journeyStarted("Booking");
      m.journeyEnded("Booking", i * 100L);
    }
    m.journeyStarted("Login");
    m.journeyEnded("Login", 40);
    m.journeyStarted("Login");
    m.journeyEnded("Login");

    Histogram booking = m.journeyDurations("Booking");
    assertEquals(100, booking.getTotalCount());
    assertEquals(9500, booking.getValueAtPercentile(95), 9500 * 0.001);
    assertEquals(1, m.journeyDurations("Login").getTotalCount(), "a journey ended without its duration is counted only");
    assertEquals(0, m.journeyDurations("Nobody").getTotalCount());
    assertEquals(new Measurements.Journeys(102, 102), m.journeys());
    assertEquals(new Measurements.Journeys(2, 2), m.journeysByName().get("Login"));
    assertEquals(102, m.tick(1000, null).journeysEnded(), "every end counts in the second's row, with a duration or without");
  }

  @Test
  void aCopyIsNotChangedByLaterJourneys() {
    Measurements m = new Measurements(0);
    m.journeyEnded("Booking", 5000);
    Histogram before = m.journeyDurations("Booking");
    m.journeyEnded("Booking", 7000);
    assertEquals(1, before.getTotalCount());
    assertEquals(2, m.journeyDurations("Booking").getTotalCount());
  }
}
