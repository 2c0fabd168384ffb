package interviews.loadtest.measure;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.RunInfo;
import interviews.loadtest.results.RunResults;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A run cut by Gatling's maxDuration while answers keep arriving: new users every 50 ms send
 * "slow" requests to {@code -Dtest.baseUrl} (a StubServer answering /slow after its
 * {@code slowMillis}) for far longer than {@link #MAX_DURATION}.
 */
public class CutStubSimulation extends Simulation {

  static final Duration MAX_DURATION = Duration.ofSeconds(2);

  private final String baseUrl = System.getProperty("test.baseUrl");
  HttpProtocolBuilder protocol = Measured.protocol(http.baseUrl(baseUrl));

  ScenarioBuilder scn =
      scenario("Cut")
          .exec(Measured.startJourney("Cut"))
          .repeat(20).on(exec(Measured.request(http("slow").get("/slow").check(status().is(200)))))
          .exec(Measured.endJourney("Cut"));

  {
    setUp(scn.injectOpen(constantUsersPerSec(20).during(Duration.ofSeconds(60))))
        .protocols(protocol)
        .maxDuration(MAX_DURATION);
  }

  @Override
  public void before() {
    RunResults.begin(RunInfo.of(getClass().getSimpleName(), baseUrl, "cut at " + MAX_DURATION, Map.of(), List.of()),
        ResultsSettings.from(com.typesafe.config.ConfigFactory.parseString(
            "loadtest.results { console-interval = 0s, prometheus.enabled = false }")));
  }

  @Override
  public void after() {
    RunResults.finish();
  }
}
