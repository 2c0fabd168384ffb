package interviews.loadtest.reference.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import interviews.loadtest.reference.Drift;
import interviews.loadtest.reference.Knobs;
import interviews.loadtest.reference.Route;
import interviews.loadtest.reference.TargetSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/knobs} answers the knobs' values; {@code POST /admin/knobs} with a JSON object
 * of some of them changes those, all or nothing, then answers the new values. Exposed only when
 * {@code reference-target.admin.enabled} (the standalone command's {@code --admin}).
 */
final class AdminKnobs {

  private final Knobs knobs;
  private final TargetSettings initial;
  private final Requests requests;

  AdminKnobs(Knobs knobs, TargetSettings initial, Requests requests) {
    this.knobs = knobs;
    this.initial = initial;
    this.requests = requests;
  }

  Reply serve(HttpExchange ex, String method) throws ApiException {
    if ("POST".equals(method)) {
      ObjectNode body = requests.jsonBody(ex);
      apply(body);
    }
    return Reply.json(200, knobs.snapshot());
  }

  /** Validates every field first, then applies them all, so a bad request changes nothing. */
  private void apply(ObjectNode body) throws ApiException {
    List<Runnable> changes = new ArrayList<>();
    // The two memory leak knobs are checked together; one not in the body keeps its value (after a
    // reset, its start value).
    boolean reset = body.path("reset").asBoolean(false);
    long leakPerRequest = reset ? initial.memoryLeakPerRequestBytes : knobs.memoryLeakPerRequestBytes();
    long leakCap = reset ? initial.memoryLeakCapBytes : knobs.memoryLeakCapBytes();
    boolean memoryLeak = false;
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
        case "query_time_ms": {
          long ms = millis(key, v);
          changes.add(() -> knobs.queryTimeMs(ms));
          break;
        }
        case "latency_leak_ms": {
          long ms = millis(key, v);
          changes.add(() -> knobs.latencyLeakMs(ms));
          break;
        }
        case "job_slowdown_ms": {
          long ms = whole(key, v, Drift.MAX_JOB_SLOWDOWN_MS);
          changes.add(() -> knobs.jobSlowdownMs(ms));
          break;
        }
        case "connection_leak_every": {
          long every = whole(key, v, Drift.MAX_CONNECTION_LEAK_EVERY);
          changes.add(() -> knobs.connectionLeakEvery(every));
          break;
        }
        case "memory_leak_per_request_bytes":
          leakPerRequest = whole(key, v, Drift.MAX_MEMORY_LEAK_PER_REQUEST);
          memoryLeak = true;
          break;
        case "memory_leak_cap_bytes":
          leakCap = whole(key, v, Drift.MAX_MEMORY_LEAK_CAP);
          memoryLeak = true;
          break;
        case "refuse_connections_ms": {
          long ms = millis(key, v);
          if (ms < 1) {
            throw new ApiException(400, "refuse_connections_ms: must be an integer from 1 to 600000");
          }
          // Answer first, then refuse: the admin path itself is unreachable while connections are refused.
          changes.add(() -> new Thread(() -> {
            InjectedFaults.sleep(100);
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
              throw new ApiException(400, "service_time_ms: unknown route '" + Requests.clip(re.getKey())
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
          throw new ApiException(400, "Unknown knob '" + Requests.clip(key) + "': expected error_rate, throttle_rate, "
              + "unavailable_rate, retry_after_s, latency_ms, job_delay_ms, query_time_ms, refuse_connections_ms, "
              + "service_time_ms, latency_leak_ms, connection_leak_every, job_slowdown_ms, memory_leak_per_request_bytes, "
              + "memory_leak_cap_bytes or reset");
      }
    }
    if (memoryLeak) {
      long perRequest = leakPerRequest;
      long cap = leakCap;
      try {
        Drift.checkMemoryLeak(perRequest, cap);
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "memory_leak_cap_bytes: must be at most a quarter of the max heap, "
            + Drift.maxMemoryLeakCap() + " bytes, while memory_leak_per_request_bytes is above 0");
      }
      changes.add(() -> knobs.memoryLeak(perRequest, cap));
    }
    changes.forEach(Runnable::run);
  }

  private static double share(String key, JsonNode v) throws ApiException {
    if (!v.isNumber() || v.doubleValue() < 0 || v.doubleValue() > 1) {
      throw new ApiException(400, key + ": must be a number from 0 to 1");
    }
    return v.doubleValue();
  }

  private static long whole(String key, JsonNode v, long max) throws ApiException {
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > max) {
      throw new ApiException(400, key + ": must be an integer from 0 to " + max);
    }
    return v.longValue();
  }

  private static long millis(String key, JsonNode v) throws ApiException {
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > 600_000) {
      throw new ApiException(400, key + ": must be an integer from 0 to 600000");
    }
    return v.longValue();
  }
}
