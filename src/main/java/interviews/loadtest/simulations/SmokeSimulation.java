package interviews.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;

import interviews.loadtest.journeys.SmokeTour;
import java.time.Duration;

/** One recruiter, every endpoint, every expected error: not one request may fail. */
public class SmokeSimulation extends SuiteSimulation {

  public SmokeSimulation() {
    super(run -> {
      run.noFailuresAllowed();
      run.announce("Smoke: one recruiter visits every endpoint once", Duration.ZERO);
      return SmokeTour.journey(run.settings(), run.data()).injectOpen(atOnceUsers(1));
    });
  }
}
