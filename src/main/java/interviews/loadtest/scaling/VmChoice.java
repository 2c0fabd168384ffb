package interviews.loadtest.scaling;

import java.util.Locale;

/**
 * Bigger VM or more VMs, from the resource that saturated first (each sentence names its measured
 * figure) and the USL fit, with the capacity each step predicts:
 * <ul>
 *   <li>cpu, web-workers, memory, none: both scale. n VMs, each with its own CPU, memory and
 *       workers on the one shared database: n × one instance's capacity. A VM k times as big (k ×
 *       vCPUs, memory and workers): for the CPU, the USL with vCPUs as its units, C(k·c) / C(c)
 *       with C(n) = n / (1 + σ(n − 1) + κn(n − 1)) (an approximation: σ and κ were fitted over
 *       journeys in progress); otherwise k times, as far as the CPU measured at the answer allows
 *       (k × saturation / its busy share). The cheaper per journey is the one with more capacity
 *       per vCPU: two VMs and one VM twice as big have the same vCPUs, and a machine family is
 *       priced by vCPU.</li>
 *   <li>db-connections, db-locks: neither; the one database is shared by every VM: a pool
 *       (pgbouncer) or a bigger database first.</li>
 *   <li>queue: neither; the Celery workers run apart from the web VMs: more Celery workers.</li>
 *   <li>a resource a user named: it is the limit; the plan cannot tell which way it scales.</li>
 * </ul>
 *
 * @param choice what to do next, in a few words
 * @param because why, from the measured figures
 * @param perInstance one instance's capacity, journeys a second
 * @param saturation what saturated first
 * @param usl the fit, or null
 * @param vcpus one VM's vCPUs
 * @param vcpusFrom where that comes from (measured or the setting)
 * @param saturationShare the CPU's busy share counted as full ({@code loadtest.scaling.saturation})
 */
