package interviews.loadtest.reference;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The knobs of a running reference target that can change while it runs: fault injection
 * (error, throttle and unavailable shares with their Retry-After, added latency, refused
 * connections), the added service time per API route, the database query time, the notification
 * job delay and the {@link Drift} knobs (latency, connection, job and memory drift). Thread-safe; every setter
 * validates its value and throws an {@link IllegalArgumentException} with one clear line for a bad one.
 *
 * <p>A service time, job delay, latency leak or job slowdown applies to the requests and jobs
 * already waiting it out, too: a lowered value lets them go as soon as their time under the new
 * value is up. So a knob set to its maximum holds handlers or notification workers until it is set
 * back.
 */
public final class Knobs {

  /** What happens when the refuse-connections knob flips. */
  interface ListenerControl {
    void setRefusing(boolean refusing);
  }

  private final TargetSettings initial;
  private final ListenerControl listener;
  private final ScheduledExecutorService timer;
  private final Drift drift;

  private volatile double errorRate;
  private volatile double throttleRate;
  private volatile double unavailableRate;
  private volatile long retryAfterS;
  private volatile long latencyMs;
  private volatile long jobDelayMs;
  private volatile long queryTimeMs;
  private volatile boolean refusing;
  private final Map<Route, Long> serviceTimeMs = new EnumMap<>(Route.class);
  /** Requests and jobs waiting out a service time or job delay wait on this; a changed knob wakes them. */
  private final Object delays = new Object();
  private ScheduledFuture<?> pendingAccept;

  Knobs(TargetSettings settings, ListenerControl listener, ScheduledExecutorService timer, Drift drift) {
    this.initial = settings;
    this.listener = listener;
    this.timer = timer;
    this.drift = drift;
    this.errorRate = settings.errorRate;
    this.throttleRate = settings.throttleRate;
    this.unavailableRate = settings.unavailableRate;
    this.retryAfterS = settings.retryAfterS;
    this.latencyMs = settings.latencyMs;
    this.jobDelayMs = settings.jobDelayMs;
    this.queryTimeMs = settings.queryTimeMs;
    this.serviceTimeMs.putAll(settings.serviceTimeMs);
    this.refusing = false;
  }

  /** Share (0..1) of API requests answered 500 instead of being served. */
  public double errorRate() {
    return errorRate;
  }

  public Knobs errorRate(double share) {
    this.errorRate = checkShare("error rate", share);
    return this;
  }

  /** Share (0..1) of API requests answered 429 with {@code Retry-After} instead of being served. */
  public double throttleRate() {
    return throttleRate;
  }

  public Knobs throttleRate(double share) {
    this.throttleRate = checkShare("throttle rate", share);
    return this;
  }

  /** Share (0..1) of API requests answered 503 with {@code Retry-After} instead of being served. */
  public double unavailableRate() {
    return unavailableRate;
  }

  public Knobs unavailableRate(double share) {
    this.unavailableRate = checkShare("unavailable rate", share);
    return this;
  }

  /** The {@code Retry-After} of injected 429s and 503s, in seconds. */
  public long retryAfterS() {
    return retryAfterS;
  }

  public Knobs retryAfterS(long seconds) {
    if (seconds < 0 || seconds > 86_400) {
      throw new IllegalArgumentException("Invalid Retry-After '" + seconds + "' s: expected an integer from 0 to 86400");
    }
    this.retryAfterS = seconds;
    return this;
  }

  /** Latency added to every API response, in ms, without holding a request handler. */
  public long latencyMs() {
    return latencyMs;
  }

  public Knobs latencyMs(long ms) {
    this.latencyMs = checkMs("latency", ms);
    return this;
  }

  /** Time one notification job takes, in ms. */
  public long jobDelayMs() {
    return jobDelayMs;
  }

  public Knobs jobDelayMs(long ms) {
    this.jobDelayMs = checkMs("job delay", ms);
    delaysChanged();
    return this;
  }

  /**
   * Waits out the job delay, from now, for the notification job about to run: job delay plus its
   * {@link Drift} job slowdown, at most 1 h.
   */
  void awaitJobDelay() throws InterruptedException {
    long n = drift.jobTaken();
    awaitDelay(System.nanoTime(),
        () -> Math.min(Drift.MAX_JOB_NANOS, TimeUnit.MILLISECONDS.toNanos(jobDelayMs) + drift.jobSlowdownNanos(n)));
  }

