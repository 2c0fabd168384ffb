package interviews.loadtest.measure;

import interviews.loadtest.measure.RequestStats.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Everything recorded during one run: per request name and global counters and histograms,
 * journeys, the per-second rows, and the HdrHistogram log. The hot path ({@link #record}) only
 * touches {@link LongAdder}s and HdrHistogram recorders; {@link #tick} runs once a second on the
 * ticker thread.
 */
public final class Measurements {

  /** The scope of all requests together (an SLO scope, the key of their histograms); untagged in the hlog. */
  public static final String GLOBAL = "global";
  /** What the console prints for a figure without samples, e.g. a p95 when every request failed. */
  public static final String NO_VALUE = "\u2013";

  /** How many journeys started and ended. */
  public record Journeys(long started, long ended) {}

  private final long startMillis;
  private final RequestStats global = new RequestStats(GLOBAL);
  private final ConcurrentHashMap<String, RequestStats> byName = new ConcurrentHashMap<>();
  /** Per group name: each group's duration (see {@link Measured#group}); no part of the global figures. */
  private final ConcurrentHashMap<String, RequestStats> groups = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder[]> journeys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, JourneyDurations> journeyDurations = new ConcurrentHashMap<>();
  private final LongAdder journeysStarted = new LongAdder();
  private final LongAdder journeysEnded = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder unmatched = new LongAdder();
  private final LongAdder secRequests = new LongAdder();
  private final LongAdder secOk = new LongAdder();
  private final LongAdder secRaces = new LongAdder();
  private final LongAdder secErrors = new LongAdder();
  private final LongAdder secStarted = new LongAdder();
  private final LongAdder secEnded = new LongAdder();

  private final List<SecondRow> rows = Collections.synchronizedList(new ArrayList<>());
  private final ByteArrayOutputStream hlogBytes = new ByteArrayOutputStream();
  private final HistogramLogWriter hlog;
  private long lastTickMillis;
  private long second;

  public Measurements(long startMillis) {
    this.startMillis = startMillis;
    this.lastTickMillis = startMillis;
    this.hlog = new HistogramLogWriter(new PrintStream(hlogBytes, false, StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- hot path

  /**
   * Records one request.
   *
   * @param latencyMs end minus start as Gatling measures it (for a request without a response: until
   *     the failure, e.g. the timeout), or -1 when Gatling gave it no time
   * @param status the HTTP status, or 0 when there was no response
   * @param ko Gatling's verdict (a check failed or no response)
   * @param failure Gatling's failure message of a KO, or null when not known
   */
  public void record(String name, int status, long latencyMs, boolean ko, String failure) {
    Outcome outcome = ko ? Outcome.KO : (status == 409 ? Outcome.RACE : Outcome.OK);
    String statusKey = null;
    String message = null;
    String cause = null;
    if (ko) {
      cause = ErrorCause.of(status, failure);
      statusKey = status == 0 ? RequestStats.NO_STATUS : Integer.toString(status);
      message = status == 0 ? ErrorCause.noResponseMessage(cause)
          : ErrorCause.REDIRECT.equals(cause) ? "HTTP " + status + " redirect, not followed"
          : (status >= 200 && status < 400 ? "check failed on HTTP " + status : "HTTP " + status);
    }
    RequestStats s = byName.get(name);
    if (s == null) {
      s = byName.computeIfAbsent(name, RequestStats::new);
    }
    s.record(outcome, latencyMs, statusKey, message, cause);
    global.record(outcome, latencyMs, statusKey, message, cause);
    completed.increment();
    secRequests.increment();
    switch (outcome) {
      case OK -> secOk.increment();
      case RACE -> secRaces.increment();
      case KO -> secErrors.increment();
    }
  }

  /** Records a request Gatling counted OK whose response the layer did not see (should not happen). */
  public void recordUnseen(String name) {
    unmatched.increment();
    record(name, 0, -1, false, null);
  }

  /**
   * Records one pass through a group: its duration, and whether a request in it failed. A group is
   * no request: it counts neither in the global figures nor in the per-second rows.
   */
  public void recordGroup(String name, long durationMs, boolean ko) {
    RequestStats s = groups.get(name);
    if (s == null) {
      s = groups.computeIfAbsent(name, RequestStats::new);
    }
    s.record(ko ? Outcome.KO : Outcome.OK, Math.max(0, durationMs), ko ? "group" : null,
        ko ? "a request of the group failed" : null, ko ? ErrorCause.CHECK_FAILED : null);
  }

  public void requestSent() {
    sent.increment();
  }

  public void journeyStarted(String journey) {
    journeysStarted.increment();
    secStarted.increment();
    journeyCounters(journey)[0].increment();
  }

  /** Counts a journey as ended, without its duration (see {@link #journeyEnded(String, long)}). */
  public void journeyEnded(String journey) {
    journeysEnded.increment();
    secEnded.increment();
    journeyCounters(journey)[1].increment();
  }

  /** Counts a journey as ended, as {@link #journeyEnded(String)}, and records how long it lasted. */
  public void journeyEnded(String journey, long durationMs) {
    journeyEnded(journey);
    JourneyDurations d = journeyDurations.get(journey);
    if (d == null) {
      d = journeyDurations.computeIfAbsent(journey, k -> new JourneyDurations());
    }
    d.record(durationMs);
  }

  private LongAdder[] journeyCounters(String journey) {
    LongAdder[] c = journeys.get(journey);
    if (c == null) {
      c = journeys.computeIfAbsent(journey, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
    }
    return c;
  }

  // ---------------------------------------------------------------- ticker

  /** Closes the current second: drains the interval histograms and appends a row. */
  public synchronized SecondRow tick(long nowMillis, Map<String, Double> server) {
    second++;
    Histogram[] g = global.drainInterval();
    writeHlog(g[0], HlogTags.tag(null, false), nowMillis);
    writeHlog(g[1], HlogTags.tag(null, true), nowMillis);
    for (RequestStats s : byName.values()) {
      Histogram[] h = s.drainInterval();
      writeHlog(h[0], HlogTags.tag(s.name, false), nowMillis);
      writeHlog(h[1], HlogTags.tag(s.name, true), nowMillis);
    }
    for (RequestStats s : groups.values()) {
      s.drainInterval();
    }
    long inFlight = Math.max(0, sent.sum() - completed.sum());
    SecondRow row =
        new SecondRow(
            second,
            nowMillis,
            secStarted.sumThenReset(),
            secEnded.sumThenReset(),
            Math.max(0, journeysStarted.sum() - journeysEnded.sum()),
            secRequests.sumThenReset(),
            secOk.sumThenReset(),
            secRaces.sumThenReset(),
            secErrors.sumThenReset(),
            inFlight,
            percentile(g[0], 50),
            percentile(g[0], 95),
            percentile(g[0], 99),
            percentile(g[0], 100),
            percentile(g[1], 50),
            percentile(g[1], 95),
            percentile(g[1], 99),
            percentile(g[1], 100),
            server == null ? Map.of() : server);
    rows.add(row);
    lastTickMillis = nowMillis;
    return row;
  }

  /** The value at {@code rank} (100: the maximum), NaN for an empty histogram. */
  private static double percentile(Histogram h, double rank) {
    if (h.getTotalCount() == 0) {
      return Double.NaN;
    }
    return rank >= 100 ? h.getMaxValue() : h.getValueAtPercentile(rank);
  }

  private void writeHlog(Histogram h, String tag, long nowMillis) {
    if (h.getTotalCount() == 0) {
      return;
    }
    h.setTag(tag);
    double start = (lastTickMillis - startMillis) / 1000.0;
    double end = (nowMillis - startMillis) / 1000.0;
    hlog.outputIntervalHistogram(start, end, h, 1.0);
  }

  /** The hlog text: header written by {@link #hlogText}, intervals as recorded. */
  public synchronized String hlogText(String runId, String simulation) {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    HistogramLogWriter w = new HistogramLogWriter(new PrintStream(header, false, StandardCharsets.UTF_8));
    w.outputComment("[interviews.loadtest.results histogram log: run " + runId + ", simulation " + simulation + "]");
    w.outputComment("[values: milliseconds each request waited for its response or failure; untagged = all requests,"
        + " Tag=<name> = one request name (percent-encoded); Tag=ok:* and Tag=ok:<name> = the same, Gatling-OK requests only]");
    w.outputLogFormatVersion();
    w.outputStartTime(startMillis);
    w.outputBaseTime(startMillis);
    w.outputLegend();
    return header.toString(StandardCharsets.UTF_8) + hlogBytes.toString(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- readers

  /**
   * The latencies of {@code scope} ({@value #GLOBAL}, or a request name) second by second, all
   * requests that ended, failed ones included: read back from the histogram log, which holds the
   * whole run at a few hundred bytes a second, so that any window of the run can be judged at its end.
   */
  public List<SecondHistogram> secondsOf(String scope) {
    String tag = HlogTags.tag(GLOBAL.equals(scope) ? null : scope, false);
    String text = hlogText("read-back", "read-back");
    List<SecondHistogram> out = new ArrayList<>();
    HistogramLogReader reader = new HistogramLogReader(
        new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    for (EncodableHistogram e = reader.nextIntervalHistogram(); e != null; e = reader.nextIntervalHistogram()) {
      if (java.util.Objects.equals(tag, e.getTag()) && e instanceof Histogram h) {
        out.add(new SecondHistogram((h.getStartTimeStamp() - startMillis) / 1000.0,
            (h.getEndTimeStamp() - startMillis) / 1000.0, h));
      }
    }
    return out;
  }

  public List<SecondRow> rows() {
    synchronized (rows) {
      return List.copyOf(rows);
    }
  }

  /** Request names seen, sorted. */
  public List<String> names() {
    return new ArrayList<>(new TreeMap<>(byName).keySet());
  }

  /** What all requests came to. */
  public ScopeStats global() {
    return global.snapshot();
  }

  /**
   * What the requests named {@code scope} came to ({@value #GLOBAL}: all requests; a group's name:
   * its passes, by duration), or null when nothing of that name was recorded.
   */
  public ScopeStats scope(String scope) {
    RequestStats s = GLOBAL.equals(scope) ? global : byName.getOrDefault(scope, groups.get(scope));
    return s == null ? null : s.snapshot();
  }

  /** Journeys started and ended, all names together. */
  public Journeys journeys() {
    return new Journeys(journeysStarted.sum(), journeysEnded.sum());
  }

  /** Journeys started and ended, by journey name, sorted. */
  public SortedMap<String, Journeys> journeysByName() {
    SortedMap<String, Journeys> out = new TreeMap<>();
    journeys.forEach((k, v) -> out.put(k, new Journeys(v[0].sum(), v[1].sum())));
    return out;
  }

  /**
   * How long the journeys named {@code journey} that ended so far lasted, start to end, in ms (a
   * copy; empty when none ended with its duration).
   */
  public Histogram journeyDurations(String journey) {
    JourneyDurations d = journeyDurations.get(journey);
    return d == null ? new Histogram(3) : d.soFar();
  }

  /** Requests Gatling counted OK whose response the layer did not see (should be 0). */
  public long unmatched() {
    return unmatched.sum();
  }

  /**
   * The end-of-run line of the run's errors by cause, most frequent first, or null without
   * errors: {@code [results] errors by cause: connection refused 812, HTTP 5xx 3}.
   */
  public String errorsByCauseLine() {
    Map<String, Long> causes = RequestStats.sorted(global.errorsByCause);
    if (causes.isEmpty()) {
      return null;
    }
    java.util.StringJoiner list = new java.util.StringJoiner(", ", "[results] errors by cause: ",
        String.format(Locale.ROOT, " (%d failed requests of %d)", global.ko.sum(), global.requests()));
    causes.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> list.add(e.getKey() + " " + e.getValue()));
    return list.toString();
  }

  /** One console line over the last {@code seconds} rows. */
  public String consoleLine(int seconds, Map<String, Double> server) {
    List<SecondRow> all = rows();
    if (all.isEmpty()) {
      return null;
    }
    List<SecondRow> last = all.subList(Math.max(0, all.size() - seconds), all.size());
    long req = 0;
    long err = 0;
    long races = 0;
    long started = 0;
    double p95 = Double.NaN;
    for (SecondRow r : last) {
      req += r.requests();
      err += r.errors();
      races += r.races();
      started += r.journeysStarted();
      if (!Double.isNaN(r.p95())) {
        p95 = Double.isNaN(p95) ? r.p95() : Math.max(p95, r.p95());
      }
    }
    SecondRow now = all.get(all.size() - 1);
    double span = last.size();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "[results] t=%ds journeys/s=%.1f req/s=%.1f p95=%s err=%.2f%% race=%.2f%% users=%d inflight=%d",
        now.second(), started / span, req / span, Double.isNaN(p95) ? NO_VALUE : (long) p95 + "ms",
        req == 0 ? 0.0 : 100.0 * err / req, req == 0 ? 0.0 : 100.0 * races / req,
        now.usersActive(), now.inFlight()));
    if (server != null) {
      if (server.containsKey("cpu")) {
        sb.append(String.format(Locale.ROOT, " srv_cpu=%.2f", server.get("cpu")));
      }
      if (server.containsKey("queue-depth")) {
        sb.append(String.format(Locale.ROOT, " srv_queue=%.0f", server.get("queue-depth")));
      }
      if (server.containsKey("db-pending")) {
        sb.append(String.format(Locale.ROOT, " srv_db_wait=%.0f", server.get("db-pending")));
      }
    }
    return sb.toString();
  }
}
