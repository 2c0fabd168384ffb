package interviews.loadtest.reference.http;

import interviews.loadtest.reference.Knobs;
import interviews.loadtest.reference.Route;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults the knobs inject into API requests: answers 503, 429 or 500 instead of serving the
 * request, and latency added to every response. (Refused connections are the listener's business.)
 */
final class InjectedFaults {

  private final Knobs knobs;

  InjectedFaults(Knobs knobs) {
    this.knobs = knobs;
  }

  /**
   * An injected 503, 429 or 500 for this request, or {@code null}. One draw decides: while the three
   * shares add up to at most 1 each gets exactly its share; above that, 503 then 429 come first.
   * The health probe is never throttled: Django REST framework throttles API views, not probes.
   */
  Reply draw(Route route) {
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
    return reply.header("Retry-After", Long.toString(retryAfter));
  }

  /** Waits out the added latency, if any, without holding a handler. */
  void addLatency() {
    long latency = knobs.latencyMs();
    if (latency > 0) {
      sleep(latency);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
