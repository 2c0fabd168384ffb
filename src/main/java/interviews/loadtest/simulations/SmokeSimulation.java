package interviews.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;

import interviews.loadtest.journeys.SmokeTour;
import java.time.Duration;

/** One recruiter, every endpoint, every expected error: not one request may fail. */
public class SmokeSimulation extends SuiteSimulation {

  {
    run.noFailuresAllowed();
    run.announce("Smoke: one recruiter visits every endpoint once", Duration.ZERO);
    setUp(SmokeTour.journey(run.settings(), run.data()).injectOpen(atOnceUsers(1)))
        .protocols(run.protocol())
        .assertions(run.slos())
        .maxDuration(run.maxDuration());
  }
}
