package interviews.loadtest.scaling;

import java.util.Locale;

/**
 * The managed instance group's autoscaler: at least the busy day's peak hour's instances (and
 * {@code min-replicas}), at most the burst's, keeping CPU at the headroom; the initialisation
 * period is a new VM's start-up time; scale-in limited to a few instances per window. Written as a
 * {@code gcloud compute instance-groups managed set-autoscaling} command and a Terraform block:
 * {@code google_compute_autoscaler} for a zonal group, {@code google_compute_region_autoscaler}
 * for a regional one.
 *
 * @param zone the zonal group's zone, or empty for a regional group
 * @param region the regional group's region, or empty for a zonal group
 * @param caution when the resource that saturated first is one a CPU target does not see (the web
 *     workers or the memory, with the CPU below the target at the answer), what to do; else null
 */
public record Autoscaler(String group, String zone, String region, int minReplicas, int maxReplicas, double targetCpu,
    long coolDownSeconds, int scaleInMaxReplicas, long scaleInWindowSeconds, String because, String caution) {

  static Autoscaler of(ScalingSettings s, InstanceCount burst, InstanceCount peak, SaturatedFirst saturation, int vcpus) {
    ScalingSettings.Autoscaler a = s.autoscaler();
    int min = Math.max(a.minReplicas(), peak.instances());
    int max = a.maxReplicas() > 0 ? Math.max(a.maxReplicas(), min) : Math.max(min, burst.instances());
    String because = String.format(Locale.ROOT, "min = max(min-replicas %d, peak hour %d) = %d; max = %s = %d;"
        + " target CPU %s (%s); initialisation period %d s (loadtest.scaling.measured.startup-time)",
        a.minReplicas(), peak.instances(), min,
        a.maxReplicas() > 0 ? "max(min " + min + ", loadtest.scaling.autoscaler.max-replicas " + a.maxReplicas() + ")"
            : "max(min " + min + ", the burst's " + burst.instances() + ")", max,
        Plain.number(a.targetCpu()), a.targetCpu() == s.headroom() ? "the headroom" : "loadtest.scaling.autoscaler.target-cpu",
        s.measured().startupTime().toSeconds());
    return new Autoscaler(a.group(), a.zone(), a.region(), min, max, a.targetCpu(),
        s.measured().startupTime().toSeconds(), a.scaleInMaxReplicas(), a.scaleInTimeWindow().toSeconds(), because,
        caution(saturation, vcpus, a.targetCpu()));
  }

  private static String caution(SaturatedFirst saturation, int vcpus, double target) {
    boolean workers = SaturatedFirst.WEB_WORKERS.equals(saturation.resource());
    if (!workers && !SaturatedFirst.MEMORY.equals(saturation.resource())) {
      return null;
    }
    double cpu = saturation.cpuShareAtAnswer(vcpus);
    if (cpu >= target) {
      return null;
    }
    String at = Double.isNaN(cpu) ? "with the CPU not read at the answer"
        : "with the CPU at a busy share of " + Plain.number(cpu) + " at the answer, below the target "
            + Plain.number(target);
    return "the " + (workers ? "web workers" : "memory") + " saturated first (" + saturation.figure() + ") " + at
        + ": the CPU target may never be reached before " + (workers ? "the workers are full; give each VM the"
        + " gunicorn workers its CPU allows so the CPU becomes the limit, or autoscale on the load balancer's serving"
        + " capacity (--target-load-balancing-utilization)" : "the memory is; autoscale on the memory's use (a Cloud"
        + " Monitoring metric, --custom-metric-utilization) as well");
  }

  /** True for a regional managed instance group. */
  public boolean regional() {
    return !region.isEmpty();
  }

  /** The gcloud command, on several lines. */
  public String gcloud() {
    return "gcloud compute instance-groups managed set-autoscaling " + group + " \\\n"
        + (regional() ? "    --region=" + region : "    --zone=" + zone) + " \\\n"
        + "    --min-num-replicas=" + minReplicas + " --max-num-replicas=" + maxReplicas + " \\\n"
        + "    --target-cpu-utilization=" + Plain.number(targetCpu) + " \\\n"
        + "    --cool-down-period=" + coolDownSeconds + "s \\\n"
        + "    --scale-in-control=max-scaled-in-replicas=" + scaleInMaxReplicas + ",time-window=" + scaleInWindowSeconds
        + " \\\n"
        + "    --mode=on";
  }

  /** The Terraform resource. */
  public String terraform() {
    String id = group.replace('-', '_');
    return "resource \"" + (regional() ? "google_compute_region_autoscaler" : "google_compute_autoscaler") + "\" \""
        + id + "\" {\n"
        + "  name   = \"" + group + "\"\n"
        + (regional() ? "  region = \"" + region : "  zone   = \"" + zone) + "\"\n"
        + "  target = " + (regional() ? "google_compute_region_instance_group_manager."
            : "google_compute_instance_group_manager.") + id + ".id\n"
        + "\n"
        + "  autoscaling_policy {\n"
        + "    min_replicas    = " + minReplicas + "\n"
        + "    max_replicas    = " + maxReplicas + "\n"
        + "    cooldown_period = " + coolDownSeconds + "\n"
        + "    mode            = \"ON\"\n"
        + "\n"
        + "    cpu_utilization {\n"
        + "      target = " + Plain.number(targetCpu) + "\n"
        + "    }\n"
        + "\n"
        + "    scale_in_control {\n"
        + "      max_scaled_in_replicas {\n"
        + "        fixed = " + scaleInMaxReplicas + "\n"
        + "      }\n"
        + "      time_window_sec = " + scaleInWindowSeconds + "\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
  }
}
