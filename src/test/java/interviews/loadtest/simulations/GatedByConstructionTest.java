package interviews.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.journeys.SmokeTour;
import interviews.loadtest.testing.StubServer;
import io.gatling.core.scenario.SimulationParams;
import io.gatling.http.protocol.HttpProtocol;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.Simulation;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every simulation of the suite carries the suite's protocol, its SLOs as Gatling assertions and
 * its time limit, without saying so itself: each is built here in this JVM, against a stub that
 * answers the health check (no load is sent), and what it hands Gatling is read back.
 */
class GatedByConstructionTest {

  /** The configured SLOs, in their order (by name), as Gatling assertions, spelt out. */
  private static final Assertion ERRORS = global().failedRequests().percent().lt(1.0);
  private static final Assertion NO_FAILURE = global().failedRequests().count().is(0L);
  private static final Assertion NOTIFICATION_LAG = details("Notification lag").responseTime().percentile(95).lt(10_000);
  private static final Assertion RESPONSE_TIME = global().responseTime().percentile(95).lt(2000);

  private StubServer stub;
  private final Map<String, String> properties = Map.of("loadtest.max-duration", "75m");

  /** Gatling's own runner loads its configuration before it builds a simulation; here the test does. */
  @BeforeAll
  static void loadGatlingsConfiguration() {
    if (io.gatling.core.Predef$.MODULE$._configuration() == null) {
      io.gatling.core.Predef$.MODULE$._configuration_$eq(io.gatling.core.config.GatlingConfiguration.load());
    }
  }

  @BeforeEach
  void aimAtTheStub() {
    stub = new StubServer();
    System.setProperty("loadtest.target.base-url", stub.baseUrl());
    properties.forEach(System::setProperty);
  }

  @AfterEach
  void clear() {
    System.clearProperty("loadtest.target.base-url");
    properties.keySet().forEach(System::clearProperty);
    stub.close();
  }

  private static SimulationParams built(Class<? extends Simulation> simulation) throws Exception {
    return simulation.getConstructor().newInstance().params(null);
  }

  private static List<io.gatling.commons.stats.assertion.Assertion> gatling(Assertion... assertions) {
    return Stream.of(assertions).map(Assertion::asScala).toList();
  }

  private void assertGated(Class<? extends Simulation> simulation, Assertion... slos) throws Exception {
    SimulationParams params = built(simulation);
    String name = simulation.getSimpleName();
    assertEquals(gatling(slos), scala.jdk.javaapi.CollectionConverters.asJava(params.assertions()), name + " assertions");
    assertEquals(Duration.ofMinutes(75).toMillis(), params.maxDuration().get().toMillis(), name + " max duration");
    HttpProtocol http = (HttpProtocol) params.globalProtocols().get(HttpProtocol.class).get();
    assertEquals(List.of(stub.baseUrl()), scala.jdk.javaapi.CollectionConverters.asJava(http.baseUrls()), name + " target");
    assertEquals(1, params.rootPopulationBuilders().size(), name + " population");
  }

  @Test
  void theBookingSimulationsAreJudgedByAllThreeSlos() throws Exception {
    assertGated(BurstSimulation.class, ERRORS, NOTIFICATION_LAG, RESPONSE_TIME);
    assertGated(SustainedSimulation.class, ERRORS, NOTIFICATION_LAG, RESPONSE_TIME);
  }

  @Test
  void withMaxDurationAutoEachRunStopsTenMinutesAfterItsProfile() throws Exception {
    System.setProperty("loadtest.max-duration", "auto");
    System.setProperty("loadtest.profiles.sustained.duration", "20m");
    try {
      // Burst: ramp 30 s, hold 60 s; Sustained: 20 min.
      assertEquals(Duration.ofSeconds(90).plusMinutes(10).toMillis(), built(BurstSimulation.class).maxDuration().get().toMillis());
      assertEquals(Duration.ofMinutes(30).toMillis(), built(SustainedSimulation.class).maxDuration().get().toMillis());
    } finally {
      System.clearProperty("loadtest.profiles.sustained.duration");
    }
  }

  @Test
  void loginHasNoNotificationLagToJudge() throws Exception {
    assertGated(LoginSimulation.class, ERRORS, RESPONSE_TIME);
  }

  @Test
  void smokeAllowsNotASingleFailure() throws Exception {
    assertGated(SmokeSimulation.class, NO_FAILURE, NOTIFICATION_LAG, RESPONSE_TIME);
  }

  @Test
  void capacityJudgesItsStepsNotTheRun() throws Exception {
    // It overloads the target on purpose: the SLOs judge each step (capacity/StepJudge), so the
    // run carries no assertion; protocol, target and time limit are the suite's as for every run.
    assertGated(CapacitySimulation.class);
  }

  @Test
  void everySimulationOfTheSuiteIsASuiteSimulation() throws Exception {
    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/interviews/loadtest/simulations"))) {
      for (Path file : files.toList()) {
        Class<?> type = Class.forName("interviews.loadtest.simulations." + file.getFileName().toString().replace(".java", ""));
        if (Simulation.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
          assertTrue(SuiteSimulation.class.isAssignableFrom(type), type + " is no SuiteSimulation");
          checked.add(type.getSimpleName());
        }
      }
    }
    assertEquals(List.of("BurstSimulation", "CapacitySimulation", "LoginSimulation", "SmokeSimulation", "SustainedSimulation"),
        checked.stream().sorted().toList(), "the five above");
  }

  /** A simulation that would set itself up, its own way: Gatling allows one setUp, and SuiteSimulation's comes first. */
  public static class SelfMadeSimulation extends SuiteSimulation {
    public SelfMadeSimulation() {
      super(run -> {
        run.announce("one recruiter", Duration.ZERO);
        return SmokeTour.journey(run.settings(), run.data()).injectOpen(atOnceUsers(1));
      });
      var settings = interviews.loadtest.config.TestConfigs.suite();
      setUp(SmokeTour.journey(settings, interviews.loadtest.journeys.TestData.load(settings)).injectOpen(atOnceUsers(1)));
    }
  }

  @Test
  void noSimulationCanSetItselfUpAroundTheGate() {
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, SelfMadeSimulation::new);
    assertEquals("Can only call setUp once", e.getMessage());
  }
}
