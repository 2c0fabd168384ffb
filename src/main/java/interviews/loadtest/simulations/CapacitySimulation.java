package interviews.loadtest.simulations;

import interviews.loadtest.capacity.CapacityLoad;
import interviews.loadtest.capacity.CapacitySearch;
import interviews.loadtest.capacity.CapacitySettings;
import interviews.loadtest.profiles.Burst;

/**
 * The capacity search: the highest arrival rate (open model) and the most concurrent users (closed
 * model) at which every SLO holds, found step by step in one run, with what ended it; writes
 * capacity.json and capacity.html beside Gatling's report. The SLOs judge each step, not the run.
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
      run.judgeSlosInSteps();
      run.announce(capacity.describe(), capacity.runLength());
      CapacitySearch search = new CapacitySearch(capacity, run::slos);
      run.onBegin(search::start);
      run.onFinish(directory -> search.finish(directory, run.target().baseUrl()));
      return CapacityLoad.population(capacity, search.admission(),
          CapacityLoad.journey(capacity.journey(), run.settings(), run.data()), run.settings().thinkTime().max());
    });
  }
}
