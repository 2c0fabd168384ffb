package interviews.loadtest.reference;

import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.reference.http.HttpApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * The embedded reference target: a reference implementation of the interview-scheduling contract
 * with a real SQL database, CPU-heavy login, race-safe booking, background notification jobs,
 * Prometheus metrics and capacity and fault knobs. See docs/reference-target.md.
 *
 * <pre>{@code
 * try (ReferenceTarget target = ReferenceTarget.start()) {
 *     String baseUrl = target.baseUrl();   // http://127.0.0.1:<port>
 *     target.knobs().errorRate(0.1);
 * }
 * }</pre>
 */
public final class ReferenceTarget implements AutoCloseable {

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  static {
    // The JDK server leaves Nagle's algorithm on by default: a response written as headers then body
    // then waits for the client's delayed ACK, adding about 40 ms to every request. The property is
    // read once, when the JDK creates its first HttpServer in this JVM.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final TargetSettings settings;
  private final TargetMetrics metrics;
  private final Database db;
  private final Notifications notifications;
  private final Knobs knobs;
  private final Drift drift;
  private final HttpApi api;
  private final ThreadPoolExecutor executor;
  private final ScheduledExecutorService timer;
  private final InetAddress bindAddress;
  private final Object serverLock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final long startMillis;
  private final AccountSeeds.Result seeds;
  private final String phases;
  private HttpServer server;
  private int port;

  private ReferenceTarget(TargetSettings s) throws IOException, SQLException {
    long t0 = System.nanoTime();
    this.settings = s;
    this.bindAddress = s.bindAddress;
    String name = "reference-target-" + INSTANCES.incrementAndGet();
    List<AccountSeeds.Account> accounts = AccountSeeds.readUsers(s.usersFile);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-timer"));
    this.metrics = new TargetMetrics();
    Database database = new Database(s, Clock.systemUTC());
    Broker broker = null;
    Notifications notif = null;
    try {
      // Before the slow part of the start: a broker that cannot be reached fails at once.
      broker = Broker.of(s, name);
      if (s.createDatabase) {
        DatabaseSetup setup = new DatabaseSetup(database);
        setup.createSchema();
        long tHash = System.nanoTime();
        this.seeds = AccountSeeds.hash(accounts, s.hashIterations, s.hashCacheDir);
        long tSeed = System.nanoTime();
        setup.seedRecruiters(seeds.accounts());
        setup.seedSlots(s.interviewers, s.slots);
        // Jobs left on a persistent broker name interviews of the tables just re-created.
        broker.purge();
        long tDone = System.nanoTime();
        this.phases = "schema " + (tHash - t0) / 1_000_000 + " ms, hashes " + (tSeed - tHash) / 1_000_000
            + " ms, seed rows " + (tDone - tSeed) / 1_000_000 + " ms";
      } else {
        // Another instance created and seeded the shared database: nothing to drop, hash or insert.
        this.seeds = new AccountSeeds.Result(List.of(), 0, 0);
        this.phases = "joined the shared database " + s.jdbcUrl;
      }
      this.drift = new Drift(s, database);
      this.knobs = new Knobs(s, this::setRefusing, timer, drift);
      notif = new Notifications(s.workers, broker, database, knobs, metrics.notificationLag::observe, name);
    } catch (SQLException | RuntimeException e) {
      if (broker != null) {
        broker.close();
      }
      database.close();
      timer.shutdownNow();
      metrics.close();
      throw e;
    }
    this.db = database;
    this.notifications = notif;
    this.api = new HttpApi(s, db, notifications, knobs, drift, metrics);
    registerGauges();
    int threads = s.handlers + s.queueLimit + 32;
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> daemon(r, name + "-http-" + n.incrementAndGet()));
    this.executor.allowCoreThreadTimeOut(true);
    try {
      this.server = bind(s.port);
    } catch (IOException | RuntimeException e) {
      closeBackend();
      throw e;
    }
    this.port = server.getAddress().getPort();
    if (s.refuseConnections) {
      knobs.refuseConnections(true);
    }
    this.startMillis = (System.nanoTime() - t0) / 1_000_000;
  }

  /**
   * Starts a target from a {@code reference-target} configuration block; keys it lacks take the
   * defaults of {@code reference-target.conf}.
   *
   * @throws interviews.loadtest.config.SettingError with one line naming the key, the value and
   *                                  what is allowed, for an unknown key or an invalid value
   * @throws IllegalStateException    if the port cannot be bound or the database cannot be set up
   */
  public static ReferenceTarget start(Config referenceTargetConfig) {
    TargetSettings s = TargetSettings.from(referenceTargetConfig);
    try {
      return new ReferenceTarget(s);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the reference target on " + s.bindAddress.getHostAddress()
          + ":" + s.port + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot set up the reference target's database: " + e.getMessage(), e);
    }
  }

