package interviews.loadtest.scaling;

import java.util.Locale;

/**
 * Bigger VM or more VMs, from the resource that saturated first and the USL fit, with the
 * capacity each step predicts:
 * <ul>
 *   <li>more VMs, n instances, each with its own CPU and workers on the one shared database:
 *       n × one instance's capacity, unless the database or the Celery workers (shared by all
 *       instances) saturated first (then no gain);</li>
 *   <li>a VM k times as big (k × vCPUs, k × workers): when the CPU saturated first, the USL with
 *       vCPUs as its units, C(k·c) / C(c) with C(n) = n / (1 + σ(n − 1) + κn(n − 1)) (an
 *       approximation: σ and κ were fitted over journeys in progress); when the web workers did,
 *       k times, as far as the CPU measured at the answer allows (k × vCPUs × saturation / CPU
 *       used); when the database or the notification workers did, no gain.</li>
 * </ul>
 *
 * @param choice what to do next, in a few words
 * @param because why, from the figures
 * @param perInstance one instance's capacity, journeys a second
 * @param saturation what saturated first
 * @param usl the fit, or null
 */
public record VmChoice(String choice, String because, double perInstance, Saturation saturation,
    ScalingInputs.Usl usl, int vcpus, double saturationShare) {

  static VmChoice of(ScalingInputs in, ScalingSettings s, Saturation sat) {
    double perInstance = in.maxRate() / s.measured().instances();
    VmChoice probe = new VmChoice("", "", perInstance, sat, in.usl(), s.measured().vcpus(), s.saturation());
    String choice;
    String because;
    switch (sat.resource()) {
      case Saturation.DATABASE -> {
        choice = "neither: the database first";
        because = "the shared database saturated first (" + sat.evidence() + "); more or bigger web VMs only add"
            + " connections to it: pool them (pgbouncer), tune the queries or give the database more resources";
      }
      case Saturation.NOTIFICATIONS -> {
        choice = "neither: more Celery workers";
        because = "the notification workers saturated first (" + sat.evidence() + "); the web tier was not the"
            + " limit: add Celery workers (below)";
      }
      case Saturation.CPU -> {
        double twice = probe.verticalFactor(2);
        choice = twice < 1.9 ? "more VMs" : "more VMs (a bigger VM does about as well)";
        because = String.format(Locale.ROOT, "the CPU saturated first (%s); a VM with twice the vCPUs gives %sx"
            + " (%s), two VMs give 2x and the autoscaler adds and removes them one at a time", sat.evidence(),
            Plain.number(twice), probe.verticalBecause(2));
      }
      case Saturation.WEB_WORKERS -> {
        choice = "more gunicorn workers first, then more VMs";
        because = "the web workers saturated first (" + sat.evidence() + ") while the CPU was at "
            + Plain.number(sat.cpuAtAnswer()) + " of " + s.measured().vcpus() + " vCPUs at the answer: the same"
            + " VM serves more with more workers or threads, within the database budget; beyond that more VMs";
      }
      default -> {
        choice = "more VMs";
        because = sat.evidence() + "; more VMs scale linearly while the shared database holds";
      }
    }
    return new VmChoice(choice, because, perInstance, sat, in.usl(), s.measured().vcpus(), s.saturation());
  }

  /** Predicted capacity of n instances behind the balancer, journeys a second. */
  public double horizontal(int n) {
    return sharedLimit() ? perInstance : n * perInstance;
  }

  /** The database and the Celery workers are shared by every web instance: more of these add none of them. */
  private boolean sharedLimit() {
    return Saturation.DATABASE.equals(saturation.resource()) || Saturation.NOTIFICATIONS.equals(saturation.resource());
  }

  /** Why {@link #horizontal}. */
  public String horizontalBecause(int n) {
    if (Saturation.DATABASE.equals(saturation.resource())) {
      return "the shared database saturated first: more instances add no capacity";
    }
    if (Saturation.NOTIFICATIONS.equals(saturation.resource())) {
      return "the notification workers saturated first: more web instances add none (Celery runs apart from them)";
    }
    return n + " x " + Plain.number(perInstance) + " journeys/s: each instance its own CPU and workers, one shared"
        + " database that did not saturate";
  }

  /** Predicted capacity of one instance k times as big (k × vCPUs and k × workers). */
  public double vertical(double k) {
    return perInstance * verticalFactor(k);
  }

  double verticalFactor(double k) {
    switch (saturation.resource()) {
      case Saturation.DATABASE, Saturation.NOTIFICATIONS -> {
        return 1;
      }
      case Saturation.CPU -> {
        return usl == null ? k : usl.capacity(k * vcpus) / usl.capacity(vcpus);
      }
      default -> {
        double cpu = saturation.cpuAtAnswer();
        if (Double.isNaN(cpu) || cpu <= 0) {
          return k;
        }
        return Math.min(k, k * vcpus * saturationShare / cpu);
      }
    }
  }

  /** Why {@link #vertical}. */
  public String verticalBecause(double k) {
    String times = Plain.number(k) + "x";
    switch (saturation.resource()) {
      case Saturation.DATABASE -> {
        return "the database saturated first: a bigger web VM adds no capacity";
      }
      case Saturation.NOTIFICATIONS -> {
        return "the notification workers saturated first: a bigger web VM adds no capacity";
      }
      case Saturation.CPU -> {
        if (usl == null) {
          return times + " (no USL fit: linear, an upper bound)";
        }
        return String.format(Locale.ROOT, "USL over vCPUs: C(%s)/C(%d) with sigma %s, kappa %s",
            Plain.number(k * vcpus), vcpus, Plain.number(usl.sigma()), Plain.number(usl.kappa()));
      }
      default -> {
        double cpu = saturation.cpuAtAnswer();
        if (Double.isNaN(cpu) || cpu <= 0) {
          return times + " the workers (CPU not sampled: assumed not the limit)";
        }
        return String.format(Locale.ROOT, "%s the workers, bounded by the CPU: %s x %d vCPUs x %s / %s cores used at"
            + " the answer = %sx", times, Plain.number(k), vcpus, Plain.number(saturationShare), Plain.number(cpu),
            Plain.number(k * vcpus * saturationShare / cpu));
      }
    }
  }
}
