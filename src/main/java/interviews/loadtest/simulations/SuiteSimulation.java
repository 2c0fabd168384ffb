package interviews.loadtest.simulations;

import interviews.loadtest.run.SuiteRun;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.function.Function;

/**
 * A simulation of this suite. It gives only its population, composed from the run it is handed:
 *
 * <pre>{@code
 * public BurstSimulation() {
 *   super(run -> {
 *     Burst profile = run.profile(Burst::from);
 *     run.announce(profile.describe(), profile.duration());
 *     return Booking.journey(run.settings(), run.data()).injectOpen(profile.injection());
 *   });
 * }
 * }</pre>
 *
 * Everything else is done here, for every simulation alike, so none can leave it out: the
 * {@link SuiteRun} is opened first (settings checked), the population composed, then the target
 * connected (allowed and healthy: no request goes out before this point), then the run is
 * set up with the target's protocol, the SLOs as Gatling's assertions and the hard time limit
 * ({@code loadtest.max-duration}); its results are recorded from {@code before()} to
 * {@code after()}, and the embedded target stops with it. Gatling allows one {@code setUp} per
 * simulation, and this one is it.
 */
public abstract class SuiteSimulation extends Simulation {

  private final SuiteRun run;

  /** @param population the simulation's load, composed from the opened run */
  protected SuiteSimulation(Function<SuiteRun, PopulationBuilder> population) {
    run = SuiteRun.open(getClass());
    PopulationBuilder load;
    try {
      load = population.apply(run);
      run.connect();
      run.judge(load);
    } catch (RuntimeException e) {
      run.abandon();
      throw e;
    }
    setUp(load)
        .protocols(run.protocol())
        .assertions(run.assertions())
        .maxDuration(run.maxDuration());
  }

  @Override
  public final void before() {
    run.begin();
  }

  @Override
  public final void after() {
    run.finish();
  }
}
