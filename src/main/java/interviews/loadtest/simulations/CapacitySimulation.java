package interviews.loadtest.simulations;

import interviews.loadtest.capacity.CapacityLoad;
import interviews.loadtest.capacity.CapacitySearch;
import interviews.loadtest.capacity.CapacitySettings;
import interviews.loadtest.profiles.Burst;
import interviews.loadtest.scaling.ScalingPlan;
import interviews.loadtest.scaling.ScalingSettings;

/**
 * The capacity search: the highest arrival rate (open model) and the most concurrent users (closed
 * model) at which every SLO holds, found step by step in one run, with what ended it; writes
 * capacity.json and capacity.html beside Gatling's report, then the scaling plan made from them
 * (scaling-plan.md, scaling-plan.json; {@code loadtest.scaling}). The SLOs judge each step, not the run.
 */
public class CapacitySimulation extends SuiteSimulation {

  public CapacitySimulation() {
    super(run -> {
      CapacitySettings capacity = run.profile(CapacitySettings::from);
      if (capacity.closed() != null) {
        run.requireAccounts(capacity.closed().maxUsers(), "loadtest.capacity.closed.max-users");
      }
      if (capacity.open() != null && capacity.open().maxRate() > run.profile(Burst::from).perSecond()) {
        run.requireApprovalAboveBurst("loadtest.capacity.open.max-rate", capacity.ceilings());
      }
      // The plan's settings are checked before any load, like the search's.
      ScalingSettings scaling = run.profile(ScalingSettings::from);
      run.judgeSlosInSteps();
      run.announce(capacity.describe(), capacity.runLength());
      CapacitySearch search = new CapacitySearch(capacity, run::slos, run.results().saturationRules(),
          run.results().backlogs());
      run.onBegin(search::start);
      run.onFinish(directory -> search.finish(directory, run.target().baseUrl()));
      if (scaling.enabled()) {
        run.onFinish(directory -> ScalingPlan.afterSearch(directory, run.settings().settings()));
      }
      return CapacityLoad.population(capacity, search.admission(),
          CapacityLoad.journey(capacity.journey(), run.settings(), run.data()), run.settings().thinkTime().max());
    });
  }
}
