package interviews.loadtest.measure.gatling;

import interviews.loadtest.measure.ErrorCause;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.Status;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.session.GroupBlock;
import io.gatling.core.stats.DataWritersStatsEngine;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.http.engine.tx.HttpTxExecutor;
import io.gatling.http.protocol.HttpComponents;
import io.gatling.http.protocol.HttpProtocol;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import scala.Option;
import scala.collection.immutable.List;

/**
 * Tells the measurement layer what Gatling's statistics made of a request that the layer cannot
 * see for itself: the failure message and timing of a failed request, so that a request without
 * a response can be told apart by cause (connection refused, closed, timeout) and counts in the
 * latencies with the time it waited; and whether Gatling still counted the request at all, so
 * that the summary counts what Gatling's report counts.
 *
 * <p>Gatling 3.15 has no public hook for this: a failed request's message ("Connection refused",
 * "Request timeout to ... after 30000 ms") goes only to its statistics engine and its debug log;
 * checks never see a request without a response, and the session only gets marked failed. Once
 * Gatling has stopped its statistics (at the end of the run, e.g. when {@code maxDuration} cut
 * it), a response still arriving is dropped from its report without a word. So when a measured
 * request's action is built, this wraps the statistics engine that Gatling's HTTP engine reports
 * responses to (one per protocol, held by its {@code DefaultStatsProcessor}) in a
 * {@link StatsTap}: it passes everything on unchanged and, for a KO, notes the request name,
 * message and Gatling's end minus start (for a request without a response: from sending until the
 * failure) in the per-thread slot of {@link MeasuredRequest}; for a response Gatling no longer
 * counts, it notes that. Gatling reports a response and then runs the next action, the measured
 * request's post step, synchronously on the same thread, which reads the note. The tap costs a
 * comparison and a flag read per response and a thread-local write per failure.
 *
 * <p>If a Gatling upgrade moves the fields, {@link #install} prints one line and the layer still
 * measures everything; failures without a response are then counted under
 * {@link ErrorCause#NO_RESPONSE}, without a time, and responses after Gatling's stop are counted.
 */
final class StatsTap implements StatsEngine {

  private static final Field STATS_PROCESSOR;
  private static final Field STATS_ENGINE;
  private static volatile boolean warned;

  static {
    Field processor = null;
    Field engine = null;
    try {
      processor = HttpTxExecutor.class.getDeclaredField("defaultStatsProcessor");
      processor.setAccessible(true);
      engine = io.gatling.http.engine.response.DefaultStatsProcessor.class.getDeclaredField("statsEngine");
      engine.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      processor = null;
      engine = null;
      warn(e);
    }
    STATS_PROCESSOR = processor;
    STATS_ENGINE = engine;
  }

  private final StatsEngine delegate;
  /** The delegate's "still recording" flag, or null when it has none we can read. */
  private final AtomicBoolean recording;

  StatsTap(StatsEngine delegate) {
    this.delegate = delegate;
    this.recording = recordingFlag(delegate);
  }

  /** Gatling's own statistics engine drops what it is given once stopped, after this flag. */
  private static AtomicBoolean recordingFlag(StatsEngine engine) {
    if (!(engine instanceof DataWritersStatsEngine)) {
      return null;
    }
    try {
      Field active = DataWritersStatsEngine.class.getDeclaredField("active");
      active.setAccessible(true);
      return (AtomicBoolean) active.get(engine);
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("[results] cannot tell when Gatling stops counting (" + e
          + "); responses after its stop are counted in the summary, not in its report");
      return null;
    }
  }

  /**
   * Wraps the statistics engine of the scenario's HTTP engine, once; later calls find it wrapped.
   * Returns whether the tap is in place.
   */
  static boolean install(ScenarioContext ctx) {
    if (STATS_ENGINE == null) {
      return false;
    }
    try {
      HttpComponents components = ctx.protocolComponentsRegistry().components(HttpProtocol.HttpProtocolKey());
      Object processor = STATS_PROCESSOR.get(components.httpTxExecutor());
      synchronized (processor) {
        StatsEngine engine = (StatsEngine) STATS_ENGINE.get(processor);
        if (!(engine instanceof StatsTap)) {
          STATS_ENGINE.set(processor, new StatsTap(engine));
        }
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      warn(e);
      return false;
    }
  }

  private static void warn(Exception e) {
    if (!warned) {
      warned = true;
      System.err.println("[results] cannot read Gatling's failure messages (" + e
          + "); requests without a response are counted as '" + ErrorCause.NO_RESPONSE + "'");
    }
  }

  // ------------------------------------------------------------------------ the tapped calls

  @Override
  public void logResponse(String scenario, List<String> groups, String requestName, long startTimestamp,
      long endTimestamp, Status status, Option<String> responseCode, Option<String> message) {
    // As Gatling's engine decides it: a response with a negative end, or after its stop, is dropped.
    boolean counted = endTimestamp >= 0 && (recording == null || recording.get());
    delegate.logResponse(scenario, groups, requestName, startTimestamp, endTimestamp, status, responseCode, message);
    if (!counted) {
      MeasuredRequest.noteNotCounted(requestName);
    } else if (status == KO$.MODULE$) {
      MeasuredRequest.noteFailure(requestName, message.isDefined() ? message.get() : null,
          startTimestamp > 0 && endTimestamp >= startTimestamp ? endTimestamp - startTimestamp : -1);
    }
  }

  // ------------------------------------------------------------------------ passed on unchanged

  @Override
  public void start() {
    delegate.start();
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public void stop(ActorRef controller, Option exception) {
    delegate.stop(controller, exception);
  }

  @Override
  public void logUserStart(String scenario) {
    delegate.logUserStart(scenario);
  }

  @Override
  public void logUserEnd(String scenario) {
    delegate.logUserEnd(scenario);
  }

  @Override
  public void logGroupEnd(String scenario, GroupBlock groupBlock, long exitTimestamp) {
    delegate.logGroupEnd(scenario, groupBlock, exitTimestamp);
  }

  @Override
  public void logRequestCrash(String scenario, List<String> groups, String requestName, String error) {
    delegate.logRequestCrash(scenario, groups, requestName, error);
    MeasuredRequest.noteFailure(requestName, error, -1); // never sent: Gatling gives it no time either
  }

  @Override
  public io.netty.channel.ChannelHandler statsChannelHandler(String name) {
    return delegate.statsChannelHandler(name);
  }

  @Override
  public void logTcpConnectAttempt(InetSocketAddress remoteAddress) {
    delegate.logTcpConnectAttempt(remoteAddress);
  }

  @Override
  public void logTcpConnect(String remoteAddress, long startTimestamp, long endTimestamp, Option<String> error) {
    delegate.logTcpConnect(remoteAddress, startTimestamp, endTimestamp, error);
  }

  @Override
  public void logTlsHandshake(String remoteAddress, long startTimestamp, long endTimestamp, Option<String> error) {
    delegate.logTlsHandshake(remoteAddress, startTimestamp, endTimestamp, error);
  }
}
