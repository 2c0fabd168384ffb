package interviews.loadtest.scaling;

import java.util.Locale;

/**
 * The Celery workers' autoscaling signal: the queue's length per worker, a target for a KEDA
 * scaler or a custom-metric autoscaler. A worker drains μ = 1 / S jobs a second (S the job time);
 * the last of B jobs waiting for it starts after B / μ seconds. Keeping B at μ × lag target × ρ
 * keeps that wait within the lag target with the share 1 − ρ left for the job itself and for a new
 * worker to start. Between the peak hour's workers and the burst's.
 *
 * @param measured false when the job time is unknown
 * @param drainPerWorker jobs a second one worker drains, μ
 * @param lagSeconds the lag target
 * @param utilisation ρ
 * @param targetPerWorker the queue length per worker to keep, ⌊μ × lag × ρ⌋, at least 1
 * @param minWorkers the peak hour's workers
 * @param maxWorkers the burst's
 * @param queueFigure the queue as the search measured it when it saturated first, or null
 * @param because the arithmetic in words
 */
public record CeleryAutoscaler(boolean measured, double drainPerWorker, double lagSeconds, double utilisation,
    int targetPerWorker, int minWorkers, int maxWorkers, String queueFigure, String because) {

  static CeleryAutoscaler of(ScalingSettings s, CeleryWorkers celery) {
    double lag = s.celery().lagTarget().toMillis() / 1000.0;
    double rho = s.celery().utilisation();
    if (!celery.measured()) {
      return new CeleryAutoscaler(false, Double.NaN, lag, rho, 0, 0, 0, null, "not measured: " + celery.jobSource());
    }
    double mu = 1 / celery.jobSeconds();
    double exact = mu * lag * rho;
    int target = Math.max(1, (int) Math.floor(exact + 1e-9));
    String figure = celery.drain() == null ? null : celery.drain().sentence();
    String because = String.format(Locale.ROOT, "a worker drains 1 / %s s = %s jobs/s; the last of B jobs waiting for"
            + " it starts after B / %s s; within the lag target of %s s at utilisation %s: B = %s x %s x %s = %s -> %d"
            + " jobs a worker%s", Plain.number(celery.jobSeconds()), Plain.number(mu), Plain.number(mu),
        Plain.number(lag), Plain.number(rho), Plain.number(mu), Plain.number(lag), Plain.number(rho),
        Plain.number(exact), target, exact < 1 ? " (below 1: a single waiting job already risks the lag target;"
            + " scale on any backlog and make the job faster)" : "");
    return new CeleryAutoscaler(true, mu, lag, rho, target, celery.peakWorkers(), celery.workers(), figure, because);
  }

  /** A KEDA ScaledObject on the Redis list Celery's default queue is, one worker process a replica. */
  public String keda() {
    return "apiVersion: keda.sh/v1alpha1\n"
        + "kind: ScaledObject\n"
        + "metadata:\n"
        + "  name: celery-worker\n"
        + "spec:\n"
        + "  scaleTargetRef:\n"
        + "    name: celery-worker\n"
        + "  minReplicaCount: " + minWorkers + "\n"
        + "  maxReplicaCount: " + maxWorkers + "\n"
        + "  triggers:\n"
        + "    - type: redis\n"
        + "      metadata:\n"
        + "        addressFromEnv: REDIS_ADDRESS\n"
        + "        listName: celery\n"
        + "        listLength: \"" + targetPerWorker + "\"\n";
  }
}
