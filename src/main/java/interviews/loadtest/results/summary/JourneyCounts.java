package interviews.loadtest.results.summary;

import java.util.Map;

/**
 * Journeys started and ended: {@code journeys} in summary.json. A journey still under way when the
 * run ended (e.g. cut by Gatling's maxDuration) counts as started, not ended.
 *
 * @param byName the same per journey name, sorted by name
 */
public record JourneyCounts(long started, long ended, Map<String, Tally> byName) {

  /** Started and ended journeys of one name. */
  public record Tally(long started, long ended) {}
}
