package interviews.loadtest.scaling;

import interviews.loadtest.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The scaling plan: from one capacity search's results (its answer, the resource that saturated
 * first and the sizes its sources measured) and the named assumptions of {@code loadtest.scaling},
 * the web instances for the burst and the busy day's peak hour with headroom, bigger VM or more
 * VMs (with the capacity each is predicted to give), gunicorn and Celery workers (and the queue
 * length per worker to autoscale them on), the database connection budget and the MIG autoscaler.
 * Written next to capacity.json as scaling-plan.md and scaling-plan.json (docs/scaling.md).
 */
public record ScalingPlan(
    ScalingInputs inputs,
    ScalingSettings settings,
    Sizes sizes,
    InstanceCount burst,
    InstanceCount peakHour,
    SaturatedFirst saturation,
    VmChoice vm,
    CeleryWorkers celery,
    CeleryAutoscaler celeryAutoscaler,
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
    Sizes sizes = Sizes.of(in, s);
    SaturatedFirst saturation = SaturatedFirst.find(in);
    VmChoice vm = VmChoice.of(in, s, sizes, saturation);
    CeleryWorkers celery = CeleryWorkers.of(in, s, sizes, saturation);
    Autoscaler autoscaler = Autoscaler.of(s, burst, peak, saturation, sizes.vcpus().whole());
    int celeryConnections = celery.measured() ? celery.workers() : sizes.queueWorkers().whole();
    GunicornWorkers gunicorn = GunicornWorkers.of(s, sizes, autoscaler.maxReplicas(), celeryConnections);
    ConnectionBudget budget = ConnectionBudget.of(s, sizes, autoscaler.maxReplicas(), gunicorn.start(),
        celeryConnections);
    return new ScalingPlan(in, s, sizes, burst, peak, saturation, vm, celery, CeleryAutoscaler.of(s, celery),
        autoscaler, gunicorn, budget, searchHigher(in));
  }

  /**
   * What the plan measured rather than assumed: each size a source measured, and the resources the
   * search's rules read (named with the one that saturated first). Empty when the plan rests on
   * assumptions alone.
   */
  public List<String> measured() {
    List<String> measured = new ArrayList<>();
    for (Sizes.Size size : sizes.all()) {
      if (size.measured()) {
        measured.add(size.name() + " " + Plain.number(size.value()) + " (" + size.from() + ")");
      }
    }
    Set<String> read = new LinkedHashSet<>();
    inputs.steps().forEach(step -> step.resources().forEach(r -> read.add(r.resource())));
    if (!read.isEmpty()) {
      measured.add("resources read at each step: " + String.join(", ", read));
    }
    if (!SaturatedFirst.NONE.equals(saturation.resource())) {
      measured.add("saturated first: " + saturation.resource() + " (" + saturation.from() + ")");
    }
    return List.copyOf(measured);
  }

  /**
   * When the database or the queue, shared by every web instance, saturated first: the instance
   * counts rest on a capacity the web tier was not the limit of; more instances serve no more until
   * that resource is relieved. Null otherwise.
   */
  public String instancesCaution() {
    return switch (saturation.resource()) {
      case SaturatedFirst.DB_CONNECTIONS, SaturatedFirst.DB_LOCKS -> "the shared database saturated first ("
          + saturation.figure() + "): more instances serve no more than " + Plain.number(inputs.maxRate())
          + " journeys/s together until it is relieved (see Bigger VM or more VMs); the counts assume it is";
      case SaturatedFirst.QUEUE -> "the notification queue saturated first (" + saturation.figure() + "): one instance"
          + " serves at least this; beyond " + Plain.number(inputs.maxRate()) + " bookings/s the notifications lag"
          + " until the Celery workers below run";
      default -> null;
    };
  }

  /** The plan's basis in one sentence: what was measured, or that it rests on assumptions alone. */
  public String basis() {
    List<String> measured = measured();
    if (measured.isEmpty()) {
      return "assumptions only: capacity.json holds no size a source measured and no resource a rule read; every"
          + " size is a loadtest.scaling setting, and bigger VM or more VMs assumes more VMs scale linearly";
    }
    List<String> assumed = sizes.all().stream().filter(z -> !z.measured()).map(Sizes.Size::from).toList();
    return "measured: " + String.join("; ", measured) + (assumed.isEmpty() ? ""
        : "; assumed: " + String.join(", ", assumed));
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
    return String.format(Locale.ROOT, "[scaling] %s%s journeys/s an instance: burst %s%d instances, peak hour %s%d;"
            + " saturated first: %s; %s; gunicorn %d workers, Celery %s, database %s; autoscaler %d-%d at CPU %s%s",
        inputs.atLeast() ? "at least " : "", Plain.number(vm.perInstance()), burst.atMost() ? "at most " : "",
        burst.instances(), peakHour.atMost() ? "at most " : "", peakHour.instances(), saturation.resource(), vm.choice(),
        gunicorn.perInstance(), celery.measured() ? String.valueOf(celery.workers()) : "not measured",
        budget.fits() ? budget.demand() + " of " + budget.available() + " connections"
            : "needs pgbouncer (" + budget.demand() + " > " + budget.available() + ")",
        autoscaler.minReplicas(), autoscaler.maxReplicas(), Plain.number(autoscaler.targetCpu()),
        measured().isEmpty() ? " (assumptions only)" : "");
  }
}
