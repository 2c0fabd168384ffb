package interviews.loadtest.simulations;

import interviews.loadtest.journeys.Login;
import interviews.loadtest.profiles.ConcurrentLogins;
import interviews.loadtest.run.SuiteRun;
import io.gatling.javaapi.core.Simulation;

/** The original login test: 500 concurrent recruiters spawned 9 a second, thinking 1-3 s. */
public class LoginSimulation extends Simulation {

  private final SuiteRun run = SuiteRun.open(LoginSimulation.class);
  private final ConcurrentLogins profile = ConcurrentLogins.from(run.settings().settings());

  {
    run.requireAccounts(profile.users(), "loadtest.profiles.login.users");
    run.announce(profile.describe(), profile.duration());
    setUp(Login.journey(run.settings(), run.data()).injectClosed(profile.injection()))
        .protocols(run.protocol())
        .assertions(run.slos())
        .maxDuration(run.maxDuration());
  }

  @Override
  public void before() {
    run.begin();
  }

  @Override
  public void after() {
    run.finish();
  }
}
