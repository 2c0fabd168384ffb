package interviews.loadtest.testing;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/** 2 s of plain Gatling (no measurement layer) against {@code -Dtest.baseUrl}: 40 OK, 40 KO. */
public class RunnerSmokeSimulation extends Simulation {
  HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("test.baseUrl")).disableWarmUp();
  ScenarioBuilder scn =
      scenario("Smoke")
          .exec(http("ok").get("/ok").check(status().is(200)))
          .exec(http("bad").get("/fail").check(status().is(200)));

  {
    setUp(scn.injectOpen(constantUsersPerSec(20).during(Duration.ofSeconds(2))))
        .protocols(protocol);
  }
}
