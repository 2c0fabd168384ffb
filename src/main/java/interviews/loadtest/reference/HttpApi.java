package interviews.loadtest.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one HTTP handler of the reference target: routing, the handler pool, fault injection, auth,
 * JSON parsing and validation, and the endpoints of the API. Where real backends differ, it
 * follows the {@link Dialect}.
 */
final class HttpApi implements HttpHandler {

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);
  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
  private static final Pattern INTERVIEW_PATH = Pattern.compile("^/api/interviews/([0-9]{1,18})/$");
  private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  private static final Pattern LIMIT = Pattern.compile("^[0-9]{1,4}$");
  private static final LocalDateTime FAR_FUTURE = LocalDateTime.of(9999, 12, 31, 0, 0);
  private static final int MAX_TEXT = 200;
  private static final int MAX_EMAIL = 254;

  private final TargetSettings settings;
  private final Dialect dialect;
  private final Database db;
  private final Notifications notifications;
  private final Knobs knobs;
  private final TargetMetrics metrics;
  private final Semaphore handlers;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile String dummyHash;
  private volatile boolean closing;

  /**
   * A request resolved to a route; {@code allow} lists the methods of its path. {@code redirect} is
   * the Location of an APPEND_SLASH redirect to the route's path, else {@code null}.
   */
  private record Resolved(Route route, String allow, long id, String redirect) {
    Resolved(Route route, String allow, long id) {
      this(route, allow, id, null);
    }
  }

  /** A response; {@code caller} is the authenticated user it was made for, or -1. */
  private record Reply(int status, byte[] body, String contentType, Map<String, String> headers, long caller) {
    static Reply json(int status, Object value) {
      try {
        return new Reply(status, JSON.writeValueAsBytes(value), "application/json", new LinkedHashMap<>(), -1);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    static Reply noContent() {
      return new Reply(204, null, null, new LinkedHashMap<>(), -1);
    }

    Reply forCaller(long user) {
      return new Reply(status, body, contentType, headers, user);
    }

    Reply withBody(byte[] newBody) {
      return new Reply(status, newBody, contentType, headers, caller);
    }

    static Reply error(int status, String detail) {
      return json(status, Map.of("detail", detail));
    }
  }

  HttpApi(TargetSettings settings, Database db, Notifications notifications, Knobs knobs, TargetMetrics metrics) {
    this.settings = settings;
    this.dialect = new Dialect(settings);
    this.db = db;
    this.notifications = notifications;
    this.knobs = knobs;
    this.metrics = metrics;
    this.handlers = new Semaphore(settings.handlers, true);
  }

  private String dummyHash() {
    String h = dummyHash;
    if (h == null) {
      h = PasswordHasher.encode("not-a-password", PasswordHasher.saltFor("nobody@invalid"), settings.hashIterations);
      dummyHash = h;
    }
    return h;
  }

  int busyHandlers() {
    return settings.handlers - handlers.availablePermits();
  }

  int waitingForHandler() {
    return waiting.get();
  }

  int inFlight() {
    return inFlight.get();
  }

  void startClosing() {
    closing = true;
  }

  @Override
  public void handle(HttpExchange ex) {
    long t0 = System.nanoTime();
    inFlight.incrementAndGet();
    metrics.inFlight.inc();
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    Route route = Route.UNKNOWN;
    Reply reply;
    try {
      Resolved r = resolve(method, ex);
      route = r.route();
      reply = dispatch(ex, method, r);
    } catch (ApiException e) {
      reply = Reply.error(e.status, e.getMessage());
      reply.headers().putAll(e.headers);
    } catch (RuntimeException e) {
      reply = Reply.error(500, "Internal server error.");
    }
    if (dialect.extraFields && route != Route.ADMIN && reply.body() != null && "application/json".equals(reply.contentType())) {
      reply = reply.withBody(Dialect.withExtraFields(reply.body(), reply.status(), reply.caller()));
    }
    if (dialect.connectionClose) {
      // The JDK server closes the connection after a response that carries this header.
      reply.headers().put("Connection", "close");
    }
    // Recorded before the response is written, so that a client that has its response can already
    // see it counted (the write itself is not part of the duration).
    metrics.record(route.label(), metricMethod(method), reply.status(), (System.nanoTime() - t0) / 1e9);
    try {
      send(ex, method, reply);
    } catch (IOException | RuntimeException e) {
      // The client went away (or connections are being refused); nothing to answer.
    } finally {
      ex.close();
      metrics.inFlight.dec();
      inFlight.decrementAndGet();
    }
  }

  private Reply dispatch(HttpExchange ex, String method, Resolved r) throws ApiException {
    if (closing) {
      Reply reply = Reply.error(503, "The server is shutting down.");
      reply.headers().put("Connection", "close");
      return reply;
    }
    Route route = r.route();
    if (route == Route.UNKNOWN) {
      return Reply.error(404, "Not found.");
    }
    if (r.redirect() != null) {
      Reply reply = new Reply(301, null, null, new LinkedHashMap<>(), -1);
      reply.headers().put("Location", r.redirect());
      return reply;
    }
    if (!allowed(r.allow(), method)) {
      Reply reply = Reply.error(405, "Method \"" + method + "\" not allowed.");
      reply.headers().put("Allow", r.allow());
      return reply;
    }
    if (route == Route.METRICS) {
      return metricsReply();
    }
    if (route == Route.ADMIN) {
      return admin(ex, method);
    }
    // API routes: faults (answered at once, without a handler), then the handler pool, then the endpoint.
    Reply reply = injectedFault(route);
    if (reply == null && route.pooled()) {
      acquireHandler();
      try {
        if (knobs.serviceTimeMs(route) > 0) {
          awaitServiceTime(route);
        }
        reply = endpoint(ex, route, r.id());
      } catch (ApiException e) {
        reply = Reply.error(e.status, e.getMessage());
        reply.headers().putAll(e.headers);
      } finally {
        handlers.release();
      }
    } else if (reply == null) {
      reply = endpoint(ex, route, r.id());
    }
    long latency = knobs.latencyMs();
    if (latency > 0) {
      sleep(latency);
    }
    return reply;
  }

  /**
   * An injected 503, 429 or 500 for this request, or {@code null}. One draw decides: while the three
   * shares add up to at most 1 each gets exactly its share; above that, 503 then 429 come first.
   * The health probe is never throttled: Django REST framework throttles API views, not probes.
   */
  private Reply injectedFault(Route route) {
    double unavailable = knobs.unavailableRate();
    double throttle = route == Route.HEALTH ? 0.0 : knobs.throttleRate();
    double error = knobs.errorRate();
    if (unavailable + throttle + error <= 0) {
      return null;
    }
    double x = ThreadLocalRandom.current().nextDouble();
    long retryAfter = knobs.retryAfterS();
    Reply reply;
    if (x < unavailable) {
      reply = Reply.error(503, "Injected fault: service unavailable.");
    } else if (x < unavailable + throttle) {
      // Django REST framework's message for a throttled request.
      reply = Reply.error(429, "Request was throttled. Expected available in " + retryAfter
          + (retryAfter == 1 ? " second." : " seconds."));
    } else if (x < unavailable + throttle + error) {
      return Reply.error(500, "Injected fault: internal server error.");
    } else {
      return null;
    }
    reply.headers().put("Retry-After", Long.toString(retryAfter));
    return reply;
  }

  private void acquireHandler() throws ApiException {
    try {
      if (handlers.tryAcquire(0, TimeUnit.MILLISECONDS)) {
        return;
      }
      if (waiting.incrementAndGet() > settings.queueLimit) {
        waiting.decrementAndGet();
        throw new ApiException(503, "Server busy: all " + settings.handlers + " request handlers are busy and "
            + settings.queueLimit + " requests are waiting.").header("Retry-After", "1");
      }
      try {
        handlers.acquire();
      } finally {
        waiting.decrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "The server is shutting down.");
    }
  }

  private Reply endpoint(HttpExchange ex, Route route, long id) throws ApiException {
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
          if (!db.cancel(user, id) && !(dialect.idempotentCancel && alreadyCancelled(user, id))) {
            throw new ApiException(404, "Not found.");
          }
          return Reply.noContent();
        }
        default:
          throw new ApiException(404, "Not found.");
      }
    } catch (SQLTransientConnectionException e) {
      throw new ApiException(503, "Database busy: no connection available within "
          + settings.connectionTimeoutMs + " ms.").header("Retry-After", "1");
    } catch (SQLException e) {
      throw new ApiException(500, "Internal server error: database error.");
    }
  }

  // ---------------------------------------------------------------- endpoints

  private Reply login(HttpExchange ex) throws ApiException, SQLException {
    ObjectNode body = jsonBody(ex);
    List<String> errors = new ArrayList<>();
    String email = requiredString(body, "email", MAX_EMAIL, errors);
    String password = requiredString(body, "password", 4096, errors);
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

  private Reply slots(HttpExchange ex, long user) throws ApiException, SQLException {
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    int limit = 20;
    String rawLimit = q.get("limit");
    if (rawLimit != null) {
      if (!LIMIT.matcher(rawLimit).matches() || Integer.parseInt(rawLimit) < 1 || Integer.parseInt(rawLimit) > 100) {
        throw new ApiException(400, "limit: must be an integer from 1 to 100, got '" + clip(rawLimit) + "'");
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
        throw new ApiException(400, "date: must be a date as YYYY-MM-DD, got '" + clip(rawDate) + "'");
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
    ObjectNode body = jsonBody(ex);
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
    String name = requiredString(body, "candidate_name", MAX_TEXT, errors);
    String email = requiredString(body, "candidate_email", MAX_EMAIL, errors);
    String position = requiredString(body, "position", MAX_TEXT, errors);
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
    Reply reply = Reply.json(201, interviewJson(row)).forCaller(user);
    reply.headers().put("Location", "/api/interviews/" + row.id() + "/");
    return reply;
  }

  /** Whether the user's interview exists and is cancelled (a repeated cancel, for an idempotent DELETE). */
  private boolean alreadyCancelled(long user, long id) throws SQLException {
    Database.InterviewRow row = db.interview(user, id);
    return row != null && "cancelled".equals(row.status());
  }

  static Map<String, Object> interviewJson(Database.InterviewRow r) {
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

  private Reply metricsReply() throws ApiException {
    try {
      return new Reply(200, metrics.scrape(), metrics.contentType(), new LinkedHashMap<>(), -1);
    } catch (IOException e) {
      throw new ApiException(500, "Could not write the metrics.");
    }
  }

  // ---------------------------------------------------------------- admin

  private Reply admin(HttpExchange ex, String method) throws ApiException {
    if ("POST".equals(method)) {
      ObjectNode body = jsonBody(ex);
      applyKnobs(body);
    }
    return Reply.json(200, knobs.snapshot());
  }

  /** Validates every field first, then applies them all, so a bad request changes nothing. */
  private void applyKnobs(ObjectNode body) throws ApiException {
    List<Runnable> changes = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = body.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      switch (key) {
        case "error_rate": {
          double d = share(key, v);
          changes.add(() -> knobs.errorRate(d));
          break;
        }
        case "throttle_rate": {
          double d = share(key, v);
          changes.add(() -> knobs.throttleRate(d));
          break;
        }
        case "unavailable_rate": {
          double d = share(key, v);
          changes.add(() -> knobs.unavailableRate(d));
          break;
        }
        case "retry_after_s": {
          if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > 86_400) {
            throw new ApiException(400, "retry_after_s: must be an integer from 0 to 86400");
          }
          long seconds = v.longValue();
          changes.add(() -> knobs.retryAfterS(seconds));
          break;
        }
        case "latency_ms": {
          long ms = millis(key, v);
          changes.add(() -> knobs.latencyMs(ms));
          break;
        }
        case "job_delay_ms": {
          long ms = millis(key, v);
          changes.add(() -> knobs.jobDelayMs(ms));
          break;
        }
        case "refuse_connections_ms": {
          long ms = millis(key, v);
          if (ms < 1) {
            throw new ApiException(400, "refuse_connections_ms: must be an integer from 1 to 600000");
          }
          // Answer first, then refuse: the admin path itself is unreachable while connections are refused.
          changes.add(() -> new Thread(() -> {
            sleep(100);
            knobs.refuseConnectionsFor(Duration.ofMillis(ms));
          }, "reference-target-admin-refuse").start());
          break;
        }
        case "service_time_ms": {
          if (!v.isObject()) {
            throw new ApiException(400, "service_time_ms: must be an object of route to ms, routes " + Route.pooledLabels());
          }
          Iterator<Map.Entry<String, JsonNode>> routes = v.fields();
          while (routes.hasNext()) {
            Map.Entry<String, JsonNode> re = routes.next();
            Route r = Route.fromLabel(re.getKey());
            if (r == null || !r.pooled()) {
              throw new ApiException(400, "service_time_ms: unknown route '" + clip(re.getKey())
                  + "', expected one of " + Route.pooledLabels());
            }
            long ms = millis("service_time_ms." + re.getKey(), re.getValue());
            changes.add(() -> knobs.serviceTimeMs(r.label(), ms));
          }
          break;
        }
        case "reset": {
          if (!v.isBoolean()) {
            throw new ApiException(400, "reset: must be true or false");
          }
          if (v.booleanValue()) {
            changes.add(0, knobs::reset);
          }
          break;
        }
        default:
          throw new ApiException(400, "Unknown knob '" + clip(key) + "': expected error_rate, throttle_rate, "
              + "unavailable_rate, retry_after_s, latency_ms, job_delay_ms, refuse_connections_ms, service_time_ms or reset");
      }
    }
    changes.forEach(Runnable::run);
  }

  private static double share(String key, JsonNode v) throws ApiException {
    if (!v.isNumber() || v.doubleValue() < 0 || v.doubleValue() > 1) {
      throw new ApiException(400, key + ": must be a number from 0 to 1");
    }
    return v.doubleValue();
  }

  private static long millis(String key, JsonNode v) throws ApiException {
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > 600_000) {
      throw new ApiException(400, key + ": must be an integer from 0 to 600000");
    }
    return v.longValue();
  }

  // ---------------------------------------------------------------- request parsing

  /** The route of the request; with the APPEND_SLASH dialect, a known path less its slash redirects. */
  private Resolved resolve(String method, HttpExchange ex) {
    String path = ex.getRequestURI().getRawPath();
    Resolved r = resolve(method, path);
    String slashed = dialect.withSlash(path);
    if (r.route() == Route.UNKNOWN && slashed != null) {
      Resolved target = resolve(method, slashed);
      if (target.route() != Route.UNKNOWN) {
        return new Resolved(target.route(), target.allow(), target.id(),
            Dialect.location(slashed, ex.getRequestURI().getRawQuery()));
      }
    }
    return r;
  }

  private Resolved resolve(String method, String path) {
    if (path == null) {
      return new Resolved(Route.UNKNOWN, "", 0);
    }
    switch (path) {
      case "/api/health/":
        return new Resolved(Route.HEALTH, "GET", 0);
      case "/api/login/":
        return new Resolved(Route.LOGIN, "POST", 0);
      case "/api/slots/":
        return new Resolved(Route.SLOTS, "GET", 0);
      case "/api/interviews/":
        return new Resolved(Route.BOOK, "POST", 0);
      case "/metrics":
        return new Resolved(Route.METRICS, "GET", 0);
      case "/admin/knobs":
        return settings.adminEnabled ? new Resolved(Route.ADMIN, "GET, POST", 0) : new Resolved(Route.UNKNOWN, "", 0);
      default:
        Matcher m = INTERVIEW_PATH.matcher(path);
        if (m.matches()) {
          long id = Long.parseLong(m.group(1));
          return new Resolved("DELETE".equals(method) ? Route.CANCEL : Route.INTERVIEW, "GET, DELETE", id);
        }
        return new Resolved(Route.UNKNOWN, "", 0);
    }
  }

  private static boolean allowed(String allow, String method) {
    for (String m : allow.split(",\\s*")) {
      if (m.equals(method)) {
        return true;
      }
    }
    return false;
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
    String token = parts[1];
    long user = token.length() > Dialect.MAX_TOKEN_LENGTH ? -1L : db.userForToken(token);
    if (user < 0) {
      throw new ApiException(401, "Invalid token.").header("WWW-Authenticate", challenge);
    }
    return user;
  }

  /** Reads the request body (at most the limit + 1 bytes) and parses it as one JSON object. */
  private ObjectNode jsonBody(HttpExchange ex) throws ApiException {
    Headers h = ex.getRequestHeaders();
    String length = h.getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > settings.maxBodyBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw new ApiException(400, "Invalid Content-Length header.");
      }
    }
    byte[] body = readBody(ex);
    if (body.length == 0) {
      throw new ApiException(400, "The request body must be a JSON object.");
    }
    String type = h.getFirst("Content-Type");
    String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!"application/json".equals(mediaType)) {
      throw new ApiException(415, "Unsupported media type \"" + clip(type == null ? "" : type)
          + "\" in request: expected application/json.");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      String msg = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
      throw new ApiException(400, "Malformed JSON: " + oneLine(msg));
    }
    if (node == null || !node.isObject()) {
      throw new ApiException(400, "The request body must be a JSON object.");
    }
    return (ObjectNode) node;
  }

  private byte[] readBody(HttpExchange ex) throws ApiException {
    int limit = settings.maxBodyBytes;
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit + 1, 8192));
    byte[] buf = new byte[8192];
    try (InputStream in = ex.getRequestBody()) {
      int total = 0;
      while (total <= limit) {
        int n = in.read(buf, 0, Math.min(buf.length, limit + 1 - total));
        if (n < 0) {
          break;
        }
        out.write(buf, 0, n);
        total += n;
      }
      if (total > limit) {
        throw tooLarge();
      }
    } catch (IOException e) {
      throw new ApiException(400, "Could not read the request body.");
    }
    return out.toByteArray();
  }

  private ApiException tooLarge() {
    return new ApiException(413, "Request body too large: the limit is " + settings.maxBodyBytes + " bytes.");
  }

  private static String requiredString(ObjectNode body, String field, int maxLength, List<String> errors) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      errors.add(field + ": this field is required");
      return null;
    }
    if (!v.isTextual()) {
      errors.add(field + ": must be a string");
      return null;
    }
    String s = v.textValue();
    if (s.isBlank()) {
      errors.add(field + ": may not be blank");
      return null;
    }
    if (s.length() > maxLength) {
      errors.add(field + ": at most " + maxLength + " characters");
      return null;
    }
    return s;
  }

  private static Map<String, String> query(String raw) throws ApiException {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.put(k, v);
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "Malformed query string.");
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- responses

  private static void send(HttpExchange ex, String method, Reply reply) throws IOException {
    Headers h = ex.getResponseHeaders();
    reply.headers().forEach(h::set);
    if (reply.contentType() != null) {
      h.set("Content-Type", reply.contentType().contains("charset") ? reply.contentType() : reply.contentType() + "; charset=utf-8");
    }
    byte[] body = reply.body();
    if (body == null || "HEAD".equals(method)) {
      ex.sendResponseHeaders(reply.status(), -1);
      return;
    }
    ex.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  private static String metricMethod(String method) {
    switch (method) {
      case "GET":
      case "POST":
      case "PUT":
      case "PATCH":
      case "DELETE":
      case "HEAD":
      case "OPTIONS":
        return method;
      default:
        return "OTHER";
    }
  }

  private void awaitServiceTime(Route route) {
    try {
      knobs.awaitServiceTime(route);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String clip(String s) {
    String one = oneLine(s);
    return one.length() > 60 ? one.substring(0, 60) + "..." : one;
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String one = s.replaceAll("[\\r\\n\\t]+", " ").trim();
    return one.length() > 200 ? one.substring(0, 200) + "..." : one;
  }
}
