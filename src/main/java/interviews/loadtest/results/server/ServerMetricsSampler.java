package interviews.loadtest.results.server;

import interviews.loadtest.results.ResultsSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Scrapes a Prometheus text endpoint (the target's {@code /metrics}, node_exporter,
 * postgres_exporter, redis_exporter, django-prometheus) every few seconds. Each metric is a
 * {@link MetricExpr}; the legacy {@code cpu} key, a plain counter of CPU seconds, is read as its
 * rate: CPU cores used. An answer other than 200, or one without a single Prometheus sample, is a gap.
 */
public final class ServerMetricsSampler extends PolledSource {

  private final URI uri;
  private final Duration timeout;
  private final String bearerToken;
  private final Map<String, MetricExpr.Reader> readers = new LinkedHashMap<>();
  private final HttpClient client;

  /** The target's source of the {@code prometheus} block: no name prefix, no token. */
  public ServerMetricsSampler(URI uri, Duration interval, Duration timeout, Map<String, String> metrics) {
    this("target", uri, interval, timeout, metrics, null);
  }

  /** A named source; {@code bearerToken} null or empty for none. */
  public ServerMetricsSampler(String name, URI uri, Duration interval, Duration timeout, Map<String, String> metrics,
      String bearerToken) {
    super(name, interval);
    this.uri = uri;
    this.timeout = timeout;
    this.bearerToken = bearerToken == null || bearerToken.isEmpty() ? null : bearerToken;
    metrics.forEach((k, v) -> {
      if (!v.isBlank()) {
        MetricExpr e = MetricExpr.parse(v);
        readers.put(k, (k.equals("cpu") ? e.asRateIfPlain() : e).reader());
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

  @Override
  protected Map<String, Double> poll(long now) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new PollFailure("HTTP " + r.statusCode());
    }
    List<PrometheusText.Sample> parsed = PrometheusText.parse(r.body());
    if (parsed.isEmpty()) {
      throw new PollFailure("the answer holds no Prometheus sample (is it a metrics endpoint?)");
    }
    return extract(parsed, now);
  }

  /** Values for the configured metrics from one scrape. */
  synchronized Map<String, Double> extract(List<PrometheusText.Sample> parsed, long now) {
    Map<String, Double> values = new LinkedHashMap<>();
    readers.forEach((key, reader) -> {
      OptionalDouble v = reader.read(parsed, now);
      if (v.isPresent()) {
        values.put(key, v.getAsDouble());
      }
    });
    return values;
  }

  @Override
  public String endpoint() {
    return uri.toString();
  }

  public URI uri() {
    return uri;
  }
}
