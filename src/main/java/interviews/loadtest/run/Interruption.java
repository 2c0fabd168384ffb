package interviews.loadtest.run;

import interviews.loadtest.results.RunResults;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What SIGTERM or SIGINT does to a run in progress: a Jenkins abort sends SIGTERM, Ctrl-C SIGINT.
 * Without it the JVM would end at once, leaving neither the run's files nor Gatling's report. A
 * JVM shutdown hook, installed when the run begins:
 * <ol>
 *   <li>during the load, stops it ({@link RunResults#interrupt}): Gatling stops its injection and
 *       calls {@code after()}, which writes the run's files and report as for a watchdog stop;
 *   <li>waits, at most {@code bound}, until {@code after()} has ended ({@link #ended});
 *   <li>when {@code after()} returned normally (the signal came after the load), waits, within the
 *       same bound, for Gatling to finish the report it builds itself and reach its exit.
 * </ol>
 * The JVM then ends with the signal's status (143 for SIGTERM, 130 for SIGINT).
 *
 * <p>When the suite ends the JVM itself ({@link Refusal}), it {@linkplain #remove removes} the
 * hook first; if it cannot (the JVM is ending already), the run must not call {@code exit}, which
 * would wait for this hook for ever: it says its line, calls {@link #ended} and waits for the end.
 */
final class Interruption {

  /** The reason a run stopped by a signal gives. */
  static final String REASON = "the process received SIGTERM or SIGINT (a Jenkins abort, Ctrl-C)";

  private final String simulation;
  private final Duration bound;
  private final Thread hook;
  private final CountDownLatch ended = new CountDownLatch(1);
  /** The thread that runs {@code after()}, once it has begun. */
  private volatile Thread finishing;
  /** True when {@code after()} ended by waiting for the JVM's end (an interrupted run). */
  private volatile boolean settled;

  private Interruption(String simulation, Duration bound) {
    this.simulation = simulation;
    this.bound = bound;
    this.hook = new Thread(this::onSignal, "loadtest-interruption");
  }

  /** Installs the hook for {@code simulation}, waiting at most {@code bound} for its files and report. */
  static Interruption install(String simulation, Duration bound) {
    Interruption i = new Interruption(simulation, bound);
    Runtime.getRuntime().addShutdownHook(i.hook);
    return i;
  }

  /** {@code after()} has begun, on this thread. */
  void finishing() {
    finishing = Thread.currentThread();
  }

  /**
   * {@code after()} has ended: {@code settled} when it waits for the JVM's end (an interrupted run,
   * its line said), else it returns to Gatling, which builds its report and exits.
   */
  void ended(boolean settled) {
    this.settled = settled;
    ended.countDown();
  }

  /**
   * Takes the hook out before the suite ends the JVM itself; false when the JVM is ending already
   * (a signal came), in which case the caller must not call {@code exit}.
   */
  boolean remove() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      return true;
    } catch (IllegalStateException shuttingDown) {
      return false;
    }
  }

  private void onSignal() {
    long deadline = System.nanoTime() + bound.toNanos();
    if (ended.getCount() > 0) {
      if (finishing == null) {
        RunResults.interrupt(REASON);
      }
      try {
        if (!ended.await(bound.toNanos(), TimeUnit.NANOSECONDS)) {
          System.err.println("[loadtest] " + simulation + " interrupted: " + REASON + "; its files and report were not finished within "
              + bound.toSeconds() + " s (loadtest.results.stop-timeout)");
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
    if (!settled) {
      awaitGatlingExit(deadline);
    }
  }

  /**
   * Waits until the thread that ran {@code after()} has left Gatling's report build: it has ended,
   * or it is calling the JVM's exit (blocked there while this hook runs).
   */
  private void awaitGatlingExit(long deadline) {
    Thread t = finishing;
    while (t != null && t.isAlive() && !exiting(t) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static boolean exiting(Thread t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().equals("java.lang.Shutdown")
          || frame.getClassName().equals("java.lang.Runtime") && frame.getMethodName().equals("exit")) {
        return true;
      }
    }
    return false;
  }
}
