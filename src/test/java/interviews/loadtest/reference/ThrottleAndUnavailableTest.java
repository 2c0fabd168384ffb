package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.assertErrorBody;
import static interviews.loadtest.reference.TargetTestSupport.assertMatchesContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request.Method;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The fault knobs {@code faults.throttle-rate} and {@code faults.unavailable-rate}: their share of
 * API requests is answered 429 or 503 with {@code Retry-After: faults.retry-after} and a JSON
 * error valid against the description; at start, in-process and through the admin path.
 *
 * <p>Shares are checked against bounds six standard deviations wide, so a correct target fails
 * them about once in a billion runs; nothing here depends on timing.
 */
class ThrottleAndUnavailableTest {

  /** An API request answered 401 (no token) when it is not faulted: it needs no login. */
  private static final String PROBE = "/api/slots/";


  private static final int N = 400;

  @Test
  void everyApiRouteIsThrottledWithRetryAfterAndDescribedBody() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      Client client = new Client(target);
      String token = client.login(0);
      long slot = client.get("/api/slots/?limit=1", token).json().get("results").get(0).get("id").asLong();
      long id = client.book(token, slot).json().get("id").asLong();
      String one = "/api/interviews/" + id + "/";

      target.knobs().throttleRate(1.0);
      checkEveryRoute(client, token, one, 429, "1");
      assertEquals("Request was throttled. Expected available in 1 second.",
          client.get("/api/slots/", token).json().get("detail").asText());

      target.knobs().throttleRate(0.0).unavailableRate(1.0).retryAfterS(7);
      checkEveryRoute(client, token, one, 503, "7");

      target.knobs().unavailableRate(0.0).throttleRate(1.0).retryAfterS(0);
      assertEquals("0", client.get(PROBE, null).header("Retry-After"));
      assertEquals("Request was throttled. Expected available in 0 seconds.",
          client.get(PROBE, null).json().get("detail").asText());

