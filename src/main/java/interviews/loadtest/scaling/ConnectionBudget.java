package interviews.loadtest.scaling;

import java.util.Locale;

/**
 * The database connection budget at the most instances: instances × gunicorn workers × threads +
 * Celery workers, each holding a persistent connection (CONN_MAX_AGE above 0), against
 * max_connections minus a reserve. When it does not fit, pgbouncer in transaction mode pools them:
 * its server pool the connections available, its client limit the demand.
 *
 * @param web connections of the web tier at max replicas
 * @param celery connections of the Celery workers
 * @param demand both
 * @param available max_connections minus the reserve
 * @param fits demand ≤ available
 * @param poolSize pgbouncer's default_pool_size when it does not fit (else 0)
 * @param maxClientConn pgbouncer's max_client_conn when it does not fit (else 0)
 * @param because the arithmetic in words
 */
public record ConnectionBudget(int web, int celery, int demand, int available, boolean fits, int poolSize,
    int maxClientConn, String because) {

  static ConnectionBudget of(ScalingSettings s, Sizes sizes, int maxReplicas, int workersPerInstance,
      int celeryWorkers) {
    int threads = s.measured().gunicornThreads();
    int web = maxReplicas * workersPerInstance * threads;
    int demand = web + celeryWorkers;
    ScalingSettings.DatabaseBudget db = s.database();
    int available = sizes.available();
    boolean fits = demand <= available;
    String held = db.connMaxAgeSeconds() > 0
        ? "persistent connections (CONN_MAX_AGE " + db.connMaxAgeSeconds() + " s): each held all the time"
        : "a connection per request (CONN_MAX_AGE 0): as many at once as busy threads, each opened anew";
    String because = String.format(Locale.ROOT, "%d instances x %d workers x %d threads + %d Celery workers = %d"
        + " connections, %s; available: max_connections %d (%s) - reserve %d = %d -> %s", maxReplicas,
        workersPerInstance, threads, celeryWorkers, demand, held, sizes.maxConnections().whole(),
        sizes.maxConnections().source(), db.reserve(), available,
        fits ? "fits" : "does not fit: pgbouncer (transaction mode, DISABLE_SERVER_SIDE_CURSORS = True)"
            + " with default_pool_size " + available + " and max_client_conn " + demand);
    return new ConnectionBudget(web, celeryWorkers, demand, available, fits, fits ? 0 : available,
        fits ? 0 : demand, because);
  }
}
