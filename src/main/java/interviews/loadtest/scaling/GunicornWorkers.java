package interviews.loadtest.scaling;

import java.util.Locale;

/**
 * gunicorn workers per instance: start at 2 × vCPUs + 1 (gunicorn's advice), bounded by the
 * database budget: with persistent connections every worker thread holds one, so at most
 * ⌊(connections available − Celery workers) / (max replicas × threads)⌋ workers fit without a
 * pooler.
 *
 * @param start 2 × vCPUs + 1
 * @param threads threads per worker
 * @param databaseBound the most workers per instance the database budget allows without a pooler
 * @param perInstance the workers to run without a pooler: min(start, bound), at least 1
 * @param because the arithmetic in words
 */
public record GunicornWorkers(int start, int threads, int databaseBound, int perInstance, String because) {

  static GunicornWorkers of(ScalingSettings s, Sizes sizes, int maxReplicas, int celeryWorkers) {
    int vcpus = sizes.vcpus().whole();
    int start = 2 * vcpus + 1;
    int threads = s.measured().gunicornThreads();
    int available = sizes.available();
    int bound = Math.max(0, (available - celeryWorkers) / (maxReplicas * threads));
    int perInstance = Math.max(1, Math.min(start, bound));
    String because = String.format(Locale.ROOT, "2 x %d vCPUs (%s) + 1 = %d; the database allows (%d - %d Celery) / (%d"
        + " instances x %d threads) = %d per instance -> %d%s", vcpus, sizes.vcpus().source(), start, available,
        celeryWorkers, maxReplicas, threads, bound, perInstance, bound < start ? " without pgbouncer; " + start
            + " with it" : "");
    return new GunicornWorkers(start, threads, bound, perInstance, because);
  }

  /** True when the database budget, not the CPU, sets the workers. */
  public boolean boundedByDatabase() {
    return databaseBound < start;
  }
}
