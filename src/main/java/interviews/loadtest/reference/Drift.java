package interviews.loadtest.reference;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drift: the target getting worse little by little over a long run, so that a soak's drift SLOs
 * (the p95 of the last window against the first; the slopes of heap, database connections and
 * queue depth per hour) can be shown to catch each kind. Its knobs, all 0 (off) by default, are
 * the {@code drift} block of {@code reference-target.conf}, and change at runtime through
 * {@link Knobs} and the admin path:
 *
 * <ul>
 *   <li><b>latency leak</b>: an API request waits {@code n × leak / 1000} more while it holds its
 *       handler, at most 10 s, {@code n} being the API requests served since the leak was turned on;</li>
 *   <li><b>connection leak</b>: every Nth successful booking since it was turned on keeps one
 *       pooled database connection for good;</li>
 *   <li><b>job slowdown</b>: a notification job takes {@code job-delay + n × slowdown}, at most 1 h,
 *       {@code n} being the jobs the workers took before it since the slowdown was turned on;</li>
 *   <li><b>memory leak</b>: every API request served retains that many bytes on the heap, up to
 *       the cap, which is never more than a quarter of the max heap while the leak is on (a
 *       bound per target: several targets in one JVM each have their own).</li>
 * </ul>
 *
 * <p>An API request "served" is one on {@code login, slots, book, interview} or {@code cancel} that
 * took a request handler, whatever its status; health, metrics, admin, unknown routes and injected
 * faults are neither counted nor slowed. A knob turned on (from 0 to more) starts its count from 0;
 * changing it while on keeps the count. What leaked stays leaked until {@link #close}, when the
 * target stops. Thread-safe; the setters (reached through {@link Knobs}) validate their value and
 * throw an {@link IllegalArgumentException} with one clear line for a bad one.
 */
public final class Drift implements AutoCloseable {

  /** The most a latency leak adds to one request. */
  static final long MAX_LEAK_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** The longest one notification job takes, job delay and slowdown together. */
  static final long MAX_JOB_NANOS = TimeUnit.HOURS.toNanos(1);
  public static final long MAX_LATENCY_LEAK_MS = 600_000;
  public static final long MAX_JOB_SLOWDOWN_MS = 3_600_000;
  public static final long MAX_CONNECTION_LEAK_EVERY = 1_000_000;
  public static final long MAX_MEMORY_LEAK_PER_REQUEST = 64L << 20;
  public static final long MAX_MEMORY_LEAK_CAP = 1L << 40;

  private final TargetSettings initial;
  private final Database db;

  private volatile long latencyLeakMs;
  private final AtomicLong served = new AtomicLong();
  private volatile long servedWhenOn;

  private volatile long connectionLeakEvery;
  private final AtomicLong bookings = new AtomicLong();
  private final List<Connection> leakedConnections = new ArrayList<>();

  private volatile long jobSlowdownMs;
  private final AtomicLong jobsTaken = new AtomicLong();
  private volatile long jobsWhenOn;

  private volatile long memoryLeakPerRequest;
  private volatile long memoryLeakCap;
  private final List<byte[]> retained = new ArrayList<>();
  private long retainedBytes;

  private boolean closed;

  Drift(TargetSettings settings, Database db) {
    this.initial = settings;
    this.db = db;
    this.latencyLeakMs = settings.latencyLeakMs;
    this.connectionLeakEvery = settings.connectionLeakEvery;
    this.jobSlowdownMs = settings.jobSlowdownMs;
    this.memoryLeakPerRequest = settings.memoryLeakPerRequestBytes;
    this.memoryLeakCap = settings.memoryLeakCapBytes;
  }

  /** The largest memory leak cap while the memory leak is on: a quarter of the JVM's max heap. */
  public static long maxMemoryLeakCap() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /** A size as written in the configuration, e.g. {@code 256MiB}, {@code 10KiB} or {@code 1000 bytes}. */
  static String size(long bytes) {
    if (bytes > 0 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + "GiB";
    }
    if (bytes > 0 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + "MiB";
    }
    if (bytes > 0 && bytes % 1024 == 0) {
      return (bytes >> 10) + "KiB";
    }
    return bytes + " bytes";
  }

  // ---------------------------------------------------------------- knobs

  /** Added to an API request's service time per 1,000 API requests served, in ms. */
  public long latencyLeakMs() {
    return latencyLeakMs;
  }

  synchronized void latencyLeakMs(long ms) {
    check("latency leak", ms, "ms", MAX_LATENCY_LEAK_MS);
    if (latencyLeakMs == 0 && ms > 0) {
      servedWhenOn = served.get();
    }
    latencyLeakMs = ms;
  }

  /** Every how many successful bookings one connection leaks; 0 = none. */
  public long connectionLeakEvery() {
    return connectionLeakEvery;
  }

  synchronized void connectionLeakEvery(long every) {
    check("connection leak interval", every, "bookings", MAX_CONNECTION_LEAK_EVERY);
    if (connectionLeakEvery == 0 && every > 0) {
      bookings.set(0);
    }
    connectionLeakEvery = every;
  }

  /** Added to each notification job per job taken before it, in ms. */
  public long jobSlowdownMs() {
    return jobSlowdownMs;
  }

  synchronized void jobSlowdownMs(long ms) {
    check("job slowdown", ms, "ms", MAX_JOB_SLOWDOWN_MS);
    if (jobSlowdownMs == 0 && ms > 0) {
      jobsWhenOn = jobsTaken.get();
    }
    jobSlowdownMs = ms;
  }

  /** Bytes each API request served retains. */
  public long memoryLeakPerRequestBytes() {
    return memoryLeakPerRequest;
  }

  /** The most the memory leak retains, in bytes. */
  public long memoryLeakCapBytes() {
    return memoryLeakCap;
  }

  /**
   * Sets both memory leak knobs at once, so that a cap can be lowered and the leak turned on in one
   * step. A cap lower than what is retained releases the excess.
   */
  synchronized void memoryLeak(long perRequestBytes, long capBytes) {
    checkMemoryLeak(perRequestBytes, capBytes);
    memoryLeakPerRequest = perRequestBytes;
    memoryLeakCap = capBytes;
    while (retainedBytes > capBytes && !retained.isEmpty()) {
      retainedBytes -= retained.remove(retained.size() - 1).length;
    }
  }

  /** Refuses, in one line, a memory leak the setters would refuse. */
  public static void checkMemoryLeak(long perRequestBytes, long capBytes) {
    check("memory leak per request", perRequestBytes, "bytes", MAX_MEMORY_LEAK_PER_REQUEST);
    check("memory leak cap", capBytes, "bytes", MAX_MEMORY_LEAK_CAP);
    long most = maxMemoryLeakCap();
    if (perRequestBytes > 0 && capBytes > most) {
      throw new IllegalArgumentException("Invalid memory leak cap '" + capBytes + "' bytes: expected at most a quarter"
          + " of the max heap, " + most + " bytes (" + size(most) + "), while the memory leak is on");
    }
  }

  /** Puts the knobs back to the values the target was started with and starts their counts again. */
  synchronized void reset() {
    latencyLeakMs = initial.latencyLeakMs;
    servedWhenOn = served.get();
    connectionLeakEvery = initial.connectionLeakEvery;
    bookings.set(0);
    jobSlowdownMs = initial.jobSlowdownMs;
    jobsWhenOn = jobsTaken.get();
    memoryLeak(initial.memoryLeakPerRequestBytes, initial.memoryLeakCapBytes);
  }

  // ---------------------------------------------------------------- the drift itself

  /** API requests served since the latency leak was turned on: the n of {@link #latencyLeakNanos}. */
  long servedSinceLeakOn() {
    return served.get() - servedWhenOn;
  }

  /** The latency leak of an API request that began after {@code n} were served: n × leak / 1000, at most 10 s. */
  long latencyLeakNanos(long n) {
    long perRequestNanos = latencyLeakMs * 1_000L; // leak ms / 1000 requests = leak µs a request
    if (perRequestNanos == 0 || n <= 0) {
      return 0;
    }
    return n >= MAX_LEAK_NANOS / perRequestNanos ? MAX_LEAK_NANOS : n * perRequestNanos;
  }

  /** A worker takes a job: returns its n, the jobs taken before it since the slowdown was turned on. */
  long jobTaken() {
    return jobsTaken.getAndIncrement() - jobsWhenOn;
  }

  /** The slowdown of a job with {@code n} taken before it: n × slowdown (the caller caps the total at 1 h). */
  long jobSlowdownNanos(long n) {
    long perJobNanos = TimeUnit.MILLISECONDS.toNanos(jobSlowdownMs);
    if (perJobNanos == 0 || n <= 0) {
      return 0;
    }
    return n >= MAX_JOB_NANOS / perJobNanos ? MAX_JOB_NANOS : n * perJobNanos;
  }

  /**
   * An API request was served (it held a handler, whatever its status): counts it for the latency
   * leak, retains its bytes of the memory leak and, for a successful booking, may leak a connection.
   * Taking that connection may wait for one as any request does; if none comes, nothing leaks.
   */
  public void requestServed(Route route, int status) {
    served.incrementAndGet();
    long perRequest = memoryLeakPerRequest;
    if (perRequest > 0) {
      retain(perRequest);
    }
    long every = connectionLeakEvery;
    if (route == Route.BOOK && status == 201 && every > 0 && bookings.incrementAndGet() % every == 0) {
      leakConnection();
    }
  }

  private synchronized void retain(long bytes) {
    long room = memoryLeakCap - retainedBytes;
    if (closed || room <= 0) {
      return;
    }
    byte[] kept = new byte[(int) Math.min(bytes, room)];
    retained.add(kept);
    retainedBytes += kept.length;
  }

  private void leakConnection() {
    Connection c;
    try {
      c = db.connection();
    } catch (SQLException e) {
      return; // the pool is dry already
    }
    synchronized (this) {
      if (!closed) {
        leakedConnections.add(c);
        return;
      }
    }
    closeQuietly(c);
  }

  /** Connections taken by the connection leak and kept. */
  public synchronized int leakedConnections() {
    return leakedConnections.size();
  }

  /** Bytes retained by the memory leak. */
  public synchronized long leakedBytes() {
    return retainedBytes;
  }

  /** Gives the leaked connections back to the pool and lets the retained bytes go. Idempotent. */
  @Override
  public void close() {
    List<Connection> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(leakedConnections);
      leakedConnections.clear();
      retained.clear();
      retainedBytes = 0;
    }
    toClose.forEach(Drift::closeQuietly);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // The pool is closing anyway.
    }
  }

  private static void check(String what, long value, String unit, long max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException("Invalid " + what + " '" + value + "' " + unit + ": expected an integer from 0 to " + max);
    }
  }
}