      target.knobs().reset();
      assertEquals(0.0, target.knobs().throttleRate());
      assertEquals(0.0, target.knobs().unavailableRate());
      assertEquals(1, target.knobs().retryAfterS());
      assertEquals(200, client.get(one, token).status());
      assertEquals("scheduled", client.get(one, token).json().get("status").asText(), "a faulted cancel changed nothing");
    }
  }

  private static void checkEveryRoute(Client client, String token, String one, int status, String retryAfter) {
    Object[][] requests = {
      {"/api/health/", Method.GET, client.get("/api/health/", null)},
      {"/api/login/", Method.POST, client.postJson("/api/login/", null, "{\"email\":\"tester01@example.com\",\"password\":\"x\"}")},
      {"/api/slots/", Method.GET, client.get("/api/slots/", token)},
      {"/api/interviews/", Method.POST, client.book(token, 1)},
      {"/api/interviews/{id}/", Method.GET, client.get(one, token)},
      {"/api/interviews/{id}/", Method.DELETE, client.delete(one, token)},
    };
    for (Object[] r : requests) {
      Reply reply = (Reply) r[2];
      if (status == 429 && r[0].equals("/api/health/")) {
        assertEquals(200, reply.status(), "the health probe is never throttled");
        assertNull(reply.header("Retry-After"));
        continue;
      }
      assertEquals(status, reply.status(), r[1] + " " + r[0] + " -> " + reply.body());
      assertEquals(retryAfter, reply.header("Retry-After"), r[1] + " " + r[0]);
      assertErrorBody(reply);
      assertMatchesContract((String) r[0], (Method) r[1], reply);
    }
    // Never faulted: the metrics, and unknown routes.
    Reply metrics = client.get("/metrics", null);
    assertEquals(200, metrics.status());
    assertNull(metrics.header("Retry-After"));
    assertEquals(404, client.get("/api/nothing/", token).status());
  }

  @Test
  void sharesAtStartAreTheConfiguredOnes() {
    Map<String, Object> shares = Map.of("faults.throttle-rate", 0.25, "faults.unavailable-rate", 0.25,
        "faults.error-rate", 0.25, "faults.retry-after", "3s");
    try (ReferenceTarget target = TargetTestSupport.start(shares)) {
      Client client = new Client(target);
      Map<Integer, Integer> counts = new TreeMap<>();
      for (int i = 0; i < N; i++) {
        Reply r = client.get(PROBE, null);
        counts.merge(r.status(), 1, Integer::sum);
        if (r.status() == 429 || r.status() == 503) {
          assertEquals("3", r.header("Retry-After"));
        } else {
          assertNull(r.header("Retry-After"), "status " + r.status());
        }
      }
      // Each a quarter of 400: 100, standard deviation 8.7.
      for (int status : new int[]{401, 429, 500, 503}) {
        int n = counts.getOrDefault(status, 0);
        assertTrue(n >= 48 && n <= 152, status + " answered " + n + " times of " + N + ": " + counts);
      }
      assertEquals(N, counts.values().stream().mapToInt(Integer::intValue).sum(), counts.toString());
    }
  }

  @Test
  void throttleShareAloneAndZeroByDefault() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      Client client = new Client(target);
      assertEquals(0, count(client, 429) + count(client, 503), "no 429 or 503 by default");
      target.knobs().throttleRate(0.5);
      int throttled = count(client, 429);
      // A half of 400: 200, standard deviation 10.
      assertTrue(throttled >= 140 && throttled <= 260, throttled + " of " + N + " throttled");
      target.knobs().throttleRate(0.0).unavailableRate(0.1);
      int unavailable = count(client, 503);
      // A tenth of 400: 40, standard deviation 6.
      assertTrue(unavailable >= 4 && unavailable <= 76, unavailable + " of " + N + " unavailable");
    }
  }

  @Test
  void knobsChangeThroughTheAdminPathAndAreChecked() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("admin.enabled", true))) {
      Client client = new Client(target);
      Reply knobs = client.get("/admin/knobs", null);
      assertEquals(0.0, knobs.json().get("throttle_rate").asDouble());
      assertEquals(0.0, knobs.json().get("unavailable_rate").asDouble());
      assertEquals(1, knobs.json().get("retry_after_s").asLong());

      Reply set = client.postJson("/admin/knobs", null, "{\"throttle_rate\":1,\"retry_after_s\":30}");
      assertEquals(200, set.status(), set.body());
      assertEquals(1.0, set.json().get("throttle_rate").asDouble());
      Reply throttled = client.get(PROBE, null);
      assertEquals(429, throttled.status());
      assertEquals("30", throttled.header("Retry-After"));
      assertEquals(200, client.get("/admin/knobs", null).status(), "the admin path is never faulted");

      for (String bad : new String[]{"{\"throttle_rate\":1.5}", "{\"unavailable_rate\":-0.1}", "{\"unavailable_rate\":\"x\"}",
        "{\"retry_after_s\":-1}", "{\"retry_after_s\":86401}", "{\"retry_after_s\":1.5}", "{\"throttle_rate\":0,\"nope\":1}"}) {
        Reply r = client.postJson("/admin/knobs", null, bad);
        assertEquals(400, r.status(), bad);
        assertErrorBody(r);
      }
      assertEquals(1.0, target.knobs().throttleRate(), "a bad request changes nothing");
      assertEquals(30, target.knobs().retryAfterS());

      assertEquals(200, client.postJson("/admin/knobs", null, "{\"throttle_rate\":0,\"unavailable_rate\":1}").status());
      Reply unavailable = client.get("/api/health/", null);
      assertEquals(503, unavailable.status());
      assertEquals("30", unavailable.header("Retry-After"));
      assertEquals(200, client.postJson("/admin/knobs", null, "{\"reset\":true}").status());
      assertEquals(200, client.get("/api/health/", null).status());
    }
  }

  @Test
  void inProcessSettersCheckTheirValues() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      Knobs k = target.knobs();
      for (Runnable bad : new Runnable[]{() -> k.throttleRate(1.01), () -> k.throttleRate(Double.NaN),
        () -> k.unavailableRate(-1), () -> k.retryAfterS(-1), () -> k.retryAfterS(86_401)}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
        assertTrue(e.getMessage().startsWith("Invalid ") && !e.getMessage().contains("\n"), e.getMessage());
      }
    }
  }

  private static int count(Client client, int status) {
    int n = 0;
    for (int i = 0; i < N; i++) {
      Reply r = client.get(PROBE, null);
      assertTrue(r.status() == 401 || r.status() == status, "status " + r.status());
      if (r.status() == status) {
        n++;
      }
    }
    return n;
  }
}
