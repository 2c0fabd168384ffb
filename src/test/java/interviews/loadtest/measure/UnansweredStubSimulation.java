package interviews.loadtest.measure;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.RunInfo;
import interviews.loadtest.results.RunResults;
import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Requests that get no answer: each user sends "answered" (GET /ok of {@code -Dtest.baseUrl}, a
 * StubServer), "refused" (to {@code -Dtest.closedPort} on 127.0.0.1, where nothing listens) and
 * "timed out" (GET /slow, which the stub answers after longer than the request's own
 * {@link #TIMEOUT}). Two thirds of the requests fail without a response.
 */
public class UnansweredStubSimulation extends Simulation {

  static final int USERS = 12;
  static final Duration TIMEOUT = Duration.ofSeconds(1);
  /** Latency SLO every run breaches once the timed-out third counts: its p95 waited at least {@link #TIMEOUT}. */
  static final Slo P95 = Slo.global(Metric.P95, TIMEOUT.toMillis() / 2.0);

  private final String baseUrl = System.getProperty("test.baseUrl");
  private final String refusedUrl = "http://127.0.0.1:" + System.getProperty("test.closedPort") + "/ok";
  HttpProtocolBuilder protocol = Measured.protocol(http.baseUrl(baseUrl));

  ScenarioBuilder scn =
      scenario("Unanswered")
          .exec(Measured.startJourney("Unanswered"))
          .exec(Measured.request(http("answered").get("/ok").check(status().is(200))))
          .exec(Measured.request(http("refused").get(refusedUrl).check(status().is(200))))
          .exec(Measured.request(http("timed out").get("/slow").requestTimeout(TIMEOUT).check(status().is(200))))
          .exec(Measured.endJourney("Unanswered"));

  {
    setUp(scn.injectOpen(atOnceUsers(USERS))).protocols(protocol);
  }

  @Override
  public void before() {
    RunResults.begin(RunInfo.of(getClass().getSimpleName(), baseUrl, USERS + " users at once", Map.of(),
        List.of(P95)), ResultsSettings.from(com.typesafe.config.ConfigFactory.parseString(
            "loadtest.results { console-interval = 0s, prometheus.enabled = false }")));
  }

  @Override
  public void after() {
    RunResults.finish();
  }
}
