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
import java.util.List;
import java.util.Map;

/**
 * A journey left at its first failure, as the Booking journey is: {@code exitBlockOnFail} around
 * "ok", "fail" (a 500) and "never" against {@code -Dtest.baseUrl} (a StubServer). 20 users.
 */
public class ExitBlockStubSimulation extends Simulation {

  static final int USERS = 20;

  private final String baseUrl = System.getProperty("test.baseUrl");
  HttpProtocolBuilder protocol = Measured.protocol(http.baseUrl(baseUrl));

  ScenarioBuilder scn =
      scenario("Left at its first failure")
          .exec(Measured.startJourney("Exit"))
          .exitBlockOnFail().on(
              exec(Measured.request(http("ok").get("/ok").check(status().is(200))))
                  .exec(Measured.request(http("fail").get("/fail").check(status().is(200))))
                  .exec(Measured.request(http("never").get("/ok").check(status().is(200)))))
          .exec(Measured.endJourney("Exit"));

  {
    setUp(scn.injectOpen(atOnceUsers(USERS))).protocols(protocol);
  }

  @Override
  public void before() {
    RunResults.begin(RunInfo.of(getClass().getSimpleName(), baseUrl, USERS + " users at once", Map.of(),
        List.of(Slo.global(Metric.ERROR_RATE, 0.5))), ResultsSettings.defaults());
  }

  @Override
  public void after() {
    RunResults.finish();
  }
}
