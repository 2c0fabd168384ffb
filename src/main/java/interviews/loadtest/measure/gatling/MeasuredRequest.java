package interviews.loadtest.measure.gatling;

import static io.gatling.javaapi.core.CoreDsl.exec;

import interviews.loadtest.measure.ErrorCause;
import interviews.loadtest.measure.Measurements;
import io.gatling.commons.validation.Validation;
import io.gatling.core.check.Check;
import io.gatling.core.check.CheckResult;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.http.check.HttpCheck;
import io.gatling.http.check.HttpCheckScope;
import io.gatling.http.request.builder.HttpRequestBuilder;
import io.gatling.http.request.builder.RequestBuilder;
import io.gatling.http.response.Response;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.lang.reflect.Field;
import scala.Function1;

/**
 * How a request is measured, in Gatling's terms; journeys use it through
 * {@code Measured.request(...)}.
 *
 * <p>{@link #chain} returns {@code [pre] → request + recording check → [post]}. The recording
 * check (scope Time, always succeeds, no Session copy, body not needed) notes status and Gatling's
 * own start/end timestamps of the response in a per-thread slot; Gatling then runs the checks and
 * calls the next action, the post step, synchronously on the same thread, with the session marked
 * failed iff Gatling counted the request KO. The post step records name, status, latency and that
 * verdict. For every KO, {@link StatsTap} has also noted Gatling's failure message and timing in
 * the slot just before the post step runs; the message gives the failure's {@link ErrorCause}. No
 * response at all (connection refused, timeout): the check never ran and the session failed, so
 * the request is recorded KO with status "none" and the time Gatling gave it, from sending until
 * the failure (what its report counts too). A response Gatling reports after it stopped counting
 * (the run was cut) is not recorded, as its report leaves it out. The post step is a session hook Gatling runs even inside
 * {@code exitBlockOnFail}, which skips ordinary {@code exec(session -> ...)} steps after a
 * failure. The pre step only counts the request as in flight and, if the session is already
 * failed from an earlier request, marks it succeeded for the duration of this request (the post
 * step marks it failed again) so that the verdict is this request's.
 *
 * <p>Reads Gatling's request builder and the request-name expression inside it by reflection
 * (the Java DSL does not expose them); if a Gatling upgrade moves them, requests are still
 * measured, through {@code transformResponse} (which makes Gatling keep response bodies) and
 * under the name "unnamed".
 */
public final class MeasuredRequest {

  private static final String WAS_FAILED = "interviews.loadtest.results.wasFailed";
  private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);
  private static final Field WRAPPED = wrappedField();

  /** What this thread saw of the request being completed on it. */
  private static final class Slot {
    long userId = -1;
    int status;
    long latency;
    /**
     * The last KO Gatling reported on this thread: its request's name, message (may be null),
     * and end minus start (-1: not known).
     */
    String failureName;
    String failureMessage;
    long failureLatency;
    /** The request whose response Gatling reported after it stopped counting, if any. */
    String notCountedName;
  }

  private MeasuredRequest() {}

  /** The measured form of {@code request}. */
  public static ChainBuilder chain(HttpRequestActionBuilder request) {
    Function1<io.gatling.core.session.Session, Validation<String>> name = requestName(request);
    return exec(MeasuredRequest::pre)
        .exec(instrument(request))
        .exec(postStep(name));
  }

  /** Called by {@link StatsTap} on Gatling's thread when it reports a failed request. */
  static void noteFailure(String requestName, String message, long latencyMs) {
    Slot slot = SLOT.get();
    slot.failureName = requestName;
    slot.failureMessage = message;
    slot.failureLatency = latencyMs;
  }

  /** Called by {@link StatsTap} when Gatling reports a response it no longer counts (after its stop). */
  static void noteNotCounted(String requestName) {
    SLOT.get().notCountedName = requestName;
  }

  /**
   * Adds the recording check (scope Time: it neither replaces Gatling's default status check nor
   * makes Gatling keep the response body, which {@code transformResponse} would, at ~12 % of the
   * injector's CPU) and installs the {@link StatsTap} when Gatling builds the action.
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
      recorded = request.transformResponse(MeasuredRequest::onResponse);
    }
    io.gatling.core.action.builder.ActionBuilder inner = recorded.asScala();
    io.gatling.core.action.builder.ActionBuilder tapped = new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public io.gatling.core.action.Action build(ScenarioContext ctx, io.gatling.core.action.Action next) {
        StatsTap.install(ctx);
        LoadGenerator.capture(ctx);
        return inner.build(ctx, next);
      }
    };
    return () -> tapped;
  }

  /** Notes status and Gatling's timestamps of the response for the post step; always succeeds. */
  private static final class RecordingCheck implements Check<Response> {
    static final RecordingCheck INSTANCE = new RecordingCheck();

    @Override
    public Validation<CheckResult> check(Response response, io.gatling.core.session.Session session,
        java.util.Map<Object, Object> preparedCache) {
      note(response, session.userId());
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

  private static Response onResponse(Response response, Session session) {
    note(response, session.userId());
    return response;
  }

  private static void note(Response response, long userId) {
    Slot slot = SLOT.get();
    slot.userId = userId;
    slot.status = response.status().code();
    slot.latency = Math.max(0, response.endTimestamp() - response.startTimestamp());
  }

  private static Session pre(Session session) {
    CurrentRun.measurements().requestSent();
    if (session.isFailed()) {
      return session.markAsSucceeded().set(WAS_FAILED, Boolean.TRUE);
    }
    return session;
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
    Measurements m = CurrentRun.measurements();
    String failure = null;
    long failedAfter = -1;
    if (slot.failureName != null) {
      if (ko && name.equals(slot.failureName)) {
        failure = slot.failureMessage;
        failedAfter = slot.failureLatency;
      }
      slot.failureMessage = null;
      slot.failureName = null;
    }
    boolean counted = !name.equals(slot.notCountedName);
    slot.notCountedName = null;
    if (counted && slot.userId == session.userId()) {
      m.record(name, slot.status, slot.latency, ko, failure);
    } else if (counted && ko) {
      m.record(name, 0, failedAfter, true, failure); // no response: the time until the failure
    } else if (counted) {
      m.recordUnseen(name); // a response we did not see: should not happen
    }
    // Not counted: Gatling's report leaves it out (it ended after Gatling stopped counting), so does
    // the summary; sent and never completed, it stays in flight in the last row of series.csv.
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

  private static Field wrappedField() {
    try {
      Field f = io.gatling.javaapi.http.RequestActionBuilder.class.getDeclaredField("wrapped");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("[results] cannot read Gatling request names: " + e);
      return null;
    }
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
