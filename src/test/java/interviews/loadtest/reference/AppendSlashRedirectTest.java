package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.assertErrorBody;
import static interviews.loadtest.reference.TargetTestSupport.assertMatchesContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request.Method;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code dialect.append-slash-redirect}: a known API path without its trailing slash answers 301 to
 * the path with it, query string kept, for every method, like Django's APPEND_SLASH; by default it is
 * 404.
 */
class AppendSlashRedirectTest {

  /** Method, path without its slash, and the Location expected. */
  private static final String[][] REDIRECTS = {
    {"GET", "/api/health", "/api/health/"},
    {"POST", "/api/login", "/api/login/"},
    {"GET", "/api/slots", "/api/slots/"},
    {"GET", "/api/slots?date=2030-01-02&limit=5", "/api/slots/?date=2030-01-02&limit=5"},
    {"GET", "/api/slots?", "/api/slots/"},
    {"POST", "/api/interviews", "/api/interviews/"},
    {"GET", "/api/interviews/12", "/api/interviews/12/"},
    {"DELETE", "/api/interviews/12", "/api/interviews/12/"},
    {"GET", "/api/interviews/5000000001?x=%20y", "/api/interviews/5000000001/?x=%20y"},
    // Methods the path does not allow are redirected too, as Django's middleware runs before the view.
    {"PUT", "/api/slots", "/api/slots/"},
    {"DELETE", "/api/login", "/api/login/"},
  };

  /** Paths that are no API path even with a slash appended, or already have one. */
  private static final String[] NOT_REDIRECTED = {"/api/nothing", "/api/interviews/abc", "/api/interviews/1/extra",
    "/api", "/metrics/", "/api/slots//", "/api/interviews/-1", "/admin/knobs"};

  @Test
  void pathsWithoutTheirSlashRedirectWhenTheDialectSaysSo() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("dialect.append-slash-redirect", true))) {
      Client client = new Client(target);
      String token = client.login(0);
      for (String[] c : REDIRECTS) {
        for (String t : new String[]{token, null}) {
          Reply r = client.send(c[0], c[1], t, c[0].equals("GET") ? null : "application/json", c[0].equals("GET") ? null : "{}");
          assertEquals(301, r.status(), c[0] + " " + c[1] + " -> " + r.body());
          assertEquals(c[2], r.header("Location"), c[0] + " " + c[1]);
          assertEquals("", r.body(), "a redirect has no body");
        }
      }
      for (String path : NOT_REDIRECTED) {
        Reply r = client.get(path, token);
        assertEquals(404, r.status(), path);
        assertErrorBody(r);
      }
      // Paths with their slash, and /metrics, are served as always.
      Reply slots = client.get("/api/slots/?limit=5", token);
      assertEquals(200, slots.status());
      assertMatchesContract("/api/slots/", Method.GET, slots);
      assertEquals(200, client.get("/metrics", null).status());

      // Following the Location works.
      Reply redirect = client.get("/api/slots?limit=3", token);
      Reply followed = client.get(redirect.header("Location"), token);
      assertEquals(200, followed.status());
      assertEquals(3, followed.json().get("results").size());
      assertMatchesContract("/api/slots/", Method.GET, followed);

      // The redirect comes before the view: it is never faulted and needs no token.
      target.knobs().errorRate(1.0);
      assertEquals(301, client.get("/api/slots", null).status());
      assertEquals(500, client.get("/api/slots/", token).status());
      target.knobs().reset();

      // Counted under the route it redirects to, with its status.
      String metrics = client.get("/metrics", null).body();
      assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_requests_total{") && l.contains("route=\"slots\"")
          && l.contains("status=\"301\"")), "a 301 of the slots route in the metrics");
    }
  }

  @Test
  void byDefaultPathsWithoutTheirSlashAre404() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      Client client = new Client(target);
      String token = client.login(0);
      for (String[] c : REDIRECTS) {
        Reply r = client.send(c[0], c[1], token, c[0].equals("GET") ? null : "application/json", c[0].equals("GET") ? null : "{}");
        assertEquals(404, r.status(), c[0] + " " + c[1]);
        assertNull(r.header("Location"));
        assertErrorBody(r);
      }
    }
  }
}
