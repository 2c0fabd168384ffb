package interviews.loadtest.scaling;

import interviews.loadtest.config.Settings;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The scaling plan: from one capacity search's results and the named assumptions of
 * {@code loadtest.scaling}, the web instances for the burst and the busy day's peak hour with
 * headroom, bigger VM or more VMs (with the capacity each is predicted to give), gunicorn and
 * Celery workers, the database connection budget and the MIG autoscaler. Written next to
 * capacity.json as scaling-plan.md and scaling-plan.json (docs/scaling.md).
 */
public record ScalingPlan(
    ScalingInputs inputs,
    ScalingSettings settings,
    InstanceCount burst,
    InstanceCount peakHour,
    Saturation saturation,
    VmChoice vm,
    CeleryWorkers celery,
    Autoscaler autoscaler,
    GunicornWorkers gunicorn,
    ConnectionBudget budget,
    String searchHigher) {

  public static final String MARKDOWN = "scaling-plan.md";
  public static final String JSON = "scaling-plan.json";

  /** Makes the plan. */
  public static ScalingPlan make(ScalingInputs in, ScalingSettings s) {
    InstanceCount burst = InstanceCount.of("burst", "loadtest.profiles.burst", s.burstPerSecond(), in, s);
    InstanceCount peak = InstanceCount.of("peak hour", String.format(Locale.ROOT, "%s's %02d:00 UTC", s.peakDay(),
        s.peakHour()), s.peakHourPerSecond(), in, s);
    Saturation saturation = Saturation.find(in, s);
    VmChoice vm = VmChoice.of(in, s, saturation);
    CeleryWorkers celery = CeleryWorkers.of(in, s);
    Autoscaler autoscaler = Autoscaler.of(s, burst, peak);
    int celeryConnections = celery.measured() ? celery.workers() : s.measured().celeryWorkers();
    GunicornWorkers gunicorn = GunicornWorkers.of(s, autoscaler.maxReplicas(), celeryConnections);
    ConnectionBudget budget = ConnectionBudget.of(s, autoscaler.maxReplicas(), gunicorn.start(), celeryConnections);
    return new ScalingPlan(in, s, burst, peak, saturation, vm, celery, autoscaler, gunicorn, budget, searchHigher(in));
  }

  /** Reads the run folder's results and the settings, makes the plan and writes both files there. */
  public static ScalingPlan write(Path runDirectory, Settings settings) {
    ScalingSettings s = ScalingSettings.from(settings);
    ScalingPlan plan = make(ScalingInputs.read(runDirectory), s);
    PlanJson.write(plan, runDirectory.resolve(JSON));
    PlanMarkdown.write(plan, runDirectory.resolve(MARKDOWN));
    return plan;
  }

  /**
   * After a capacity search: writes the plan beside capacity.json and prints its line; results it
   * cannot be made from are one line on standard error (the search itself ran, so the run does not
   * fail for it).
   */
  public static void afterSearch(Path runDirectory, Settings settings) {
    try {
      ScalingPlan plan = write(runDirectory, settings);
      System.out.println(plan.summaryLine());
      System.out.println("[scaling] plan: " + runDirectory.resolve(MARKDOWN));
    } catch (ScalingInputError e) {
      System.err.println("[scaling] no plan: " + e.getMessage());
    }
  }

  /** When the search found no limit: what it means and how to search higher; null otherwise. */
  static String searchHigher(ScalingInputs in) {
    if (!in.atLeast()) {
      return null;
    }
    String how;
    if ("time".equals(in.searchEndedBy())) {
      how = "give the search more time: -Dloadtest.capacity.max-duration (it ended by its time)";
    } else {
      double ceiling = Double.isNaN(in.ceiling()) ? in.maxRate() : in.ceiling();
      how = "raise the ceiling: -Dloadtest.capacity.open.max-rate=" + Plain.number(Math.min(1000, 2 * ceiling))
          + (ceiling >= 1000 ? " (1000 is the most; search several instances' share instead)" : "");
    }
    return "the search found no limit (every step held, ended by " + in.searchEndedBy() + "): the capacity is at least "
        + Plain.number(in.maxRate()) + " journeys/s, so the instance counts are at most what is needed; " + how;
  }

  /** One line for the console. */
  public String summaryLine() {
    return String.format(Locale.ROOT, "[scaling] %s%s journeys/s an instance: burst %s%d instances, peak hour %s%d; %s;"
            + " gunicorn %d workers, Celery %s, database %s; autoscaler %d-%d at CPU %s",
        inputs.atLeast() ? "at least " : "", Plain.number(vm.perInstance()), burst.atMost() ? "at most " : "",
        burst.instances(), peakHour.atMost() ? "at most " : "", peakHour.instances(), vm.choice(),
        gunicorn.perInstance(), celery.measured() ? String.valueOf(celery.workers()) : "not measured",
        budget.fits() ? budget.demand() + " of " + budget.available() + " connections"
            : "needs pgbouncer (" + budget.demand() + " > " + budget.available() + ")",
        autoscaler.minReplicas(), autoscaler.maxReplicas(), Plain.number(autoscaler.targetCpu()));
  }
}
