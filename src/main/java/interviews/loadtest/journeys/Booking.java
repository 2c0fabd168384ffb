package interviews.loadtest.journeys;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import interviews.loadtest.config.SuiteSettings;
import interviews.loadtest.config.SuiteSettings.BookingSettings;
import interviews.loadtest.measure.Measured;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A recruiter books an interview: log in, look up free slots on a day, book one picked at random
 * (a 409 means someone was faster: try another slot, at most {@code max-race-retries} times),
 * read it back, wait for the notification to go out (the "Notification lag" group, which shows
 * background workers falling behind), and sometimes cancel. Any failed step ends the journey
 * (a recruiter without a token cannot go on); it still counts as ended in the run's figures.
 */
public final class Booking {

  /** The journey's name in the report and the run summary. */
  public static final String NAME = "Booking";

  /**
   * The group whose duration is the wait for the notification, from the booking's answer until
   * the interview reads notification_status=sent: how far the background workers lag behind.
   */
  public static final String NOTIFICATION_LAG = "Notification lag";
  /** The requests inside {@value #NOTIFICATION_LAG}. */
  public static final List<String> IN_NOTIFICATION_LAG = List.of(Requests.READ, Requests.POLL);
  /** What the journey records: its requests and its group (see {@link Scopes}). */
  public static final List<String> SCOPES = List.of(Requests.LOG_IN, Requests.LIST_SLOTS, Requests.BOOK,
      Requests.BOOK_RETRY, NOTIFICATION_LAG, Requests.READ, Requests.POLL, Requests.CANCEL);
  static final String DEADLINE = "notificationDeadline";

  private Booking() {}

  /** The journey as a scenario. */
  public static ScenarioBuilder journey(SuiteSettings settings, TestData data) {
    return scenario(NAME).exec(chain(settings, data));
  }

  /** The journey as a chain: counted from start to end, left at its first failed step. */
  public static ChainBuilder chain(SuiteSettings settings, TestData data) {
    Requests requests = new Requests(settings, data);
    BookingSettings booking = settings.booking();
    ChainBuilder think = Think.between(settings.thinkTime());
    ChainBuilder steps = feed(listFeeder(data.users()).circular())
        .feed(listFeeder(data.candidates()).circular())
        .exec(requests.logIn())
        .exec(think)
        .exec(session -> session.set(Requests.SEARCH_DATE, randomSearchDay(booking.searchDays())))
        .exec(requests.listFreeSlots())
        // Nothing free that day: look at any day.
        .doIf(session -> slotIds(session).isEmpty()).then(
            exec(session -> session.remove(Requests.SEARCH_DATE)).exec(requests.listFreeSlots()))
        .exec(think)
        .exec(session -> session.set(Requests.BOOK_ATTEMPT, 0).remove(Requests.BOOK_STATUS))
        .asLongAs(session -> !booked(session)
            && session.getInt(Requests.BOOK_ATTEMPT) <= booking.maxRaceRetries()
            && !slotIds(session).isEmpty()).on(
            exec(Booking::pickSlot)
                .exec(requests.book())
                .exec(session -> session.set(Requests.BOOK_ATTEMPT, session.getInt(Requests.BOOK_ATTEMPT) + 1)))
        .doIf(Booking::booked).then(
            exec(waitForNotification(requests, booking))
            .doIf(session -> ThreadLocalRandom.current().nextDouble() < booking.cancelShare()).then(
                exec(think).exec(requests.cancel())));
    return exec(Measured.startJourney(NAME))
        .exitBlockOnFail().on(steps)
        .exec(Measured.endJourney(NAME));
  }

  /**
   * Reads the booked interview back, then polls until its notification is sent, all inside the
   * {@value #NOTIFICATION_LAG} group (its time is its duration: {@link Measured#group}); past the
   * timeout the poll fails and the journey ends.
   */
  static ChainBuilder waitForNotification(Requests requests, BookingSettings booking) {
    return Measured.group(NOTIFICATION_LAG,
        exec(session -> session.set(DEADLINE, System.currentTimeMillis() + booking.notificationTimeout().toMillis()))
            .exec(requests.readInterview())
            .asLongAs(session -> !"sent".equals(session.getString(Requests.NOTIFICATION))).on(
                exec(Measured.watchdogGate())
                    .pause(booking.pollInterval())
                    .exec(requests.pollNotification(DEADLINE, booking.notificationTimeout()))));
  }

  /** A UTC day among the next {@code days} days, tomorrow first. */
  static String randomSearchDay(int days) {
    return LocalDate.now(ZoneOffset.UTC).plusDays(1 + ThreadLocalRandom.current().nextInt(days)).toString();
  }

  static List<Long> slotIds(Session session) {
    return session.contains(Requests.SLOT_IDS) ? session.getList(Requests.SLOT_IDS) : List.of();
  }

  static boolean booked(Session session) {
    return session.contains(Requests.BOOK_STATUS) && session.getInt(Requests.BOOK_STATUS) == 201;
  }

  /** Takes a random slot off the listed page, so a retry never tries the same slot twice. */
  static Session pickSlot(Session session) {
    List<Long> left = new ArrayList<>(slotIds(session));
    long slot = left.remove(ThreadLocalRandom.current().nextInt(left.size()));
    return session.set(Requests.SLOT_ID, slot).set(Requests.SLOT_IDS, left);
  }
}