  /**
   * How long every API request served holds one pooled database connection, in ms, as a slow query
   * does ({@code pg_sleep} on PostgreSQL); on top of the service time, while holding the handler.
   * A query already running keeps the time it started with.
   */
  public long queryTimeMs() {
    return queryTimeMs;
  }

  public Knobs queryTimeMs(long ms) {
    this.queryTimeMs = checkMs("query time", ms);
    return this;
  }

  /** Added service time of an API route ({@code login, slots, book, interview, cancel}), in ms. */
  public synchronized long serviceTimeMs(String route) {
    return serviceTimeMs.get(pooledRoute(route));
  }

  /** Added service time of an API route, in ms. */
  public long serviceTimeMs(Route route) {
    Long v;
    synchronized (this) {
      v = serviceTimeMs.get(route);
    }
    return v == null ? 0L : v;
  }

  public Knobs serviceTimeMs(String route, long ms) {
    Route r = pooledRoute(route);
    long v = checkMs("service time of " + route, ms);
    synchronized (this) {
      serviceTimeMs.put(r, v);
    }
    delaysChanged();
    return this;
  }

  /** Whether a request on this route waits before it is served: a service time or a latency leak. */
  public boolean waitsBeforeServing(Route route) {
    return serviceTimeMs(route) > 0 || drift.latencyLeakMs() > 0;
  }

  /**
   * Waits out the service time of a route, from now, for the request holding a handler: the route's
   * service time plus the {@link Drift} latency leak.
   */
  public void awaitServiceTime(Route route) throws InterruptedException {
    long n = drift.servedSinceLeakOn();
    awaitDelay(System.nanoTime(), () -> TimeUnit.MILLISECONDS.toNanos(serviceTimeMs(route)) + drift.latencyLeakNanos(n));
  }

  /** Service time per API route label, in ms. */
  public synchronized Map<String, Long> serviceTimesMs() {
    Map<String, Long> out = new LinkedHashMap<>();
    serviceTimeMs.forEach((r, v) -> out.put(r.label(), v));
    return out;
  }

  /** Drift: added to an API request's service time per 1,000 API requests served, in ms ({@link Drift}). */
  public long latencyLeakMs() {
    return drift.latencyLeakMs();
  }

  public Knobs latencyLeakMs(long ms) {
    drift.latencyLeakMs(ms);
    delaysChanged();
    return this;
  }

  /** Drift: every how many successful bookings one database connection leaks; 0 = none. */
  public long connectionLeakEvery() {
    return drift.connectionLeakEvery();
  }

  public Knobs connectionLeakEvery(long every) {
    drift.connectionLeakEvery(every);
    return this;
  }

  /** Drift: added to each notification job per job taken before it, in ms. */
  public long jobSlowdownMs() {
    return drift.jobSlowdownMs();
  }

  public Knobs jobSlowdownMs(long ms) {
    drift.jobSlowdownMs(ms);
    delaysChanged();
    return this;
  }

  /** Drift: bytes each API request served keeps on the heap, up to {@link #memoryLeakCapBytes()}. */
  public long memoryLeakPerRequestBytes() {
    return drift.memoryLeakPerRequestBytes();
  }

  public Knobs memoryLeakPerRequestBytes(long bytes) {
    drift.memoryLeak(bytes, drift.memoryLeakCapBytes());
    return this;
  }

  /** Drift: the most the memory leak keeps, in bytes; at most a quarter of the max heap while the leak is on. */
  public long memoryLeakCapBytes() {
    return drift.memoryLeakCapBytes();
  }

  public Knobs memoryLeakCapBytes(long bytes) {
    drift.memoryLeak(drift.memoryLeakPerRequestBytes(), bytes);
    return this;
  }

  /** Sets both memory leak knobs in one step, e.g. a lower cap and the leak on. */
  public Knobs memoryLeak(long perRequestBytes, long capBytes) {
    drift.memoryLeak(perRequestBytes, capBytes);
    return this;
  }

  /** Whether the listener is closed, so that TCP connections are refused. */
  public boolean refusingConnections() {
    return refusing;
  }

