package interviews.loadtest.scaling;

import java.util.Locale;

/**
 * The managed instance group's autoscaler: at least the busy day's peak hour's instances (and
 * {@code min-replicas}), at most the burst's, keeping CPU at the headroom; the initialisation
 * period is a new VM's start-up time; scale-in limited to a few instances per window. Written as a
 * {@code gcloud compute instance-groups managed set-autoscaling} command and a Terraform
 * {@code google_compute_autoscaler} block.
 */
public record Autoscaler(String group, String zone, int minReplicas, int maxReplicas, double targetCpu,
    long coolDownSeconds, int scaleInMaxReplicas, long scaleInWindowSeconds, String because) {

  static Autoscaler of(ScalingSettings s, InstanceCount burst, InstanceCount peak) {
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
    return new Autoscaler(a.group(), a.zone(), min, max, a.targetCpu(), s.measured().startupTime().toSeconds(),
        a.scaleInMaxReplicas(), a.scaleInTimeWindow().toSeconds(), because);
  }

  /** The gcloud command, on several lines. */
  public String gcloud() {
    return "gcloud compute instance-groups managed set-autoscaling " + group + " \\\n"
        + "    --zone=" + zone + " \\\n"
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
    return "resource \"google_compute_autoscaler\" \"" + id + "\" {\n"
        + "  name   = \"" + group + "\"\n"
        + "  zone   = \"" + zone + "\"\n"
        + "  target = google_compute_instance_group_manager." + id + ".id\n"
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
