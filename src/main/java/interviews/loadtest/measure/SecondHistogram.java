package interviews.loadtest.measure;

import org.HdrHistogram.Histogram;

/**
 * The latencies of one stream of the run's histogram log in one second: what ended between
 * {@code startSecond} and {@code endSecond} (seconds since the run began, as in series.csv).
 */
public record SecondHistogram(double startSecond, double endSecond, Histogram latency) {}
