package interviews.loadtest.slo;

import interviews.loadtest.measure.Measurements;
import interviews.loadtest.measure.ScopeStats;
import interviews.loadtest.measure.SecondRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Stops a run live once an SLO with {@link Slo.AbortOnFail abort-on-fail} has been breached for its
 * whole window. Once a second, right after the second is closed, each such SLO is judged on that
 * second alone, by the same rule as at the end of the run ({@link SloVerdict#within}): its metric
 * over the responses of its scope completed in that second.
 *
 * <ul>
 *   <li>A second is <b>bad</b> when that figure breaks the limit; for the global scope also when no
 *       response came while requests were in flight (the target hangs).
 *   <li>A second with nothing of the scope is, for the global scope, good (nothing was sent); for a
 *       request or group, which come and go with the journeys, it changes nothing: it neither ends
 *       a breach nor starts one.
 *   <li>A good second ends the breach. The run stops at the first bad second that closes a breach
 *       as long as the window: for the global scope, {@code window} bad seconds in a row.
 * </ul>
 */
public final class Watchdog {

  private final Measurements measurements;
  private final List<Watch> watches = new ArrayList<>();
  private volatile String reason;
  private volatile long trippedAtMillis;
  private volatile long trippedAtSecond;

  /** Watches those of {@code slos} that abort on fail, in {@code measurements}. */
  public Watchdog(List<Slo> slos, Measurements measurements) {
    this.measurements = measurements;
    for (Slo slo : slos) {
      if (slo.abortOnFail().enabled()) {
        watches.add(new Watch(slo));
      }
    }
  }

  /** True when at least one SLO aborts on fail. */
  public boolean enabled() {
    return !watches.isEmpty();
  }

  /** "watchdog on (errors: 15 s, notification-lag: 15 s)" or "watchdog off". */
  public String describe() {
    if (watches.isEmpty()) {
      return "watchdog off";
    }
    List<String> each = new ArrayList<>();
    for (Watch w : watches) {
      each.add(w.slo.name() + ": " + w.window + " s");
    }
    return "watchdog on (" + String.join(", ", each) + ")";
  }

  /** True once an SLO has been breached for its whole window. */
  public boolean tripped() {
    return reason != null;
  }

  /** Why it tripped, once tripped; null before. */
  public String reason() {
    return reason;
  }

  public long trippedAtMillis() {
    return trippedAtMillis;
  }

  public long trippedAtSecond() {
    return trippedAtSecond;
  }

  /** Feeds the second just closed ({@link Measurements#tick}); returns true when it trips the watchdog. */
  public synchronized boolean evaluate(SecondRow row) {
    if (watches.isEmpty() || reason != null) {
      return false;
    }
    String tripped = null;
    for (Watch w : watches) {
      // Every watch sees every second, so that each one's figures are of that second alone.
      String r = w.evaluate(row);
      if (tripped == null) {
        tripped = r;
      }
    }
    if (tripped == null) {
      return false;
    }
    reason = tripped;
    trippedAtMillis = row.epochMillis();
    trippedAtSecond = row.second();
    return true;
  }

  /** One SLO's breach so far. */
  private final class Watch {
    final Slo slo;
    final int window;
    final boolean global;
    long lastCount;
    long lastKo;
    Histogram lastLatencies;
    /** The second the current breach began, or -1. */
    long breachStart = -1;

    Watch(Slo slo) {
      this.slo = slo;
      this.window = (int) slo.abortOnFail().window().toSeconds();
      this.global = Slo.GLOBAL.equals(slo.scope());
    }

    /** Judges the second; returns the reason to stop, or null. */
    String evaluate(SecondRow row) {
      ScopeStats stats = measurements.scope(slo.scope());
      long count = 0;
      long ko = 0;
      Histogram latencies = new Histogram(3);
      if (stats != null) {
        count = stats.requests() - lastCount;
        ko = stats.ko() - lastKo;
        lastCount = stats.requests();
        lastKo = stats.ko();
        // The cumulative histogram has just taken in this second's responses.
        latencies = stats.latency().copy();
        if (lastLatencies != null) {
          latencies.subtract(lastLatencies);
        }
        lastLatencies = stats.latency();
      }
      if (global) {
        // The global figures of the second exactly as series.csv shows them.
        count = row.requests();
        ko = row.errors();
      }
      boolean errors = slo.metric().equals(Metric.ERROR_RATE);
      long samples = errors ? count : latencies.getTotalCount();
      String figure;
      boolean bad;
      if (samples > 0) {
        double value = errors ? (double) ko / count : value(latencies);
        bad = !SloVerdict.within(value, slo.limit());
        figure = String.format(Locale.ROOT, "%s = %s over %d %s%s", slo.metric().key(),
            SloVerdict.format(slo.metric(), value), samples, errors ? "request" : "response", samples == 1 ? "" : "s");
      } else if (global && row.requests() == 0 && row.inFlight() > 0) {
        bad = true;
        figure = "no response";
      } else if (global) {
        bad = false;
        figure = "";
      } else {
        return null; // nothing of this request or group in this second
      }
      if (!bad) {
        breachStart = -1;
        return null;
      }
      if (breachStart < 0) {
        breachStart = row.second();
      }
      if (row.second() - breachStart + 1 < window) {
        return null;
      }
      return String.format(Locale.ROOT, "SLO watchdog: %s (%s %s) breached for %d s (last second: %s%s)",
          slo.name(), slo.scope(), slo.describe(), window, figure, global ? ", " + row.inFlight() + " in flight" : "");
    }

    private double value(Histogram h) {
      Metric m = slo.metric();
      if (m.equals(Metric.MEAN)) {
        return h.getMean();
      }
      return m.equals(Metric.MAX) ? h.getMaxValue() : h.getValueAtPercentile(m.percentile());
    }
  }
}
