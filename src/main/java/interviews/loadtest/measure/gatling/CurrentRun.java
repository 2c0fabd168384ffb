package interviews.loadtest.measure.gatling;

import interviews.loadtest.measure.Measurements;
import interviews.loadtest.measure.StopSignal;

/**
 * The run that measured requests are recorded into now. Gatling builds a simulation's actions
 * once, before the run starts, and runs them on its own threads, so they find the run's
 * {@link Measurements} and {@link StopSignal} (the SLO watchdog) here: the results layer installs
 * them when a run begins and takes them out when it ends. Outside a run, requests go into a throwaway
 * {@link Measurements} and no watchdog stops anything.
 */
public final class CurrentRun {

  private static volatile Measurements measurements = new Measurements(System.currentTimeMillis());
  private static volatile StopSignal stopSignal;

  private CurrentRun() {}

  /** Makes {@code m} and {@code w} the current run's. */
  public static void install(Measurements m, StopSignal w) {
    measurements = m;
    stopSignal = w;
  }

  /** Takes {@code m} out of service, if it is still the current run's. */
  public static void uninstall(Measurements m) {
    if (measurements == m) {
      measurements = new Measurements(System.currentTimeMillis());
      stopSignal = null;
      LoadGenerator.forget();
    }
  }

  /** Where requests are recorded now. */
  public static Measurements measurements() {
    return measurements;
  }

  /** What tells the current run to stop (its SLO watchdog), or null outside a run. */
  public static StopSignal stopSignal() {
    return stopSignal;
  }
}
