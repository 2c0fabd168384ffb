package interviews.loadtest.reference.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import interviews.loadtest.reference.AccountSeeds;
import interviews.loadtest.reference.Database;
import interviews.loadtest.reference.Notifications;
import interviews.loadtest.reference.PasswordHasher;
import interviews.loadtest.reference.Route;
import interviews.loadtest.reference.TargetSettings;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The endpoints of the API: health, login, slot listing, booking, reading and cancelling an
 * interview, with token authentication and the validation of what the client sent. Database
 * errors become a 503 (no connection in time) or a 500.
 */
final class Endpoints {

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);
  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
  private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  private static final Pattern LIMIT = Pattern.compile("^[0-9]{1,4}$");
  private static final LocalDateTime FAR_FUTURE = LocalDateTime.of(9999, 12, 31, 0, 0);
  private static final int MAX_TEXT = 200;
  private static final int MAX_EMAIL = 254;

  private final TargetSettings settings;
  private final boolean idempotentCancel;
  private final Database db;
  private final Notifications notifications;
  private final Requests requests;
  private volatile String dummyHash;

  Endpoints(TargetSettings settings, Dialect dialect, Database db, Notifications notifications, Requests requests) {
    this.settings = settings;
    this.idempotentCancel = dialect.idempotentCancel;
    this.db = db;
    this.notifications = notifications;
    this.requests = requests;
  }

  /** The answer of an API route; {@code id} is the interview id of the path. */
  Reply serve(HttpExchange ex, Route route, long id) throws ApiException {
    try {
      switch (route) {
        case HEALTH:
          return Reply.json(200, Map.of("status", "ok"));
        case LOGIN:
          return login(ex);
        case SLOTS: {
          long user = authenticate(ex);
          return slots(ex, user);
        }
        case BOOK: {
          long user = authenticate(ex);
          return book(ex, user);
        }
        case INTERVIEW: {
          long user = authenticate(ex);
          Database.InterviewRow row = db.interview(user, id);
          if (row == null) {
            throw new ApiException(404, "Not found.");
          }
          return Reply.json(200, interviewJson(row)).forCaller(user);
        }
        case CANCEL: {
          long user = authenticate(ex);
          if (!db.cancel(user, id) && !(idempotentCancel && alreadyCancelled(user, id))) {
            throw new ApiException(404, "Not found.");
          }
          return Reply.noContent();
        }
        default:
          throw new ApiException(404, "Not found.");
      }
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  /**
   * The database query time: holds one pooled connection for {@code ms}, as a slow query does
   * ({@link Database#slowQuery}); nothing when it is 0.
   */
  void runSlowQuery(long ms) throws ApiException {
    if (ms <= 0) {
      return;
    }
    try {
      db.slowQuery(ms);
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  /** No connection in time is a 503 with {@code Retry-After}; any other database error a 500. */
  private ApiException databaseError(SQLException e) {
    if (e instanceof SQLTransientConnectionException) {
      return new ApiException(503, "Database busy: no connection available within "
          + settings.connectionTimeoutMs + " ms.").header("Retry-After", "1");
    }
    return new ApiException(500, "Internal server error: database error.");
  }

  private Reply login(HttpExchange ex) throws ApiException, SQLException {
    ObjectNode body = requests.jsonBody(ex);
    List<String> errors = new ArrayList<>();
    String email = Requests.requiredString(body, "email", MAX_EMAIL, errors);
    String password = Requests.requiredString(body, "password", 4096, errors);
    if (email != null && !AccountSeeds.EMAIL.matcher(email).matches()) {
      errors.add("email: enter a valid e-mail address");
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, String.join("; ", errors));
    }
    Database.User user = db.findUserByEmail(email);
    boolean ok;
    if (user != null) {
      ok = PasswordHasher.verify(password, user.passwordHash());
    } else {
      // Like Django's ModelBackend, an unknown e-mail still pays for one hash, so both cases cost the same.
      PasswordHasher.verify(password, dummyHash());
      ok = false;
    }
    if (!ok) {
      throw new ApiException(401, "Invalid e-mail or password.");
    }
    String token = db.tokenFor(user.id());
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("id", user.id());
    u.put("email", user.email());
    u.put("role", "recruiter");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(settings.tokenField, token);
    out.put("user", u);
    return Reply.json(200, out);
  }

  private String dummyHash() {
    String h = dummyHash;
    if (h == null) {
      h = PasswordHasher.encode("not-a-password", PasswordHasher.saltFor("nobody@invalid"), settings.hashIterations);
      dummyHash = h;
    }
    return h;
  }

  private Reply slots(HttpExchange ex, long user) throws ApiException, SQLException {
    Map<String, String> q = Requests.query(ex.getRequestURI().getRawQuery());
    int limit = 20;
    String rawLimit = q.get("limit");
    if (rawLimit != null) {
      if (!LIMIT.matcher(rawLimit).matches() || Integer.parseInt(rawLimit) < 1 || Integer.parseInt(rawLimit) > 100) {
        throw new ApiException(400, "limit: must be an integer from 1 to 100, got '" + Requests.clip(rawLimit) + "'");
      }
      limit = Integer.parseInt(rawLimit);
    }
    LocalDateTime now = db.now();
    LocalDateTime from = now;
    LocalDateTime to = FAR_FUTURE;
    String rawDate = q.get("date");
    if (rawDate != null) {
      LocalDate day;
      try {
        if (!DATE.matcher(rawDate).matches()) {
          throw new DateTimeParseException("bad", rawDate, 0);
        }
        day = LocalDate.parse(rawDate);
      } catch (DateTimeParseException e) {
        throw new ApiException(400, "date: must be a date as YYYY-MM-DD, got '" + Requests.clip(rawDate) + "'");
      }
      LocalDateTime dayStart = day.atStartOfDay();
      from = dayStart.isAfter(now) ? dayStart : now;
      to = day.plusDays(1).atStartOfDay();
    }
    Database.SlotPage page = from.isBefore(to) ? db.freeSlots(from, to, limit) : new Database.SlotPage(0, List.of());
    List<Map<String, Object>> results = new ArrayList<>(page.results().size());
    for (Database.SlotRow s : page.results()) {
      Map<String, Object> interviewer = new LinkedHashMap<>();
      interviewer.put("id", s.interviewerId());
      interviewer.put("name", s.interviewerName());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("interviewer", interviewer);
      m.put("start", SECONDS.format(s.start()));
      m.put("end", SECONDS.format(s.end()));
      results.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", page.count());
    out.put("results", results);
    return Reply.json(200, out);
  }

  private Reply book(HttpExchange ex, long user) throws ApiException, SQLException {
    ObjectNode body = requests.jsonBody(ex);
    List<String> errors = new ArrayList<>();
    Long slotId = null;
    JsonNode slot = body.get("slot_id");
    if (slot == null || slot.isNull()) {
      errors.add("slot_id: this field is required");
    } else if (!slot.isIntegralNumber() || !slot.canConvertToLong()) {
      errors.add("slot_id: must be an integer");
    } else {
      slotId = slot.longValue();
    }
    String name = Requests.requiredString(body, "candidate_name", MAX_TEXT, errors);
    String email = Requests.requiredString(body, "candidate_email", MAX_EMAIL, errors);
    String position = Requests.requiredString(body, "position", MAX_TEXT, errors);
    if (email != null && !AccountSeeds.EMAIL.matcher(email).matches()) {
      errors.add("candidate_email: enter a valid e-mail address");
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, String.join("; ", errors));
    }
    Database.InterviewRow row;
    try {
      row = db.book(user, slotId, name, email, position);
    } catch (Database.NoSuchSlotException e) {
      throw new ApiException(404, "Slot " + slotId + " not found.");
    } catch (Database.SlotTakenException e) {
      throw new ApiException(409, "Slot " + slotId + " is already booked.");
    }
    // Like Celery's delay() inside transaction.on_commit: the job is queued once the booking is committed.
    notifications.enqueue(row.id());
    return Reply.json(201, interviewJson(row)).forCaller(user).header("Location", "/api/interviews/" + row.id() + "/");
  }

  /** Whether the user's interview exists and is cancelled (a repeated cancel, for an idempotent DELETE). */
  private boolean alreadyCancelled(long user, long id) throws SQLException {
    Database.InterviewRow row = db.interview(user, id);
    return row != null && "cancelled".equals(row.status());
  }

  private static Map<String, Object> interviewJson(Database.InterviewRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("slot_id", r.slotId());
    m.put("candidate_name", r.candidateName());
    m.put("candidate_email", r.candidateEmail());
    m.put("position", r.position());
    m.put("status", r.status());
    m.put("notification_status", r.notificationStatus());
    m.put("created_at", MILLIS.format(r.createdAt()));
    return m;
  }

  /**
   * Token authentication like Django REST framework's TokenAuthentication: one database lookup per
   * request. Returns the user id.
   */
  private long authenticate(HttpExchange ex) throws ApiException, SQLException {
    String challenge = settings.authScheme + " realm=\"api\"";
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || header.isBlank()) {
      throw new ApiException(401, "Authentication credentials were not provided.").header("WWW-Authenticate", challenge);
    }
    String[] parts = header.trim().split("\\s+");
    if (!parts[0].equalsIgnoreCase(settings.authScheme)) {
      throw new ApiException(401, "Invalid authorization header: expected '" + settings.authScheme + " <token>'.")
          .header("WWW-Authenticate", challenge);
    }
    if (parts.length == 1) {
      throw new ApiException(401, "Invalid token header. No credentials provided.").header("WWW-Authenticate", challenge);
    }
    if (parts.length > 2) {
      throw new ApiException(401, "Invalid token header. Token string should not contain spaces.")
          .header("WWW-Authenticate", challenge);
    }
    long user = db.userForToken(parts[1]);
    if (user < 0) {
      throw new ApiException(401, "Invalid token.").header("WWW-Authenticate", challenge);
    }
    return user;
  }
}
