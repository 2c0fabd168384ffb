package interviews.loadtest.results.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A named source of server metrics polled every {@code interval} on its own daemon thread. A poll
 * that fails (unreachable, refused, an answer that makes no sense) is kept as a gap with its
 * one-line reason and never fails the run. Subclasses say how one poll reads its metrics.
 */
public abstract class PolledSource implements AutoCloseable {

  /** One poll. {@code values} (metric → value, without the source's prefix) is empty and {@code error} set for a gap. */
  public record ServerSample(long epochMillis, Map<String, Double> values, String error) {
    public boolean gap() {
      return error != null;
    }
  }

  /** A poll that failed, with the one line that says why. */
  public static final class PollFailure extends Exception {
    public PollFailure(String message) {
      super(message);
    }
  }

  private final String name;
  private final Duration interval;
  private final List<ServerSample> samples = Collections.synchronizedList(new ArrayList<>());
  private ScheduledExecutorService executor;
  private volatile ServerSample latest;

  protected PolledSource(String name, Duration interval) {
    this.name = name;
    this.interval = interval;
  }

  /** Reads the metrics once; throws a {@link PollFailure} (or anything) for a gap. */
  protected abstract Map<String, Double> poll(long nowMillis) throws Exception;

  /** Where it reads from, for the console and summary.json (never with a secret). */
  public abstract String endpoint();

  public final String name() {
    return name;
  }

  public final Duration interval() {
    return interval;
  }

  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "server-source-" + name);
      t.setDaemon(true);
      return t;
    });
    executor.scheduleAtFixedRate(this::scrapeOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One poll now (also used by tests); records a sample or a gap. */
  public ServerSample scrapeOnce() {
    long now = System.currentTimeMillis();
    ServerSample s;
    try {
      s = new ServerSample(now, Map.copyOf(poll(now)), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s = new ServerSample(now, Map.of(), "interrupted");
    } catch (PollFailure e) {
      s = new ServerSample(now, Map.of(), e.getMessage());
    } catch (Exception e) {
      s = new ServerSample(now, Map.of(), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    samples.add(s);
    latest = s;
    return s;
  }

  /** The most recent poll, or null. */
  public ServerSample latest() {
    return latest;
  }

  public List<ServerSample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /** Stops polling; subclasses release their connections too. */
  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }
}