  /**
   * Starts a target with the defaults of {@code reference-target.conf}, overridden by
   * {@code ConfigFactory.load()} (so {@code -Dreference-target.port=8000} and the like apply).
   */
  public static ReferenceTarget start() {
    ConfigFactory.invalidateCaches();
    Config loaded = ConfigFactory.load();
    Config block = loaded.hasPath("reference-target") ? loaded.getConfig("reference-target") : ConfigFactory.empty();
    return start(block);
  }

  /** E.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  public String baseUrl() {
    String host = bindAddress.getHostAddress();
    if (bindAddress.isAnyLocalAddress()) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port;
  }

  public int port() {
    return port;
  }

  /** The Prometheus endpoint, {@code baseUrl() + "/metrics"}. */
  public String metricsUrl() {
    return baseUrl() + "/metrics";
  }

  /** The runtime-changeable knobs. */
  public Knobs knobs() {
    return knobs;
  }

  /** How long {@link #start} took, in ms. */
  public long startMillis() {
    return startMillis;
  }

  /** Seed accounts whose password hash came from the on-disk cache, and those computed at start. */
  public String seedSummary() {
    return seeds.accounts().size() + " recruiter accounts (" + seeds.fromCache() + " hashes from cache, "
        + seeds.computed() + " computed at " + settings.hashIterations + " iterations; " + phases + ")";
  }

  /**
   * Stops accepting work, lets in-flight requests finish (up to {@code drain-timeout}), closes the
   * listener, stops the notification workers (dropping the jobs still waiting in memory; on a Redis
   * broker they stay on its list), releases what the
   * {@link Drift} knobs leaked (connections, heap) and closes the database pool. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    knobs.cancelPendingAccept();
    api.startClosing();
    long deadline = System.nanoTime() + settings.drainTimeoutMs * 1_000_000L;
    while (api.inFlight() > 0 && System.nanoTime() < deadline) {
      sleep(10);
    }
    synchronized (serverLock) {
      if (server != null) {
        server.stop(0);
        server = null;
      }
    }
    executor.shutdownNow();
    closeBackend();
  }

  private void closeBackend() {
    if (notifications != null) {
      notifications.close();
    }
    drift.close();
    db.close();
    timer.shutdownNow();
    metrics.close();
  }

  // ---------------------------------------------------------------- package-private, for tests

  Database database() {
    return db;
  }

  Notifications notificationQueue() {
    return notifications;
  }

  Drift drift() {
    return drift;
  }

  // ---------------------------------------------------------------- internals

  private HttpServer bind(int p) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(bindAddress, p), 512);
    s.createContext("/", api);
    s.setExecutor(executor);
    s.start();
    return s;
  }

  private void setRefusing(boolean refuse) {
    synchronized (serverLock) {
      if (closed.get()) {
        return;
      }
      if (refuse) {
        if (server != null) {
          server.stop(0);
          server = null;
        }
      } else if (server == null) {
        IOException last = null;
        // The port was ours a moment ago; retry briefly in case the OS has not released it yet.
        for (int attempt = 0; attempt < 50; attempt++) {
          try {
            server = bind(port);
            return;
          } catch (IOException e) {
            last = e;
            sleep(20);
          }
        }
        throw new UncheckedIOException("Cannot listen on port " + port + " again", last);
      }
    }
  }

  private void registerGauges() {
    metrics.gauge("request_handlers_busy", "Request handlers processing a request", api::busyHandlers);
    metrics.gauge("request_handlers_waiting", "Requests waiting for a free request handler", api::waitingForHandler);
    metrics.gauge("request_handlers_max", "Size of the request handler pool", () -> settings.handlers);
    metrics.gauge("db_pool_connections_active", "Database connections in use", () -> db.poolBean().getActiveConnections());
    metrics.gauge("db_pool_connections_idle", "Idle database connections", () -> db.poolBean().getIdleConnections());
    metrics.gauge("db_pool_connections_pending", "Threads waiting for a database connection",
        () -> db.poolBean().getThreadsAwaitingConnection());
    metrics.gauge("db_pool_connections_max", "Maximum size of the database connection pool", db::maxPoolSize);
    // On a Redis broker these ask the broker; NaN while it cannot be reached.
    metrics.gauge("notification_queue_depth", "Notification jobs waiting for a worker",
        () -> orNaN(notifications::depth));
    metrics.gauge("notification_queue_oldest_age_seconds", "Age of the oldest notification job waiting for a worker",
        () -> orNaN(notifications::oldestAgeSeconds));
    metrics.gauge("notification_workers", "Notification worker threads", notifications::workers);
    metrics.counter("notification_jobs_completed", "Notification jobs that set notification_status to sent",
        notifications::completed);
    metrics.counter("notification_jobs_failed", "Notification jobs that failed to update the database",
        notifications::failed);
    metrics.gauge("reference_target_leaked_connections", "Database connections the connection-leak drift took and keeps",
        drift::leakedConnections);
    metrics.gauge("reference_target_leaked_bytes", "Bytes the memory-leak drift keeps on the heap", drift::leakedBytes);
  }

  private static double orNaN(DoubleSupplier value) {
    try {
      return value.getAsDouble();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
