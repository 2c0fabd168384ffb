package interviews.loadtest.scaling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes scaling-plan.md: the plan's answers in plain words, each with where its numbers come from. */
final class PlanMarkdown {

  private PlanMarkdown() {}

  static void write(ScalingPlan plan, Path file) {
    try {
      Files.writeString(file, text(plan), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String text(ScalingPlan p) {
    ScalingInputs in = p.inputs();
    ScalingSettings s = p.settings();
    String atLeast = in.atLeast() ? "at least " : "";
    StringBuilder b = new StringBuilder();
    b.append("# Scaling plan\n\n");
    if (p.measured().isEmpty()) {
      b.append("**Assumptions only:** ").append(p.basis().substring("assumptions only: ".length())).append(".\n\n");
    } else {
      b.append("**Basis:** ").append(p.basis()).append(".\n\n");
    }
    b.append("From the capacity search in `").append(in.runDirectory().getFileName()).append("`")
        .append(in.runId() == null ? "" : " (run " + in.runId() + ")").append(": ").append(in.journey())
        .append(" against ").append(in.target()).append(", ").append(atLeast).append(Plain.number(in.maxRate()))
        .append(" journeys/s with every SLO held");
    if (!in.limitedBy().isEmpty()) {
      b.append(" (limited by: ").append(in.limitedBy()).append(")");
    }
    b.append(", measured on ").append(s.measured().instances()).append(" instance(s) of ")
        .append(p.sizes().vcpus().whole()).append(" vCPUs: ").append(atLeast).append(Plain.number(p.vm().perInstance())).append(" journeys/s an instance.\n\n");
    if (p.searchHigher() != null) {
      b.append("**At least:** ").append(p.searchHigher()).append(".\n\n");
    }
    if (!"Booking".equalsIgnoreCase(in.journey())) {
      b.append("The search drove ").append(in.journey()).append(" journeys: each booking logs in once, so the loads"
          + " below count one journey a booking; the booking's other requests are not in this capacity (search"
          + " Booking to size them).\n\n");
    }

    b.append("## Sizes\n\n| size | value | |\n|---|---|---|\n");
    for (Sizes.Size z : p.sizes().all()) {
      b.append("| ").append(z.name()).append(" | ").append(Plain.number(z.value())).append(" | ")
          .append(z.measured() ? "measured: " : "assumed: `").append(z.from()).append(z.measured() ? "" : "`")
          .append(" |\n");
    }
    b.append("\n");

    b.append("## Web instances\n\n| load | journeys/s | instances | arithmetic |\n|---|---|---|---|\n");
    for (InstanceCount c : new InstanceCount[] {p.burst(), p.peakHour()}) {
      b.append("| ").append(c.load()).append(" | ").append(Plain.number(c.perSecond())).append(" | ")
          .append(c.atMost() ? "at most " : "").append(c.instances()).append(" | ").append(c.because()).append(" |\n");
    }
    b.append("\nHeadroom ").append(Plain.percent(s.headroom()))
        .append(" (`loadtest.scaling.headroom`): no instance carries more than that share of its measured capacity,"
            + " as the autoscaler's CPU target keeps it.\n\n");
    if (p.instancesCaution() != null) {
      b.append("**But** ").append(p.instancesCaution()).append(".\n\n");
    }

    SaturatedFirst sat = p.saturation();
    b.append("## Saturated first\n\n");
    if (SaturatedFirst.NONE.equals(sat.resource())) {
      b.append("**None**: ").append(sat.evidence()).append(".\n\n");
    } else {
      b.append("**").append(sat.name()).append("** (`").append(sat.resource()).append("`")
          .append(sat.metric() == null || sat.metric().isEmpty() ? "" : ", `" + sat.metric() + "`").append(")")
          .append(Double.isNaN(sat.atLoad()) ? "" : " at " + Plain.number(sat.atLoad()) + " journeys/s").append(": ")
          .append(sat.evidence()).append(" (").append(sat.from()).append(").\n\n");
      if (sat.reached().size() > 1) {
        b.append("Every resource at its limit, lowest load first:\n\n");
        for (SaturationEvidence.Reached r : sat.reached()) {
          b.append("- ").append(r.label()).append(" (`").append(r.resource()).append("`) at ")
              .append(Plain.number(r.atLoad())).append(" journeys/s").append(r.text().isBlank() ? "" : ": " + r.text())
              .append("\n");
        }
        b.append("\n");
      }
    }

    b.append("## Bigger VM or more VMs\n\n**").append(p.vm().choice()).append("**: ").append(p.vm().because())
        .append(".\n\n| step | predicted journeys/s | from |\n|---|---|---|\n")
        .append("| one instance (measured) | ").append(Plain.number(p.vm().perInstance()))
        .append(" | maxRate / loadtest.scaling.measured.instances |\n")
        .append("| two instances | ").append(Plain.number(p.vm().horizontal(2))).append(" | ")
        .append(p.vm().horizontalBecause(2)).append(" |\n")
        .append("| one VM twice as big (2 x vCPUs, memory and workers) | ").append(Plain.number(p.vm().vertical(2)))
        .append(" | ").append(p.vm().verticalBecause(2)).append(" |\n\n");

    b.append("## gunicorn workers\n\n**").append(p.gunicorn().perInstance()).append(" per instance** (")
        .append(p.gunicorn().threads()).append(" thread(s) each; the search ran with ")
        .append(p.sizes().webWorkers().whole()).append(" worker threads an instance, ")
        .append(p.sizes().webWorkers().source()).append("): ").append(p.gunicorn().because()).append(".\n\n");

    b.append("## Celery workers\n\n");
    CeleryWorkers celery = p.celery();
    if (celery.measured()) {
      if (SaturatedFirst.QUEUE.equals(sat.resource())) {
        b.append("**Next step: the Celery workers.** The queue saturated first (").append(sat.figure())
            .append("): run ").append(celery.workers()).append(" workers.\n\n");
      }
      b.append("**").append(celery.workers()).append("** (the search ran with ").append(celery.searchedWorkers().whole())
          .append(", ").append(celery.searchedWorkers().source()).append("). Job time ")
          .append(Plain.number(celery.jobSeconds())).append(" s (").append(celery.jobSource()).append("). ")
          .append(celery.because()).append(".\n\n");
      if (!celery.lagMet()) {
        b.append("A single job takes longer than the lag target: no number of workers meets it; make the job"
            + " faster.\n\n");
      }
      CeleryAutoscaler ca = p.celeryAutoscaler();
      b.append("**Autoscale them on the queue's length per worker: ").append(ca.targetPerWorker())
          .append(" jobs a worker**, between ").append(ca.minWorkers()).append(" and ").append(ca.maxWorkers())
          .append(" workers: ").append(ca.because()).append(".");
      if (ca.queueFigure() != null) {
        b.append(" Measured: ").append(ca.queueFigure()).append(".");
      }
      b.append(" A KEDA scaler (one worker process a replica; a replica of C processes: C x the target), or the same"
          + " target on a custom metric (queue length / workers):\n\n```yaml\n").append(ca.keda()).append("```\n\n");
    } else {
      b.append(celery.jobSource()).append(".\n\n");
    }

    b.append("## Database connections\n\n").append(p.budget().fits() ? "**Fits**: " : "**Does not fit**: ")
        .append(p.budget().because()).append(".\n\n");
    if (!p.budget().fits()) {
      b.append("Without pgbouncer, at most ").append(p.gunicorn().databaseBound())
          .append(" gunicorn workers per instance fit. With it, Django connects to pgbouncer (keep CONN_MAX_AGE), and"
              + " pgbouncer keeps at most default_pool_size connections to PostgreSQL.\n\n");
    }

    b.append("## MIG autoscaler\n\n").append(p.autoscaler().regional() ? "A regional group (" + p.autoscaler().region()
        + "): " : "A zonal group (" + p.autoscaler().zone() + "): ").append(p.autoscaler().because())
        .append("; scale in at most ").append(p.autoscaler().scaleInMaxReplicas()).append(" instance(s) per ")
        .append(p.autoscaler().scaleInWindowSeconds()).append(" s.\n\n");
    if (p.autoscaler().caution() != null) {
      b.append("**Caution:** ").append(p.autoscaler().caution()).append(".\n\n");
    }
    if (p.settings().measured().startupTime().toSeconds() > 30 && p.burst().instances() > p.autoscaler().minReplicas()) {
      b.append("The burst ramps up within 30 s, faster than a new VM starts (")
          .append(p.autoscaler().coolDownSeconds()).append(" s): for a burst at a known time, raise the minimum"
              + " ahead of it (a scaling schedule) to the burst's ").append(p.burst().instances()).append(".\n\n");
    }
    b.append("```sh\n").append(p.autoscaler().gcloud()).append("\n```\n\n");
    b.append("```hcl\n").append(p.autoscaler().terraform()).append("```\n");
    return b.toString();
  }
}
