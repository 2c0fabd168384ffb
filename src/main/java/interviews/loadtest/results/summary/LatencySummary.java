package interviews.loadtest.results.summary;

/**
 * Response-time statistics of a scope in whole milliseconds, from an HdrHistogram (3 significant
 * digits): {@code latencyMs} in summary.json. Every figure but {@code count} is null when nothing
 * was recorded.
 *
 * @param count values recorded
 * @param mean rounded to 3 decimals
 * @param stdDev rounded to 3 decimals
 */
public record LatencySummary(
    long count,
    Long min,
    Double mean,
    Long p50,
    Long p75,
    Long p95,
    Long p99,
    Long p999,
    Long max,
    Double stdDev) {}
