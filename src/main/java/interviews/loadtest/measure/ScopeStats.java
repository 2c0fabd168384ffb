package interviews.loadtest.measure;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What the requests of one scope (a request name, or all of them: global) came to: a copy taken
 * when asked for, which later recording does not change.
 *
 * @param ok Gatling OK, status not 409
 * @param race Gatling OK with status 409: a lost race the request accepts
 * @param ko Gatling KO: a check failed, or no response
 * @param noResponse the KOs without any response (connection refused, closed, timeout)
 * @param errorsByStatus KOs by status ("500"; "none" without a response), sorted by key
 * @param errorsByMessage KOs by message ("HTTP 500", "no response: timeout"), sorted by key
 * @param errorsByCause KOs by {@link ErrorCause}, sorted by key
 * @param latency how long the requests that ended took, in ms (HdrHistogram, 3 significant
 *     digits), failed ones included: a request without a response counts with the time Gatling
 *     gave it until the failure (a timeout, a refused connection), as Gatling's report counts it.
 *     Only a request whose time Gatling did not report (it could not be sent) has none.
 * @param okLatency the same over the Gatling-OK requests only (ok + race)
 */
public record ScopeStats(
    long ok,
    long race,
    long ko,
    long noResponse,
    Map<String, Long> errorsByStatus,
    Map<String, Long> errorsByMessage,
    Map<String, Long> errorsByCause,
    Histogram latency,
    Histogram okLatency) {

  /** ok + race + ko. */
  public long requests() {
    return ok + race + ko;
  }
}
