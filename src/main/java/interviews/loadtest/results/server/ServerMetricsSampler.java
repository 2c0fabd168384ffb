package interviews.loadtest.results.server;

import interviews.loadtest.results.ResultsSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes a Prometheus text endpoint every few seconds on a daemon thread. A failed scrape is kept
 * as a gap and never fails the run. The {@code cpu} metric (a counter of CPU seconds) is turned
 * into CPU cores used: its increase divided by the time between two scrapes.
 */
public final class ServerMetricsSampler implements AutoCloseable {

  /** One scrape. {@code values} is empty and {@code error} set for a gap. */
  public record ServerSample(long epochMillis, Map<String, Double> values, String error) {
    public boolean gap() {
      return error != null;
    }
  }

  private final URI uri;
  private final Duration interval;
  private final Duration timeout;
  private final Map<String, MetricSelector> selectors = new LinkedHashMap<>();
  private final List<ServerSample> samples = Collections.synchronizedList(new ArrayList<>());
  private final HttpClient client;
  private ScheduledExecutorService executor;
  private volatile ServerSample latest;
  private double lastCpuSeconds = Double.NaN;
  private long lastCpuMillis;

  public ServerMetricsSampler(URI uri, Duration interval, Duration timeout, Map<String, String> metrics) {
    this.uri = uri;
    this.interval = interval;
    this.timeout = timeout;
    metrics.forEach((k, v) -> {
      if (!v.isBlank()) {
        selectors.put(k, MetricSelector.parse(v));
      }
    });
    this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  /**
   * The endpoint to scrape for these settings and target, or {@code null} when it is switched
   * off (or invalid, said on stderr). Whether its host may be called at all is the target guard's
   * decision, taken before the run starts.
   */
  public static URI endpoint(ResultsSettings.Prometheus p, String target) {
    String url = url(p, target);
    if (url == null) {
      return null;
    }
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      System.err.println("[results] prometheus url " + url + " is invalid; server metrics off");
      return null;
    }
  }

  /** The URL to scrape, {@code <target>/metrics} unless one is set; null when switched off. */
  public static String url(ResultsSettings.Prometheus p, String target) {
    if (!p.enabled()) {
      return null;
    }
    if (!p.url().isEmpty()) {
      return p.url();
    }
    return target == null || target.isBlank() ? null : target.replaceAll("/+$", "") + "/metrics";
  }

  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "results-prometheus-sampler");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleAtFixedRate(this::scrapeOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One scrape now (also used by tests); records a sample or a gap. */
  public ServerSample scrapeOnce() {
    long now = System.currentTimeMillis();
    ServerSample s;
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        s = new ServerSample(now, Map.of(), "HTTP " + r.statusCode());
      } else {
        s = new ServerSample(now, extract(PrometheusText.parse(r.body()), now), null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s = new ServerSample(now, Map.of(), "interrupted");
    } catch (Exception e) {
      s = new ServerSample(now, Map.of(), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    samples.add(s);
    latest = s;
    return s;
  }

  /** Values for the configured metrics from one scrape; cpu as cores used since the last scrape. */
  synchronized Map<String, Double> extract(List<PrometheusText.Sample> parsed, long now) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Map.Entry<String, MetricSelector> e : selectors.entrySet()) {
      OptionalDouble v = PrometheusText.sum(parsed, e.getValue());
      if (v.isEmpty()) {
        continue;
      }
      if (e.getKey().equals("cpu")) {
        double seconds = v.getAsDouble();
        if (!Double.isNaN(lastCpuSeconds) && now > lastCpuMillis && seconds >= lastCpuSeconds) {
          values.put("cpu", (seconds - lastCpuSeconds) / ((now - lastCpuMillis) / 1000.0));
        }
        lastCpuSeconds = seconds;
        lastCpuMillis = now;
      } else {
        values.put(e.getKey(), v.getAsDouble());
      }
    }
    return values;
  }

  /** The most recent scrape, or null. */
  public ServerSample latest() {
    return latest;
  }

  public List<ServerSample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  public URI uri() {
    return uri;
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
