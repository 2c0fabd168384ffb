package interviews.loadtest.results.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.Map;

/**
 * What the requests of one scope came to: {@code global} and each {@code requests.<name>} in
 * summary.json.
 *
 * <p>A merged summary whose inputs lacked their run summaries knows only the histograms: then
 * {@code ok}, {@code race} and {@code ko} are null and the fields after them, but
 * {@code latencyMs}, are left out.
 *
 * @param requests ok + race + ko (the histogram's count when the counts are unknown)
 * @param ok Gatling OK, status not 409
 * @param race Gatling OK with status 409: a lost race the request accepts
 * @param ko Gatling KO: a check failed, or no response
 * @param noResponse the KOs without any response
 * @param gatlingOk ok + race: the OK column of Gatling's report
 * @param gatlingKo ko: the KO column of Gatling's report
 * @param errorRate ko / requests (0 without requests), rounded to 6 decimals
 * @param latencyMs how long the requests that ended took, failed ones included: a request without
 *     a response with the time until its failure (timeout, refused connection), as Gatling's
 *     report counts it. What SLOs on latency judge.
 * @param latencyOkMs the same over the Gatling-OK requests only (ok + race); left out of a merged
 *     summary whose logs do not all hold OK streams
 * @param errorsByStatus KOs by status ("500"; "none" without a response)
 * @param errorsByMessage KOs by message
 * @param errorsByCause KOs by cause (measure/ErrorCause)
 */
public record RequestSummary(
    long requests,
    Long ok,
    Long race,
    Long ko,
    @JsonInclude(Include.NON_NULL) Long noResponse,
    @JsonInclude(Include.NON_NULL) Long gatlingOk,
    @JsonInclude(Include.NON_NULL) Long gatlingKo,
    @JsonInclude(Include.NON_NULL) Double errorRate,
    LatencySummary latencyMs,
    @JsonInclude(Include.NON_NULL) LatencySummary latencyOkMs,
    @JsonInclude(Include.NON_NULL) Map<String, Long> errorsByStatus,
    @JsonInclude(Include.NON_NULL) Map<String, Long> errorsByMessage,
    @JsonInclude(Include.NON_NULL) Map<String, Long> errorsByCause) {

  /** A scope of which only the latencies are known (a merge without the runs' summaries). */
  public static RequestSummary latencyOnly(LatencySummary latency, LatencySummary okLatency) {
    return new RequestSummary(latency.count(), null, null, null, null, null, null, null, latency, okLatency, null,
        null, null);
  }
}