  /**
   * {@code true} closes the listening socket (new TCP connections are refused and open ones are
   * dropped); {@code false} binds the same port again. Returns once the change is in effect.
   */
  public synchronized Knobs refuseConnections(boolean refuse) {
    cancelPendingAccept();
    applyRefusing(refuse);
    return this;
  }

  /**
   * Refuses connections now and accepts them again after {@code duration}. This is the only way
   * the admin path can refuse connections, since it is itself unreachable while they are refused.
   */
  public synchronized Knobs refuseConnectionsFor(Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("Invalid refuse-connections duration '" + duration + "': expected a positive duration");
    }
    cancelPendingAccept();
    applyRefusing(true);
    pendingAccept = timer.schedule(() -> {
      synchronized (Knobs.this) {
        pendingAccept = null;
        applyRefusing(false);
      }
    }, duration.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Puts every knob back to the value the target was started with, and accepts connections. The
   * drift counts start again; what has leaked stays leaked until the target stops.
   */
  public Knobs reset() {
    synchronized (this) {
      errorRate = initial.errorRate;
      throttleRate = initial.throttleRate;
      unavailableRate = initial.unavailableRate;
      retryAfterS = initial.retryAfterS;
      latencyMs = initial.latencyMs;
      jobDelayMs = initial.jobDelayMs;
      queryTimeMs = initial.queryTimeMs;
      serviceTimeMs.clear();
      serviceTimeMs.putAll(initial.serviceTimeMs);
      cancelPendingAccept();
      applyRefusing(false);
    }
    drift.reset();
    delaysChanged(); // outside the lock on this: a waiter holds the lock on delays, then reads a knob
    return this;
  }

  /** The current values, keyed as in the admin path's JSON. */
  public synchronized Map<String, Object> snapshot() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error_rate", errorRate);
    m.put("throttle_rate", throttleRate);
    m.put("unavailable_rate", unavailableRate);
    m.put("retry_after_s", retryAfterS);
    m.put("latency_ms", latencyMs);
    m.put("refuse_connections", refusing);
    m.put("service_time_ms", serviceTimesMs());
    m.put("job_delay_ms", jobDelayMs);
    m.put("query_time_ms", queryTimeMs);
    m.put("latency_leak_ms", drift.latencyLeakMs());
    m.put("connection_leak_every", drift.connectionLeakEvery());
    m.put("job_slowdown_ms", drift.jobSlowdownMs());
    m.put("memory_leak_per_request_bytes", drift.memoryLeakPerRequestBytes());
    m.put("memory_leak_cap_bytes", drift.memoryLeakCapBytes());
    return m;
  }

  synchronized void cancelPendingAccept() {
    if (pendingAccept != null) {
      pendingAccept.cancel(false);
      pendingAccept = null;
    }
  }

  /** Waits until {@code delayNanos} (read again whenever a delay knob changes) has passed since {@code startNanos}. */
  private void awaitDelay(long startNanos, LongSupplier delayNanos) throws InterruptedException {
    synchronized (delays) {
      long left;
      while ((left = delayNanos.getAsLong() - (System.nanoTime() - startNanos)) > 0) {
        TimeUnit.NANOSECONDS.timedWait(delays, left);
      }
    }
  }

  private void delaysChanged() {
    synchronized (delays) {
      delays.notifyAll();
    }
  }

  private void applyRefusing(boolean refuse) {
    if (refuse != refusing) {
      listener.setRefusing(refuse);
      refusing = refuse;
    }
  }

  private static Route pooledRoute(String label) {
    Route r = Route.fromLabel(label);
    if (r == null || !r.pooled()) {
      throw new IllegalArgumentException("Invalid route '" + label + "' for a service time: expected one of " + Route.pooledLabels());
    }
    return r;
  }

  private static double checkShare(String what, double share) {
    if (!(share >= 0.0 && share <= 1.0)) {
      throw new IllegalArgumentException("Invalid " + what + " '" + share + "': expected a number from 0 to 1");
    }
    return share;
  }

  private static long checkMs(String what, long ms) {
    if (ms < 0 || ms > 600_000) {
      throw new IllegalArgumentException("Invalid " + what + " '" + ms + "' ms: expected an integer from 0 to 600000");
    }
    return ms;
  }
}
