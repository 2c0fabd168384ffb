package interviews.loadtest.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;

import interviews.loadtest.config.SuiteSettings.ThinkTime;
import io.gatling.javaapi.core.ChainBuilder;

/** A recruiter's pause between two steps. */
public final class Think {

  private Think() {}

  /** Uniform between min and max; no pause at all when max is 0. Example: {@code Think.between(settings.thinkTime())}. */
  public static ChainBuilder between(ThinkTime time) {
    if (time.max().isZero()) {
      return exec(session -> session);
    }
    return time.min().equals(time.max()) ? pause(time.min()) : pause(time.min(), time.max());
  }
}
