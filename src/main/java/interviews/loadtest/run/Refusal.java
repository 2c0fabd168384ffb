package interviews.loadtest.run;

/**
 * A run refused before any load: a bad setting, an unknown key, a missing file, a target the
 * guard refuses or one that fails its health check. The user reads one line and the process ends
 * with {@value #EXIT_CODE}; neither Gatling's "Run crashed" log nor a Java stack trace follows,
 * since the line says all there is to say.
 *
 * <p>Gatling, and the gatling-maven-plugin's forked JVM around it, print the stack trace of
 * anything thrown from a simulation's constructor, so a refused run ends the JVM itself. Tests
 * that run Gatling inside their own JVM set the system property {@value #IN_PROCESS} to
 * {@code true} and receive the exception instead.
 */
public final class Refusal {

  /**
   * Exit status of the JVM of a refused run. Gatling's own are 0 (passed), 1 (a crash or bad
   * arguments) and 2 (an assertion, here an SLO, failed); the gatling-maven-plugin reports 2 as
   * "assertions failed", so a run that never started uses a status of its own.
   */
  public static final int EXIT_CODE = 3;

  /** System property: {@code true} makes a refusal throw instead of ending the JVM. */
  public static final String IN_PROCESS = "loadtest-suite.in-process";

  private Refusal() {}

  /**
   * Says why {@code simulation} is not started, in one line on standard error, then ends the JVM
   * with {@value #EXIT_CODE}; in-process, returns {@code reason} for the caller to throw.
   */
  public static RuntimeException refuse(String simulation, RuntimeException reason) {
    return end(line(simulation, reason), EXIT_CODE, reason);
  }

  /**
   * Says why {@code simulation} failed although Gatling's assertions cannot tell (the watchdog
   * stopped it: "stopped early: ..."; a drift SLO failed: "failed its drift SLOs: ..."), in one line
   * on standard error once its files and report are written, then ends the JVM with status 1
   * (Gatling's for a failed run); in-process, returns {@code reason} for the caller to throw.
   */
  public static RuntimeException fail(String simulation, RuntimeException reason) {
    return end(failureLine(simulation, reason), 1, reason);
  }

  /** Says the line of {@link #fail} on standard error without ending the JVM (it is ending already). */
  static void say(String simulation, RuntimeException reason) {
    System.out.flush();
    System.err.println(failureLine(simulation, reason));
    System.err.flush();
  }

  private static String failureLine(String simulation, RuntimeException reason) {
    return "[loadtest] " + simulation + " " + reason.getMessage();
  }

  /** Prints {@code line} on standard error, then ends the JVM with {@code status}, unless in-process. */
  private static RuntimeException end(String line, int status, RuntimeException reason) {
    System.out.flush();
    System.err.println(line);
    System.err.flush();
    if (!Boolean.getBoolean(IN_PROCESS)) {
      Runtime.getRuntime().exit(status);
    }
    return reason;
  }

  /** The one line a refusal prints. */
  public static String line(String simulation, RuntimeException reason) {
    return "[loadtest] " + simulation + " not started: " + reason.getMessage();
  }
}
