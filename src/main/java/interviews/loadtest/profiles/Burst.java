package interviews.loadtest.profiles;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import interviews.loadtest.config.Settings;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The booking burst, an open model: journeys start at a rate ramped from 0 up to
 * {@code bookingsPerMinute} over {@code ramp}, then held for {@code hold}, whatever the
 * system's response times (new recruiters keep arriving when it slows down, as in production).
 *
 * <p>Example: 500 a minute, ramp 30 s, hold 60 s: 8.33 journeys a second, 125 during the ramp
 * and 500 in the held minute.
 */
public record Burst(double bookingsPerMinute, Duration ramp, Duration hold) {

  /** Reads {@code loadtest.profiles.burst}. */
  public static Burst from(Settings s) {
    return new Burst(
        s.positive("loadtest.profiles.burst.bookings-per-minute", 1_000_000),
        s.duration("loadtest.profiles.burst.ramp", Duration.ZERO, Duration.ofHours(24)),
        s.duration("loadtest.profiles.burst.hold", Duration.ofSeconds(1), Duration.ofHours(48)));
  }

  /** Journeys started per second once the ramp is done. */
  public double perSecond() {
    return bookingsPerMinute / 60.0;
  }

  /** Journeys the profile starts in all: half the rate over the ramp, the full rate over the hold. */
  public double expectedJourneys() {
    return perSecond() * seconds(ramp) / 2 + expectedJourneysInHold();
  }

  /** Journeys started while the rate is held. */
  public double expectedJourneysInHold() {
    return perSecond() * seconds(hold);
  }

  /** How long injection lasts. */
  public Duration duration() {
    return ramp.plus(hold);
  }

  /** Gatling's injection steps. */
  public OpenInjectionStep[] injection() {
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (!ramp.isZero()) {
      steps.add(rampUsersPerSec(0).to(perSecond()).during(ramp));
    }
    steps.add(constantUsersPerSec(perSecond()).during(hold));
    return steps.toArray(OpenInjectionStep[]::new);
  }

  /** One line for the console and the run summary. */
  public String describe() {
    return String.format(java.util.Locale.ROOT,
        "Burst: ramp 0 -> %.2f bookings/s over %ds, hold %ds (%.0f journeys in the hold, %.0f in all)",
        perSecond(), ramp.toSeconds(), hold.toSeconds(), expectedJourneysInHold(), expectedJourneys());
  }

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
