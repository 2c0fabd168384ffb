package interviews.loadtest.measure;

import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.RunInfo;
import interviews.loadtest.results.RunResults;
import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A tiny simulation through the measurement layer against {@code -Dtest.baseUrl} (a StubServer):
 * /mixed answers 200, 500 (10 %), 409 (10 %, accepted as a race) and slow 200s; /ok answers 200;
 * /fail answers 500. The test sets {@link #SETTINGS}, {@link #USERS_PER_SEC} and {@link #SECONDS}.
 */
public class MeasuredStubSimulation extends Simulation {

  static volatile ResultsSettings SETTINGS = ResultsSettings.defaults();
  static volatile int USERS_PER_SEC = 30;
  static volatile int SECONDS = 4;
  static volatile int LOOPS = 1;

  static final List<Slo> SLOS = List.of(
      Slo.global(Metric.P95, 5000),
      Slo.of("mixed", Metric.ERROR_RATE, 0.01),
      Slo.of(Slo.EACH_REQUEST, Metric.P99, 10_000),
      Slo.of("never requested", Metric.P50, 100));

  private final String baseUrl = System.getProperty("test.baseUrl");
  HttpProtocolBuilder protocol = Measured.protocol(http.baseUrl(baseUrl));

  ScenarioBuilder scn =
      scenario("Stub journey")
          .exec(Measured.startJourney("Mixed"))
          .repeat(LOOPS).on(
              exec(Measured.request(http("mixed").get("/mixed").check(status().in(200, 409))))
                  .exec(Measured.request(http("ok").get("/ok").check(status().is(200))))
                  .exec(Measured.request(http("Book slot").post("/ok").body(StringBody("{}")).check(status().is(201)))))
          .exec(Measured.endJourney("Mixed"));

  {
    setUp(scn.injectOpen(constantUsersPerSec(USERS_PER_SEC).during(Duration.ofSeconds(SECONDS))))
        .protocols(protocol);
  }

  @Override
  public void before() {
    RunResults.begin(
        RunInfo.of(getClass().getSimpleName(), baseUrl, USERS_PER_SEC + " users/s for " + SECONDS + " s",
            Map.of("users", USERS_PER_SEC, "db", Map.of("password", "not-a-real-one", "url", "jdbc:h2:mem:x")),
            SLOS),
        SETTINGS);
  }

  @Override
  public void after() {
    RunResults.finish();
  }
}
