package interviews.loadtest.journeys;

import interviews.loadtest.config.SuiteSettings;
import java.util.List;
import java.util.Map;

/** The feeders and body templates of one run, read and checked once before any load. */
public record TestData(
    List<Map<String, Object>> users,
    List<Map<String, Object>> candidates,
    String loginBody,
    String bookingBody) {

  /** Reads every file named in {@code loadtest.feeders}. */
  public static TestData load(SuiteSettings settings) {
    SuiteSettings.FeederFiles files = settings.feeders();
    return new TestData(
        Feeders.users("loadtest.feeders.users", files.users()),
        Feeders.candidates("loadtest.feeders.candidates", files.candidates()),
        Feeders.template("loadtest.feeders.login-body", files.loginBody()),
        Feeders.template("loadtest.feeders.booking-body", files.bookingBody()));
  }
}
