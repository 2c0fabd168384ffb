package interviews.loadtest.results;

import interviews.loadtest.measure.StopSignal;
import interviews.loadtest.measure.gatling.LoadGenerator;

/**
 * Whether, why and when a run was stopped before its profile ended. The first stop wins: the SLO
 * watchdog, or an interruption (SIGTERM or Ctrl-C: a Jenkins abort, the user). Stopping tells
 * Gatling at once ({@link LoadGenerator}); the journeys' {@code watchdogGate()} reads the same
 * signal, so the run stops even if Gatling could not be told directly.
 */
final class EarlyStop implements StopSignal {

  /** What stopped the run, as the JUnit file names its testcase. */
  enum By {
    WATCHDOG("watchdog"),
    INTERRUPTED("interrupted");

    final String key;

    By(String key) {
      this.key = key;
    }
  }

  private By by;
  private long atMillis;
  private long atSecond;
  /** Written last, under the lock: who reads it set also reads the rest set. */
  private volatile String reason;

  /** Stops the run for {@code reason}, unless it was stopped already; returns whether this call stopped it. */
  boolean stop(By by, String reason, long atMillis, long atSecond) {
    synchronized (this) {
      if (this.reason != null) {
        return false;
      }
      this.by = by;
      this.atMillis = atMillis;
      this.atSecond = atSecond;
      this.reason = reason;
    }
    LoadGenerator.stop(reason);
    return true;
  }

  @Override
  public boolean tripped() {
    return reason != null;
  }

  @Override
  public String reason() {
    return reason;
  }

  synchronized By by() {
    return by;
  }

  synchronized long atMillis() {
    return atMillis;
  }

  synchronized long atSecond() {
    return atSecond;
  }
}
