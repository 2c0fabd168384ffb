package interviews.loadtest.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import interviews.loadtest.config.SuiteSettings;
import interviews.loadtest.measure.Measured;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.List;

/** The original login test: a recruiter from the accounts feeder logs in, then thinks. */
public final class Login {

  /** The journey's name in the report and the run summary. */
  public static final String NAME = "Login";

  /** What the journey records: its one request (see {@link Scopes}). */
  public static final List<String> SCOPES = List.of(Requests.LOG_IN);

  private Login() {}

  /** The journey as a scenario. */
  public static ScenarioBuilder journey(SuiteSettings settings, TestData data) {
    return scenario(NAME).exec(chain(settings, data));
  }

  /** The journey as a chain, counted from start to end. */
  public static ChainBuilder chain(SuiteSettings settings, TestData data) {
    Requests requests = new Requests(settings, data);
    return exec(Measured.startJourney(NAME))
        .exec(feed(listFeeder(data.users()).circular()))
        .exec(requests.logIn())
        .exec(Think.between(settings.thinkTime()))
        .exec(Measured.endJourney(NAME));
  }
}
