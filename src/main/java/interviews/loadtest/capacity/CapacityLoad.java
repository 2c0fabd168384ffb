package interviews.loadtest.capacity;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import interviews.loadtest.config.SuiteSettings;
import interviews.loadtest.journeys.Booking;
import interviews.loadtest.journeys.Login;
import interviews.loadtest.journeys.TestData;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The search's Gatling population, fixed when the run is built, steered by an {@link Admission}:
 * one scenario named after the journey, injected as
 *
 * <ul>
 *   <li>the closed model's seats first, all at once (Gatling numbers users 1, 2, ... in the order
 *       it injects them, so users 1 to max-users are the seats): each runs the journey over and
 *       over while its seat is in use, and waits half a second at a time while it is not. A
 *       journey that failed is followed by a pause ({@code afterFailure}, the longest think time):
 *       a recruiter whose login was refused does not try again the same millisecond, and a closed
 *       model whose requests fail at once would otherwise become a storm of them that no step
 *       recovers from;
 *   <li>then journeys arriving at the open model's ceiling rate for the whole search, each run only
 *       if admitted.
 * </ul>
 *
 * Once the search is done every user ends and the first to notice stops the load generator, which
 * ends the run as a success (Gatling's {@code stopLoadGenerator}).
 */
public final class CapacityLoad {

  /** How long an idle seat waits before it asks again. */
  static final Duration SEAT_IDLE = Duration.ofMillis(500);

  private CapacityLoad() {}

  /** The journey the search drives, as a chain. */
  public static ChainBuilder journey(String name, SuiteSettings settings, TestData data) {
    return switch (name) {
      case Booking.NAME -> Booking.chain(settings, data);
      case Login.NAME -> Login.chain(settings, data);
      default -> throw new IllegalArgumentException("no journey " + name);
    };
  }

  /** The population of a search with {@code capacity}'s ceilings; a seat pauses {@code afterFailure} after a failed journey (0: 1 s). */
  public static PopulationBuilder population(CapacitySettings capacity, Admission admission, ChainBuilder journey,
      Duration afterFailure) {
    int seats = capacity.closed() == null ? 0 : capacity.closed().maxUsers();
    Duration backOff = afterFailure.isZero() ? Duration.ofSeconds(1) : afterFailure;
    ChainBuilder seat = asLongAs(session -> !admission.done()).on(
        doIfOrElse(session -> admission.seatActive(session.userId()))
            .then(exec(journey)
                .doIf(Session::isFailed).then(pause(backOff))
                .exec(Session::markAsSucceeded))
            .orElse(pause(SEAT_IDLE)));
    ChainBuilder arrival = doIf(session -> admission.admitArrival()).then(journey);
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (seats > 0) {
      steps.add(atOnceUsers(seats));
    }
    if (capacity.open() != null) {
      steps.add(constantUsersPerSec(capacity.open().maxRate()).during(capacity.runLength()));
    }
    return scenario(capacity.journey())
        .doIfOrElse(session -> session.userId() <= seats).then(seat).orElse(arrival)
        .exec(stopLoadGeneratorIf("capacity search done", session -> admission.done()))
        .injectOpen(steps.toArray(OpenInjectionStep[]::new));
  }
}
