package interviews.loadtest.journeys;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import interviews.loadtest.config.SuiteSettings;
import interviews.loadtest.config.SuiteSettings.ApiSettings;
import interviews.loadtest.measure.Measured;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.function.Function;

/**
 * The requests the journeys send to the platform, one method each, named as they appear in
 * Gatling's report (the names an SLO's scope can give, see {@link Scopes}). Paths, the token field
 * and the Authorization scheme come from {@code loadtest.api}. Each comes measured
 * ({@link Measured#request}), so it counts in the run's summary and series too. (They are sent;
 * the embedded reference target's side, which answers them, is the {@code reference} package.)
 */
public final class Requests {

  /** Session keys the requests read and write. */
  public static final String TOKEN = "token";
  public static final String SLOT_IDS = "slotIds";
  public static final String SLOT_ID = "slotId";
  public static final String SEARCH_DATE = "searchDate";
  public static final String BOOK_ATTEMPT = "bookAttempt";
  public static final String BOOK_STATUS = "bookStatus";
  public static final String INTERVIEW_ID = "interviewId";
  public static final String NOTIFICATION = "notification";

  /** Request names, as in the report. */
  public static final String LOG_IN = "Log in";
  public static final String LIST_SLOTS = "List free slots";
  public static final String BOOK = "Book slot";
  public static final String BOOK_RETRY = "Book slot (retry after 409)";
  public static final String READ = "Read interview";
  public static final String POLL = "Poll notification";
  public static final String CANCEL = "Cancel interview";
  public static final String HEALTH = "Health";

  private final ApiSettings api;
  private final TestData data;
  private final int pageSize;

  public Requests(SuiteSettings settings, TestData data) {
    this.api = settings.api();
    this.data = data;
    this.pageSize = settings.booking().pageSize();
  }

  public ApiSettings settings() {
    return api;
  }

  /** Authorization header value for the session's token. */
  public Function<Session, String> authorization() {
    String scheme = api.authScheme() + " ";
    return session -> scheme + session.getString(TOKEN);
  }

  /** POST the login with the fed account; keeps the token. */
  public ChainBuilder logIn() {
    return Measured.request(http(LOG_IN).post(api.loginPath()).body(StringBody(data.loginBody())).asJson()
        .check(status().is(200), jsonPath(api.tokenJsonPath()).ofString().saveAs(TOKEN)));
  }

  /** GET a page of free slots on the session's search date (none: any day); keeps their ids. */
  public ChainBuilder listFreeSlots() {
    return Measured.request(http(LIST_SLOTS).get(session -> {
          String date = session.contains(SEARCH_DATE) ? session.getString(SEARCH_DATE) : null;
          return api.slotsPath() + "?limit=" + pageSize + (date == null ? "" : "&date=" + date);
        })
        .header("Authorization", authorization())
        .check(status().is(200), jsonPath("$.results[*].id").ofLong().findAll().optional().saveAs(SLOT_IDS)));
  }

  /**
   * POST a booking of the session's slot for the fed candidate. 201 books it; 409 means another
   * recruiter was first, the normal race, so it is no error; the retry is named apart.
   */
  public ChainBuilder book() {
    return Measured.request(bookRequest());
  }

  /** The booking request itself, for a caller that checks more. */
  HttpRequestActionBuilder bookRequest() {
    return http(session -> session.getInt(BOOK_ATTEMPT) == 0 ? BOOK : BOOK_RETRY)
        .post(api.interviewsPath()).body(StringBody(data.bookingBody())).asJson()
        .header("Authorization", authorization())
        .check(status().in(201, 409).saveAs(BOOK_STATUS), jsonPath("$.id").ofLong().optional().saveAs(INTERVIEW_ID));
  }

  /** GET the booked interview; keeps its notification_status. */
  public ChainBuilder readInterview() {
    return Measured.request(readRequest(READ));
  }

  private HttpRequestActionBuilder readRequest(String name) {
    return http(name).get(session -> api.interviewPath(session.getLong(INTERVIEW_ID)))
        .header("Authorization", authorization())
        .check(status().is(200),
            jsonPath("$.notification_status").ofString().not("failed").saveAs(NOTIFICATION));
  }

  /**
   * GET the interview again while waiting for its notification. Past {@code deadlineKey} (epoch
   * millis in the session) a still pending notification fails the request.
   */
  public ChainBuilder pollNotification(String deadlineKey, java.time.Duration timeout) {
    return Measured.request(readRequest(POLL)
        .checkIf(session -> System.currentTimeMillis() > session.getLong(deadlineKey))
        .then(jsonPath("$.notification_status").ofString().is("sent")
            .name("notification sent within " + timeout.toMillis() + " ms")));
  }

  /** DELETE the booked interview, freeing its slot. */
  public ChainBuilder cancel() {
    return Measured.request(http(CANCEL).delete(session -> api.interviewPath(session.getLong(INTERVIEW_ID)))
        .header("Authorization", authorization())
        .check(status().is(204)));
  }
}
