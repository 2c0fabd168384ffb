package interviews.loadtest.slo;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import com.typesafe.config.ConfigFactory;
import interviews.loadtest.measure.Measured;
import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.RunInfo;
import interviews.loadtest.results.RunResults;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** 20 users/s for up to 30 s against {@code -Dtest.baseUrl}/ok, judged by {@link #SLOS}. */
public class WatchdogStubSimulation extends Simulation {

  /** The run's SLOs: those with abort-on-fail are watched. */
  static volatile List<Slo> SLOS = List.of();

  static final ResultsSettings SETTINGS = ResultsSettings.from(ConfigFactory.parseString(
      "loadtest.results { console-interval = 1s, prometheus.enabled = false }"));

  private final String baseUrl = System.getProperty("test.baseUrl");
  HttpProtocolBuilder protocol = Measured.protocol(http.baseUrl(baseUrl));

  ScenarioBuilder scn =
      scenario("Watched")
          .exec(Measured.startJourney("Watched"))
          .exec(Measured.request(http("ok").get("/ok").check(status().is(200))))
          .exec(Measured.endJourney("Watched"));

  {
    setUp(scn.injectOpen(constantUsersPerSec(20).during(Duration.ofSeconds(30))))
        .protocols(protocol)
        .maxDuration(Duration.ofSeconds(40));
  }

  @Override
  public void before() {
    RunResults.begin(RunInfo.of(getClass().getSimpleName(), baseUrl, "20 users/s, 30 s", Map.of(), SLOS), SETTINGS);
  }

  @Override
  public void after() {
    RunResults.finish();
  }
}
