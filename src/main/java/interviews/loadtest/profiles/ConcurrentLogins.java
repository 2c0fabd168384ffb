package interviews.loadtest.profiles;

import interviews.loadtest.journeys.Login;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;

import interviews.loadtest.config.Settings;
import io.gatling.javaapi.core.ClosedInjectionStep;
import java.time.Duration;
import java.util.Locale;

/**
 * The original login test, a closed model: recruiters are added {@code spawnRate} a second until
 * {@code users} are logged in at once, then that many are kept busy for {@code hold}. A recruiter
 * who finishes is replaced at once, so the load follows the system's speed.
 *
 * <p>Example: 500 users at 9 a second: 55.6 s of ramp, then 500 concurrent for the hold.
 */
public record ConcurrentLogins(int users, double spawnRate, Duration hold) {

  /** Reads {@code loadtest.profiles.login}. */
  public static ConcurrentLogins from(Settings s) {
    return new ConcurrentLogins(
        s.whole("loadtest.profiles.login.users", 1, 100_000),
        s.positive("loadtest.profiles.login.spawn-rate", 10_000),
        s.duration("loadtest.profiles.login.hold", Duration.ZERO, Duration.ofHours(48)));
  }

  /** How long it takes to reach all users. */
  public Duration ramp() {
    return Duration.ofMillis(Math.round(users / spawnRate * 1000));
  }

  /** How long injection lasts. */
  public Duration duration() {
    return ramp().plus(hold);
  }

  /** Gatling's injection steps. */
  public ClosedInjectionStep[] injection() {
    if (hold.isZero()) {
      return new ClosedInjectionStep[] {rampConcurrentUsers(0).to(users).during(ramp())};
    }
    return new ClosedInjectionStep[] {
        rampConcurrentUsers(0).to(users).during(ramp()),
        constantConcurrentUsers(users).during(hold)};
  }

  /** One line for the console and the run summary. */
  public String describe() {
    return String.format(Locale.ROOT, "Login: ramp to %d concurrent recruiters at %.1f/s (%.1fs), hold %ds",
        users, spawnRate, ramp().toMillis() / 1000.0, hold.toSeconds());
  }
}
