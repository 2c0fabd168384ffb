package interviews.loadtest.results.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;
import java.util.Map;

/**
 * The {@code summary.json} of several runs merged (results/MergeHistograms): latencies from the
 * runs' histograms added together, counts summed from their summaries.
 *
 * @param merged the histogram logs merged, as given
 * @param runIds the runs' ids, from their summaries
 * @param simulations the simulations run, each once
 * @param start the earliest start, null without summaries
 * @param end the latest end, null without summaries
 * @param countsFromSummaries every log had its summary.json beside it, so counts are known
 * @param journeys summed; left out when the counts are not known
 */
public record MergedSummary(
    String schema,
    List<String> merged,
    List<String> runIds,
    List<String> simulations,
    String start,
    String end,
    boolean countsFromSummaries,
    @JsonInclude(Include.NON_NULL) JourneyCounts journeys,
    RequestSummary global,
    Map<String, RequestSummary> requests) {}
