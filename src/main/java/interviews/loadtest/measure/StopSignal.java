package interviews.loadtest.measure;

/**
 * Whether the injection must stop now, and why: what the journeys' {@link Measured#watchdogGate()}
 * asks. The SLO watchdog gives one; the measurement layer knows no more of it, so measurement
 * stays below the SLOs in the flow of data.
 */
public interface StopSignal {

  /** True once the run must stop. */
  boolean tripped();

  /** Why, once tripped; null before. */
  String reason();
}