public record VmChoice(String choice, String because, double perInstance, SaturatedFirst saturation,
    ScalingInputs.Usl usl, int vcpus, String vcpusFrom, double saturationShare) {

  /** Predictions within this share of each other are "about as cheap". */
  private static final double SAME = 0.05;

  static VmChoice of(ScalingInputs in, ScalingSettings s, Sizes sizes, SaturatedFirst sat) {
    double perInstance = in.maxRate() / s.measured().instances();
    VmChoice p = new VmChoice("", "", perInstance, sat, in.usl(), sizes.vcpus().whole(), sizes.vcpus().source(),
        s.saturation());
    String figure = sat.figure();
    String choice;
    String because;
    switch (sat.resource()) {
      case SaturatedFirst.DB_CONNECTIONS, SaturatedFirst.DB_LOCKS -> {
        choice = "neither: a pool (pgbouncer) or a bigger database first";
        because = "the shared database saturated first (" + sat.evidence() + "); every web VM, however many or big,"
            + " uses the one database: " + (SaturatedFirst.DB_LOCKS.equals(sat.resource())
            ? "shorten the transactions that hold the locks, or give the database more resources (faster queries"
            + " hold them for less)"
            : "pool the connections (pgbouncer, transaction mode: see Database connections), or give the database"
            + " more resources");
      }
      case SaturatedFirst.QUEUE -> {
        choice = "neither: more Celery workers";
        because = "the notification queue saturated first (" + sat.evidence() + "); the web tier was not the limit"
            + " and the Celery workers run apart from the web VMs: more web VMs add none; add Celery workers"
            + " (see Celery workers)";
      }
      case SaturatedFirst.CPU -> {
        choice = p.cheaper("more VMs", "a bigger VM");
        because = "the CPU saturated first (" + sat.evidence() + "); both scale it: two VMs give "
            + Plain.number(p.horizontal(2)) + " journeys/s, a VM with twice the vCPUs " + Plain.number(p.vertical(2))
            + " (" + p.verticalBecause(2) + "); " + p.perVcpu();
      }
      case SaturatedFirst.WEB_WORKERS -> {
        double cpu = sat.cpuShareAtAnswer(p.vcpus());
        String scale = p.cheaper("more VMs", "a bigger VM");
        boolean room = !Double.isNaN(cpu) && cpu < s.saturation();
        choice = room ? "more gunicorn workers first, then " + scale : scale;
        because = "the web workers saturated first (" + sat.evidence() + ") while the CPU was at " + p.cpuAtAnswer()
            + (room ? ": the same VM serves more with more workers or threads, within the database budget; beyond"
            + " that " : ": ") + "both scale: two VMs give " + Plain.number(p.horizontal(2)) + " journeys/s, a VM"
            + " twice as big " + Plain.number(p.vertical(2)) + " (" + p.verticalBecause(2) + "); " + p.perVcpu();
      }
      case SaturatedFirst.MEMORY -> {
        choice = "more memory: a bigger VM (a high-memory type) or more VMs";
        because = "the memory saturated first (" + sat.evidence() + (sizes.memoryBytes() == null ? ""
            : "; " + Plain.number(sizes.memoryBytes().value() / (1 << 30)) + " GiB a VM, measured") + "); both help:"
            + " more VMs each bring their own (two give " + Plain.number(p.horizontal(2)) + " journeys/s), a VM with"
            + " twice the memory holds twice the journeys in progress (" + Plain.number(p.vertical(2)) + ", "
            + p.verticalBecause(2) + "); a high-memory machine type adds memory without paying for vCPUs the CPU"
            + " does not need (" + p.cpuAtAnswer() + ")";
      }
      case SaturatedFirst.NONE -> {
        choice = "more VMs";
        because = sat.evidence() + "; more VMs scale linearly while the shared database holds (two give "
            + Plain.number(p.horizontal(2)) + " journeys/s)";
      }
      default -> {
        choice = "unknown: " + sat.name() + " is the limit";
        because = sat.name() + " saturated first (" + sat.evidence() + "), a resource named in the settings: the"
            + " plan cannot tell whether more or bigger web VMs relieve it; find out what it belongs to (the web VM,"
            + " the database, the broker) and scale that";
      }
    }
    return new VmChoice(choice, because, perInstance, sat, in.usl(), p.vcpus(), p.vcpusFrom(), s.saturation());
  }

  /** "The CPU at 0.3 of 2 vCPUs at the answer (measured: ...)", or that no rule read it. */
  private String cpuAtAnswer() {
    double share = saturation.cpuShareAtAnswer(vcpus);
    if (Double.isNaN(share)) {
      return "an unknown share at the answer (no CPU rule read it)";
    }
    return saturation.cpuAtAnswer().words() + " at the answer (a busy share of " + Plain.number(share) + ")";
  }

  /** Which of two VMs and one VM twice as big gives more journeys per vCPU, in a few words. */
  private String cheaper(String more, String bigger) {
    double h = horizontal(2);
    double v = vertical(2);
    if (v > h * (1 + SAME)) {
      return bigger;
    }
    return v < h * (1 - SAME) ? more : more + " (" + bigger + " does about as well)";
  }

  /** The per-vCPU comparison, in words: which is cheaper per journey and why. */
  private String perVcpu() {
    double h = horizontal(2) / (2.0 * vcpus);
    double v = vertical(2) / (2.0 * vcpus);
    String figures = String.format(Locale.ROOT, "per vCPU, two VMs of %d give %s journeys/s and one VM of %d %s"
        + " (vCPUs %s)", vcpus, Plain.number(h), 2 * vcpus, Plain.number(v), vcpusFrom);
    if (v > h * (1 + SAME)) {
      return figures + ": the bigger VM is cheaper per journey (a machine family is priced by vCPU)";
    }
    if (v < h * (1 - SAME)) {
      return figures + ": more VMs are cheaper per journey (a machine family is priced by vCPU), and the autoscaler"
          + " adds and removes them one at a time";
    }
    return figures + ": about as cheap per journey; more VMs, which the autoscaler adds one at a time and which"
        + " survive losing one";
  }

  /** Predicted capacity of n instances behind the balancer, journeys a second; NaN when it cannot be told. */
  public double horizontal(int n) {
    if (sharedLimit()) {
      return perInstance;
    }
    return saturation.userNamed() ? Double.NaN : n * perInstance;
  }

  /** The database and the Celery workers are shared by every web instance: more of these add none of them. */
  private boolean sharedLimit() {
    return switch (saturation.resource()) {
      case SaturatedFirst.DB_CONNECTIONS, SaturatedFirst.DB_LOCKS, SaturatedFirst.QUEUE -> true;
      default -> false;
    };
  }

  /** Why {@link #horizontal}. */
  public String horizontalBecause(int n) {
    return switch (saturation.resource()) {
      case SaturatedFirst.DB_CONNECTIONS, SaturatedFirst.DB_LOCKS -> "the shared database saturated first ("
          + saturation.figure() + "): more instances add no capacity";
      case SaturatedFirst.QUEUE -> "the notification queue saturated first (" + saturation.figure() + "): more web"
          + " instances add no Celery workers";
      case SaturatedFirst.NONE -> n + " x " + Plain.number(perInstance) + " journeys/s: no resource reached its limit,"
          + " assumed linear while the shared database holds";
      default -> saturation.userNamed()
          ? "not known: " + saturation.name() + " saturated first (" + saturation.figure() + ") and the plan cannot"
          + " tell whether more instances relieve it"
          : n + " x " + Plain.number(perInstance) + " journeys/s: each instance its own CPU, memory and workers"
          + " (" + saturation.figure() + "), one shared database that did not saturate";
    };
  }

  /** Predicted capacity of one instance k times as big (k × vCPUs, memory and workers); NaN when it cannot be told. */
  public double vertical(double k) {
    return perInstance * verticalFactor(k);
  }

  double verticalFactor(double k) {
    if (sharedLimit()) {
      return 1;
    }
    if (saturation.userNamed()) {
      return Double.NaN;
    }
    if (SaturatedFirst.CPU.equals(saturation.resource())) {
      return usl == null ? k : usl.capacity(k * vcpus) / usl.capacity(vcpus);
    }
    double cpu = saturation.cpuShareAtAnswer(vcpus);
    if (Double.isNaN(cpu) || cpu <= 0) {
      return k;
    }
    return Math.min(k, k * saturationShare / cpu);
  }

  /** Why {@link #vertical}. */
  public String verticalBecause(double k) {
    String times = Plain.number(k) + "x";
    switch (saturation.resource()) {
      case SaturatedFirst.DB_CONNECTIONS, SaturatedFirst.DB_LOCKS -> {
        return "the database saturated first (" + saturation.figure() + "): a bigger web VM adds no capacity";
      }
      case SaturatedFirst.QUEUE -> {
        return "the notification queue saturated first (" + saturation.figure() + "): a bigger web VM adds no"
            + " capacity";
      }
      case SaturatedFirst.CPU -> {
        if (usl == null) {
          return times + " (the CPU saturated, " + saturation.figure() + "; no USL fit: linear, an upper bound)";
        }
        return String.format(Locale.ROOT, "USL over vCPUs: C(%s)/C(%d) with sigma %s, kappa %s (the CPU saturated, %s)",
            Plain.number(k * vcpus), vcpus, Plain.number(usl.sigma()), Plain.number(usl.kappa()), saturation.figure());
      }
      default -> {
        if (saturation.userNamed()) {
          return "not known: " + saturation.name() + " saturated first (" + saturation.figure() + ")";
        }
        String what = SaturatedFirst.MEMORY.equals(saturation.resource()) ? "the memory" : "the workers";
        double cpu = saturation.cpuShareAtAnswer(vcpus);
        if (Double.isNaN(cpu) || cpu <= 0) {
          return times + " " + what + " (no CPU rule read the answer's step: the CPU assumed not the limit)";
        }
        return String.format(Locale.ROOT, "%s %s, bounded by the CPU: %s x saturation %s / busy share %s at the"
                + " answer (%s) = %sx", times, what, Plain.number(k), Plain.number(saturationShare),
            Plain.number(cpu), saturation.cpuAtAnswer().words(), Plain.number(k * saturationShare / cpu));
      }
    }
  }
}
