package interviews.loadtest.results.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Server metrics from a Prometheus server's HTTP query API ({@code /api/v1/query_range}), so a
 * team whose Prometheus (or Google Cloud Managed Service for Prometheus, which answers the same
 * API) already scrapes its servers needs nothing new on them. Each poll asks every query for the
 * last two steps of the run's window and keeps the newest point, summed over the series returned.
 * A query that returns no series leaves its metric absent; an error answer, or one that is not
 * the API's JSON, is a gap with its one-line reason.
 */
public final class PromQlSource extends PolledSource {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final Duration timeout;
  private final Map<String, String> queries;
  private final String bearerToken;
  private final HttpClient client;

  /** {@code baseUrl} is the API's root, e.g. {@code http://prometheus:9090}; {@code queries}: metric → PromQL. */
  public PromQlSource(String name, String baseUrl, Duration interval, Duration timeout, Map<String, String> queries,
      String bearerToken) {
    super(name, interval);
    this.base = baseUrl.replaceAll("/+$", "");
    this.timeout = timeout;
    this.queries = new LinkedHashMap<>(queries);
    this.bearerToken = bearerToken == null || bearerToken.isEmpty() ? null : bearerToken;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  protected Map<String, Double> poll(long now) throws Exception {
    long step = Math.max(1, interval().toSeconds());
    double end = now / 1000.0;
    double start = end - 2 * step;
    Map<String, Double> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> q : queries.entrySet()) {
      Double v = query(q.getValue(), start, end, step);
      if (v != null) {
        values.put(q.getKey(), v);
      }
    }
    return values;
  }

  private Double query(String promQl, double start, double end, long step) throws Exception {
    String uri = base + "/api/v1/query_range?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8)
        + String.format(Locale.ROOT, "&start=%.3f&end=%.3f&step=%d", start, end, step);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(timeout).GET();
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new PollFailure("HTTP " + r.statusCode() + ", not the Prometheus query API's JSON (is the URL the API's root?)");
    }
    if (body == null || !body.isObject()) {
      throw new PollFailure("HTTP " + r.statusCode() + ", not the Prometheus query API's JSON (is the URL the API's root?)");
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new PollFailure("PromQL " + body.path("errorType").asText("error") + ": "
          + body.path("error").asText("HTTP " + r.statusCode()).replace('\n', ' '));
    }
    JsonNode result = body.path("data").path("result");
    if (!"matrix".equals(body.path("data").path("resultType").asText()) || !result.isArray()) {
      throw new PollFailure("PromQL answer without a matrix (resultType " + body.path("data").path("resultType").asText() + ")");
    }
    double sum = 0;
    boolean any = false;
    for (JsonNode series : result) {
      JsonNode points = series.path("values");
      if (points.isArray() && !points.isEmpty()) {
        double v = Double.parseDouble(points.get(points.size() - 1).get(1).asText());
        if (!Double.isNaN(v)) {
          sum += v;
          any = true;
        }
      }
    }
    return any ? sum : null;
  }

  @Override
  public String endpoint() {
    return base + "/api/v1/query_range";
  }
}
