package interviews.loadtest.measure;

import interviews.loadtest.measure.gatling.FailureTap;
import interviews.loadtest.slo.Watchdog;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import io.gatling.commons.validation.Validation;
import io.gatling.core.check.Check;
import io.gatling.core.check.CheckResult;
import io.gatling.http.check.HttpCheck;
import io.gatling.http.check.HttpCheckScope;
import io.gatling.http.request.builder.HttpRequestBuilder;
import io.gatling.http.request.builder.RequestBuilder;
import io.gatling.http.response.Response;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.lang.reflect.Field;
import scala.Function1;

/**
 * The hooks journeys and simulations put into their Gatling chains. Every journey request goes
 * through {@link #request}:
 *
 * <pre>{@code
 * exec(Measured.startJourney("Booking"))
 *   .exec(Measured.request(http("Book slot").post("/api/interviews/").body(...)
 *         .check(status().in(201, 409))))
 *   .exec(Measured.endJourney("Booking"))
 * }</pre>
 *
 * <p>How a request is measured: {@code request(b)} returns the chain
 * {@code [pre] → b + recording check → [post]}. The recording check (scope Time, always
 * succeeds, no Session copy, body not needed) notes status and Gatling's own start/end
 * timestamps of the response in a per-thread slot; Gatling then runs the checks and calls the next action, the
 * post step, synchronously on the same thread, with the session marked failed iff Gatling
 * counted the request KO. The post step records name, status, latency and that verdict. No
 * response at all (connection refused, timeout): the slot is empty and the session failed, so the
 * request is recorded KO with status "none". For every KO, {@link FailureTap} has also noted
 * Gatling's failure message in the slot just before the post step runs; it gives the failure's
 * {@link ErrorCause}. The post step is a session hook Gatling runs even inside
 * {@code exitBlockOnFail}, which skips ordinary {@code exec(session -> ...)} steps after a
 * failure. The pre step only counts the request as in flight
 * and, if the session is already failed from an earlier request, marks it succeeded for the
 * duration of this request (the post step marks it failed again) so that the verdict is this
 * request's.
 */
public final class Measured {

  private static volatile Measurements current = new Measurements(System.currentTimeMillis());
  private static volatile Watchdog watchdog;

  private static final String WAS_FAILED = "interviews.loadtest.results.wasFailed";
  private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

  private static final class Slot {
    long userId = -1;
    int status;
    long latency;
    /** Gatling's failure message of the last KO on this thread, and its request's name. */
    String failureName;
    String failureMessage;
  }

  private Measured() {}

  public static void install(Measurements m, Watchdog w) {
    current = m;
    watchdog = w;
  }

  public static void uninstall(Measurements m) {
    if (current == m) {
      current = new Measurements(System.currentTimeMillis());
      watchdog = null;
    }
  }

  /**
   * The measured form of a request: use {@code exec(Measured.request(http("name")...))} wherever
   * the journey would {@code exec(http("name")...)}.
   */
  public static ChainBuilder request(HttpRequestActionBuilder request) {
    Function1<io.gatling.core.session.Session, Validation<String>> name = requestName(request);
    return exec(Measured::pre)
        .exec(instrument(request))
        .exec(postStep(name));
  }

