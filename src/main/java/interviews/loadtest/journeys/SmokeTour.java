package interviews.loadtest.journeys;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import interviews.loadtest.config.SuiteSettings;
import interviews.loadtest.config.SuiteSettings.ApiSettings;
import interviews.loadtest.measure.Measured;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.Http;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One recruiter visits every endpoint once, with the error answers the contract promises: the
 * gate before a heavy run. Every request states the status it expects, so any surprise is a
 * failed request in the report. Where the contract allows more than one answer (a second cancel:
 * 204 or 404; a booking of an unknown slot: 400 or 404), each passes and the console says which
 * this target gave: Smoke checks the contract, not one implementation of it.
 */
public final class SmokeTour {

  /** The journey's name in the report and the run summary. */
  public static final String NAME = "Smoke";

  /** Session key of the status a request with several allowed answers got. */
  private static final String ANSWER = "smokeAnswer";

  /** An id no test environment has. */
  static final long UNKNOWN_ID = 2_147_483_647L;

  /** What the tour records: each of its requests, and the notification group (see {@link Scopes}). */
  public static final List<String> SCOPES = List.of(Requests.HEALTH,
      expected("Log in with a wrong password", 401), expected("Log in with malformed JSON", 400), Requests.LOG_IN,
      expected("List slots without a token", 401), expected("List slots with an unknown token", 401),
      expected("List slots with limit=0", 400), Requests.LIST_SLOTS, expected("Book an unknown slot", 400, 404),
      Requests.BOOK, expected("Book the same slot again", 409),
      Booking.NOTIFICATION_LAG, Requests.READ, Requests.POLL,
      expected("Read an unknown interview", 404), Requests.CANCEL, expected("Cancel the same interview again", 204, 404));

  private SmokeTour() {}

  /** The tour as a scenario. */
  public static ScenarioBuilder journey(SuiteSettings settings, TestData data) {
    Requests requests = new Requests(settings, data);
    ApiSettings paths = requests.settings();
    String unknownSlotBooking = "{\"slot_id\": " + UNKNOWN_ID
        + ", \"candidate_name\": #{candidate_name.jsonStringify()}, \"candidate_email\": #{candidate_email.jsonStringify()},"
        + " \"position\": #{position.jsonStringify()}}";
    ChainBuilder tour = exec(Measured.request(http(Requests.HEALTH).get(paths.healthPath()).check(status().is(200), jsonPath("$.status").is("ok"))))
        .exec(feed(listFeeder(data.users()).circular()))
        .exec(feed(listFeeder(data.candidates()).circular()))
        .exec(session -> session.set("wrongPassword", "wrong-" + session.getString("password")))
        .exec(expect(401, "Log in with a wrong password", h -> h.post(paths.loginPath())
            .body(StringBody("{\"email\": #{email.jsonStringify()}, \"password\": #{wrongPassword.jsonStringify()}}")).asJson()))
        .exec(expect(400, "Log in with malformed JSON", h -> h.post(paths.loginPath())
            .body(StringBody("{\"email\": ")).asJson()))
        .exec(requests.logIn())
        .exec(expect(401, "List slots without a token", h -> h.get(paths.slotsPath())))
        .exec(expect(401, "List slots with an unknown token", h -> h.get(paths.slotsPath())
            .header("Authorization", paths.authScheme() + " not-a-token")))
        .exec(expect(400, "List slots with limit=0", h -> h.get(paths.slotsPath() + "?limit=0")
            .header("Authorization", requests.authorization())))
        .exec(requests.listFreeSlots())
        .exec(session -> Booking.pickSlot(session.set(Requests.BOOK_ATTEMPT, 0)))
        .exec(expectOneOf(List.of(400, 404), "Book an unknown slot", h -> h.post(paths.interviewsPath())
            .body(StringBody(unknownSlotBooking)).asJson().header("Authorization", requests.authorization())))
        .exec(Measured.request(requests.bookRequest().check(status().is(201))))
        .exec(expect(409, "Book the same slot again", h -> h.post(paths.interviewsPath())
            .body(StringBody(data.bookingBody())).asJson().header("Authorization", requests.authorization())))
        .exec(Booking.waitForNotification(requests, settings.booking()))
        .exec(expect(404, "Read an unknown interview", h -> h.get(paths.interviewPath(UNKNOWN_ID))
            .header("Authorization", requests.authorization())))
        .exec(requests.cancel())
        .exec(expectOneOf(List.of(204, 404), "Cancel the same interview again", h -> h
            .delete(session -> paths.interviewPath(session.getLong(Requests.INTERVIEW_ID)))
            .header("Authorization", requests.authorization())));
    // A failed step ends the tour: the next ones would only fail for want of a token or a booking.
    return scenario(NAME)
        .exec(Measured.startJourney(NAME))
        .exitBlockOnFail().on(tour)
        .exec(Measured.endJourney(NAME));
  }

  /** A request that must be answered with {@code status}, named after what it does. */
  private static ChainBuilder expect(
      int expected, String what, Function<Http, HttpRequestActionBuilder> request) {
    return Measured.request(request.apply(http(expected(what, expected))).check(status().is(expected)));
  }

  /** A request's name in the report: what it does, and the answers it expects, "... (400 or 404)". */
  static String expected(String what, Integer... answers) {
    return what + " (" + java.util.Arrays.stream(answers).map(String::valueOf).collect(Collectors.joining(" or ")) + ")";
  }

  /**
   * A request the contract allows several answers to (a second cancel may be idempotent, 204, or
   * not, 404): any of them passes, and the console says which one this target gave.
   */
  private static ChainBuilder expectOneOf(
      List<Integer> allowed, String what, Function<Http, HttpRequestActionBuilder> request) {
    String alternatives = allowed.stream().map(String::valueOf).collect(Collectors.joining(" or "));
    return Measured.request(request.apply(http(expected(what, allowed.toArray(Integer[]::new))))
            .check(status().in(allowed).saveAs(ANSWER)))
        .exec(session -> {
          if (session.contains(ANSWER)) {
            System.out.println("[loadtest] Smoke: " + what + " answered " + session.getInt(ANSWER)
                + " (the contract allows " + alternatives + ")");
          }
          return session.remove(ANSWER);
        });
  }
}
