package interviews.loadtest.simulations;

import interviews.loadtest.journeys.Login;
import interviews.loadtest.profiles.ConcurrentLogins;

/** The original login test: 500 concurrent recruiters spawned 9 a second, thinking 1-3 s. */
public class LoginSimulation extends SuiteSimulation {

  public LoginSimulation() {
    super(run -> {
      ConcurrentLogins profile = run.profile(ConcurrentLogins::from);
      run.requireAccounts(profile.users(), "loadtest.profiles.login.users");
      run.announce(profile.describe(), profile.duration());
      return Login.journey(run.settings(), run.data()).injectClosed(profile.injection());
    });
  }
}