  /**
   * Adds the recording check (scope Time: it neither replaces Gatling's default status check nor
   * makes Gatling keep the response body, which {@code transformResponse} would, at ~12 % of the
   * injector's CPU). Falls back to {@code transformResponse} if Gatling's builder cannot be read.
   */
  private static ActionBuilder instrument(HttpRequestActionBuilder request) {
    HttpRequestActionBuilder recorded;
    try {
      HttpRequestBuilder rb = (HttpRequestBuilder) WRAPPED.get(request);
      HttpCheck check = HttpCheck.apply(RecordingCheck.INSTANCE, HttpCheckScope.Time$.MODULE$);
      scala.collection.immutable.Seq<HttpCheck> checks =
          scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(check)).toList();
      recorded = new HttpRequestActionBuilder(rb.check(checks));
    } catch (ReflectiveOperationException | RuntimeException e) {
      recorded = request.transformResponse(Measured::onResponse);
    }
    io.gatling.core.action.builder.ActionBuilder inner = recorded.asScala();
    io.gatling.core.action.builder.ActionBuilder tapped = new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public io.gatling.core.action.Action build(ScenarioContext ctx, io.gatling.core.action.Action next) {
        FailureTap.install(ctx);
        return inner.build(ctx, next);
      }
    };
    return () -> tapped;
  }

  /** Called by {@link FailureTap} on Gatling's thread when it reports a failed request. */
  public static void noteFailure(String requestName, String message) {
    Slot slot = SLOT.get();
    slot.failureName = requestName;
    slot.failureMessage = message;
  }

  /** Notes status and Gatling's timestamps of the response for the post step; always succeeds. */
  private static final class RecordingCheck implements Check<Response> {
    static final RecordingCheck INSTANCE = new RecordingCheck();

    @Override
    public Validation<CheckResult> check(Response response, io.gatling.core.session.Session session,
        java.util.Map<Object, Object> preparedCache) {
      Slot slot = SLOT.get();
      slot.userId = session.userId();
      slot.status = response.status().code();
      slot.latency = Math.max(0, response.endTimestamp() - response.startTimestamp());
      return CheckResult.NoopCheckResultSuccess();
    }

    @Override
    public Check<Response> checkIf(Function1<io.gatling.core.session.Session, Validation<Object>> condition) {
      return this;
    }

    @Override
    public Check<Response> checkIf(scala.Function2<Response, io.gatling.core.session.Session, Validation<Object>> condition) {
      return this;
    }
  }

  /**
   * Counts a journey as started (and its user as active), after the {@link #watchdogGate()}:
   * {@code exec(Measured.startJourney("Booking"))} at the start of every journey.
   */
  public static ChainBuilder startJourney(String journey) {
    return exec(watchdogGate()).exec(session -> {
      current.journeyStarted(journey);
      return session;
    });
  }

  /** Counts a journey as ended: put it at the end of the journey. */
  public static ChainBuilder endJourney(String journey) {
    return exec(session -> {
      current.journeyEnded(journey);
      return session;
    });
  }

  /**
   * Stops the whole injection (Gatling's {@code stopLoadGenerator}) once the watchdog has
   * tripped. {@link #startJourney} includes it; put it also inside long loops of a journey.
   */
  public static ChainBuilder watchdogGate() {
    return stopLoadGeneratorIf(
        session -> {
          Watchdog w = watchdog;
          return w == null || w.reason() == null ? "watchdog" : w.reason();
        },
        session -> {
          Watchdog w = watchdog;
          return w != null && w.tripped();
        });
  }

  /** The protocol with Gatling's warm-up request switched off (it would call an outside host). */
  public static HttpProtocolBuilder protocol(HttpProtocolBuilder protocol) {
    return protocol.disableWarmUp();
  }

  // ------------------------------------------------------------------------------ internals

  private static Session pre(Session session) {
    current.requestSent();
    if (session.isFailed()) {
      return session.markAsSucceeded().set(WAS_FAILED, Boolean.TRUE);
    }
    return session;
  }

  private static Response onResponse(Response response, Session session) {
    Slot slot = SLOT.get();
    slot.userId = session.userId();
    slot.status = response.status().code();
    slot.latency = Math.max(0, response.endTimestamp() - response.startTimestamp());
    return response;
  }

  /**
   * The post step as a session hook that is not "exitable": Gatling runs an exitable action (what
   * {@code exec(session -> ...)} builds) only while the session may go on, so inside
   * {@code exitBlockOnFail} or {@code tryMax} it would skip the post step of exactly the requests
   * that failed. This one always runs; the action after it leaves the block as before.
   */
  private static ActionBuilder postStep(Function1<io.gatling.core.session.Session, Validation<String>> name) {
    io.gatling.core.action.builder.SessionHookBuilder hook = new io.gatling.core.action.builder.SessionHookBuilder(
        session -> new io.gatling.commons.validation.Success<>(post(session, name)), false);
    return () -> hook;
  }

  private static io.gatling.core.session.Session post(io.gatling.core.session.Session session,
      Function1<io.gatling.core.session.Session, Validation<String>> nameExpr) {
    Slot slot = SLOT.get();
    boolean ko = session.isFailed();
    String name = resolve(nameExpr, session);
    Measurements m = current;
    String failure = null;
    if (slot.failureMessage != null) {
      if (ko && name.equals(slot.failureName)) {
        failure = slot.failureMessage;
      }
      slot.failureMessage = null;
      slot.failureName = null;
    }
    if (slot.userId == session.userId()) {
      m.record(name, slot.status, slot.latency, ko, failure);
    } else if (ko) {
      m.record(name, 0, -1, true, failure);
    } else {
      m.unmatched.increment(); // a response we did not see: should not happen
      m.record(name, 0, -1, false, null);
    }
    slot.userId = -1;
    if (session.contains(WAS_FAILED)) {
      return session.remove(WAS_FAILED).markAsFailed();
    }
    return session;
  }

  private static String resolve(Function1<io.gatling.core.session.Session, Validation<String>> expr,
      io.gatling.core.session.Session session) {
    if (expr == null) {
      return "unnamed";
    }
    Validation<String> v = expr.apply(session);
    return v instanceof io.gatling.commons.validation.Success<String> s ? s.value() : "unnamed";
  }

  private static final Field WRAPPED;

  static {
    Field f = null;
    try {
      f = io.gatling.javaapi.http.RequestActionBuilder.class.getDeclaredField("wrapped");
      f.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("[results] cannot read Gatling request names: " + e);
    }
    WRAPPED = f;
  }

  /** The request-name expression inside Gatling's builder. */
  private static Function1<io.gatling.core.session.Session, Validation<String>> requestName(HttpRequestActionBuilder b) {
    try {
      RequestBuilder<?> rb = (RequestBuilder<?>) WRAPPED.get(b);
      return rb.commonAttributes().requestName();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
