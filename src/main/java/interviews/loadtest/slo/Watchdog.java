package interviews.loadtest.slo;

import interviews.loadtest.measure.SecondRow;
import interviews.loadtest.results.ResultsSettings;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Decides, once a second, whether the run should stop: when every second of the window breached
 * the p95 limit or the error-share limit. A second with no completed response while requests are
 * in flight counts as breached (the target hangs). Seconds before the first request do not count.
 */
public final class Watchdog {

  private final ResultsSettings.Watchdog settings;
  private final int window;
  private final Deque<SecondRow> recent = new ArrayDeque<>();
  private boolean started;
  private volatile String reason;
  private volatile long trippedAtMillis;
  private volatile long trippedAtSecond;

  public Watchdog(ResultsSettings.Watchdog settings) {
    this.settings = settings;
    this.window = (int) settings.window().toSeconds();
  }

  public boolean enabled() {
    return settings.enabled();
  }

  public boolean tripped() {
    return reason != null;
  }

  public String reason() {
    return reason;
  }

  public long trippedAtMillis() {
    return trippedAtMillis;
  }

  public long trippedAtSecond() {
    return trippedAtSecond;
  }

  boolean slow(SecondRow r) {
    return r.requests() > 0 && r.p95() > settings.p95LimitMs();
  }

  boolean failing(SecondRow r) {
    return r.requests() > 0 && r.errorShare() > settings.errorRateLimit();
  }

  boolean hanging(SecondRow r) {
    return r.requests() == 0 && r.inFlight() > 0;
  }

  /** Feeds one second; returns true when this second trips the watchdog. */
  public synchronized boolean evaluate(SecondRow row) {
    if (!settings.enabled() || reason != null) {
      return false;
    }
    if (!started) {
      if (row.requests() == 0 && row.inFlight() == 0) {
        return false;
      }
      started = true;
    }
    recent.addLast(row);
    while (recent.size() > window) {
      recent.removeFirst();
    }
    if (recent.size() < window) {
      return false;
    }
    boolean allSlow = true;
    boolean allFailing = true;
    boolean allBad = true;
    for (SecondRow r : recent) {
      boolean s = slow(r) || hanging(r);
      boolean f = failing(r) || hanging(r);
      allSlow &= s;
      allFailing &= f;
      allBad &= s || f;
    }
    if (!allBad) {
      return false;
    }
    String what;
    if (allFailing && !allSlow) {
      what = String.format(Locale.ROOT, "error share above %.1f %%", settings.errorRateLimit() * 100);
    } else if (allSlow && !allFailing) {
      what = String.format(Locale.ROOT, "p95 above %.0f ms", settings.p95LimitMs());
    } else {
      what = String.format(Locale.ROOT, "p95 above %.0f ms or error share above %.1f %%",
          settings.p95LimitMs(), settings.errorRateLimit() * 100);
    }
    SecondRow last = recent.peekLast();
    reason = String.format(Locale.ROOT,
        "SLO watchdog: %s for %d s (last second: p95 %s ms, errors %.1f %%, %d req/s, %d in flight)",
        what, window, Double.isNaN(last.p95()) ? "-" : String.valueOf((long) last.p95()),
        last.errorShare() * 100, last.requests(), last.inFlight());
    trippedAtMillis = row.epochMillis();
    trippedAtSecond = row.second();
    return true;
  }
}
