package interviews.loadtest.reference.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import interviews.loadtest.reference.Database;
import interviews.loadtest.reference.Drift;
import interviews.loadtest.reference.Knobs;
import interviews.loadtest.reference.Notifications;
import interviews.loadtest.reference.Route;
import interviews.loadtest.reference.TargetMetrics;
import interviews.loadtest.reference.TargetSettings;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one HTTP handler of the reference target: the way of every request. It is routed
 * ({@link Router}); an API request then meets the injected faults ({@link InjectedFaults}), takes
 * a request handler ({@link HandlerPool}), waits out its service time, holds a database
 * connection for the query time and is served
 * ({@link Endpoints}), which the {@link Drift} counts; {@code /admin/knobs} and {@code /metrics}
 * are served beside. The answer is shaped by the {@link Dialect}, counted in the metrics and
 * written ({@link Reply}).
 */
public final class HttpApi implements HttpHandler {

  private final Dialect dialect;
  private final Knobs knobs;
  private final Drift drift;
  private final TargetMetrics metrics;
  private final Router router;
  private final InjectedFaults faults;
  private final HandlerPool handlers;
  private final Endpoints endpoints;
  private final AdminKnobs admin;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closing;

  public HttpApi(TargetSettings settings, Database db, Notifications notifications, Knobs knobs, Drift drift,
      TargetMetrics metrics) {
    this.dialect = new Dialect(settings);
    this.knobs = knobs;
    this.drift = drift;
    this.metrics = metrics;
    Requests requests = new Requests(settings.maxBodyBytes);
    this.router = new Router(settings.adminEnabled, dialect);
    this.faults = new InjectedFaults(knobs);
    this.handlers = new HandlerPool(settings.handlers, settings.queueLimit);
    this.endpoints = new Endpoints(settings, dialect, db, notifications, requests);
    this.admin = new AdminKnobs(knobs, settings, requests);
  }

  /** Request handlers processing a request. */
  public int busyHandlers() {
    return handlers.busy();
  }

  /** Requests waiting for a free request handler. */
  public int waitingForHandler() {
    return handlers.waiting();
  }

  /** Requests being processed, waiting for a handler or being written. */
  public int inFlight() {
    return inFlight.get();
  }

  /** From now on every request is answered 503 with {@code Connection: close}. */
  public void startClosing() {
    closing = true;
  }

  @Override
  public void handle(HttpExchange ex) {
    long t0 = System.nanoTime();
    inFlight.incrementAndGet();
    metrics.requestStarted();
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    Route route = Route.UNKNOWN;
    Reply reply;
    try {
      Router.Resolved r = router.resolve(method, ex.getRequestURI());
      route = r.route();
      reply = dispatch(ex, method, r);
    } catch (ApiException e) {
      reply = Reply.of(e);
    } catch (RuntimeException e) {
      reply = Reply.error(500, "Internal server error.");
    }
    if (dialect.extraFields && route != Route.ADMIN && reply.isJson()) {
      reply = reply.withBody(Dialect.withExtraFields(reply.body(), reply.status(), reply.caller()));
    }
    if (dialect.connectionClose) {
      // The JDK server closes the connection after a response that carries this header.
      reply.header("Connection", "close");
    }
    // Recorded before the response is written, so that a client that has its response can already
    // see it counted (the write itself is not part of the duration).
    metrics.record(route.label(), metricMethod(method), reply.status(), (System.nanoTime() - t0) / 1e9);
    try {
      reply.send(ex, method);
    } catch (IOException | RuntimeException e) {
      // The client went away (or connections are being refused); nothing to answer.
    } finally {
      ex.close();
      metrics.requestEnded();
      inFlight.decrementAndGet();
    }
  }

  private Reply dispatch(HttpExchange ex, String method, Router.Resolved r) throws ApiException {
    if (closing) {
      return Reply.error(503, "The server is shutting down.").header("Connection", "close");
    }
    Route route = r.route();
    if (route == Route.UNKNOWN) {
      return Reply.error(404, "Not found.");
    }
    if (r.redirect() != null) {
      return Reply.movedPermanently(r.redirect());
    }
    if (!r.allows(method)) {
      return Reply.error(405, "Method \"" + method + "\" not allowed.").header("Allow", r.allow());
    }
    if (route == Route.METRICS) {
      return metricsReply();
    }
    if (route == Route.ADMIN) {
      return admin.serve(ex, method);
    }
    // API routes: faults (answered at once, without a handler), then the handler pool, then the endpoint.
    Reply reply = faults.draw(route);
    if (reply == null && route.pooled()) {
      handlers.acquire();
      try {
        reply = serveHoldingHandler(ex, route, r.id());
        drift.requestServed(route, reply.status());
      } finally {
        handlers.release();
      }
    } else if (reply == null) {
      reply = endpoints.serve(ex, route, r.id());
    }
    faults.addLatency();
    return reply;
  }

  private Reply metricsReply() throws ApiException {
    try {
      return Reply.bytes(metrics.scrape(), metrics.contentType());
    } catch (IOException e) {
      throw new ApiException(500, "Could not write the metrics.");
    }
  }

  /**
   * Waits out the service time (with the drift's latency leak), holds a database connection for the
   * query time, then serves the request.
   */
  private Reply serveHoldingHandler(HttpExchange ex, Route route, long id) {
    if (knobs.waitsBeforeServing(route)) {
      try {
        knobs.awaitServiceTime(route);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      endpoints.runSlowQuery(knobs.queryTimeMs());
      return endpoints.serve(ex, route, id);
    } catch (ApiException e) {
      return Reply.of(e);
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
}
