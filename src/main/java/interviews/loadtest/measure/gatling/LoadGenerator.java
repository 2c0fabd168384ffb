package interviews.loadtest.measure.gatling;

import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.Controller;
import io.gatling.core.structure.ScenarioContext;

/**
 * Stops Gatling's injection from any thread, at once: what Gatling's own
 * {@code stopLoadGenerator} action does, without waiting for a virtual user to reach one. The SLO
 * watchdog and an interrupted run (SIGTERM, Ctrl-C) stop through it, so a run stops even when every
 * user waits on a target that has stopped answering.
 *
 * <p>Gatling 3.15 has no public way to do this: the run's controller is reached through the
 * {@link ScenarioContext} Gatling hands to every action it builds, and told to stop with the
 * message its {@code stopLoadGenerator} action sends ({@code Controller.Command.StopLoadGenerator},
 * not a crash: Gatling stops gracefully, closes its simulation.log and calls the simulation's
 * {@code after()}). {@link MeasuredRequest} captures the controller when Gatling builds a measured
 * request. If a Gatling upgrade changes this, {@link #stop} returns false and the run stops at the
 * next {@code Measured.watchdogGate()} a user passes, as before.
 */
public final class LoadGenerator {

  private static volatile ActorRef<Controller.Command> controller;

  private LoadGenerator() {}

  /** Keeps the controller of the run whose actions Gatling is building. */
  static void capture(ScenarioContext ctx) {
    try {
      controller = ctx.coreComponents().controller();
    } catch (RuntimeException | LinkageError e) {
      controller = null;
    }
  }

  /** Forgets the controller of a run that has ended. */
  static void forget() {
    controller = null;
  }

  /**
   * Asks Gatling to stop the injection now, for {@code reason} (Gatling logs it); returns false when
   * no run's controller is known.
   */
  public static boolean stop(String reason) {
    ActorRef<Controller.Command> c = controller;
    if (c == null) {
      return false;
    }
    try {
      c.$bang(new io.gatling.core.controller.Controller$Command$StopLoadGenerator(reason, false));
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
