package interviews.loadtest.simulations;

import interviews.loadtest.run.SuiteRun;
import io.gatling.javaapi.core.Simulation;

/**
 * A simulation of this suite: its {@link SuiteRun} is opened (settings checked, target allowed
 * and healthy) before the subclass composes profile, journey and SLOs, its results are recorded
 * from {@code before()} to {@code after()}, and the embedded target stops with it.
 */
public abstract class SuiteSimulation extends Simulation {

  /** The run this simulation composes its load from. */
  protected final SuiteRun run = SuiteRun.open(getClass());

  @Override
  public void before() {
    run.begin();
  }

  @Override
  public void after() {
    run.finish();
  }
}
