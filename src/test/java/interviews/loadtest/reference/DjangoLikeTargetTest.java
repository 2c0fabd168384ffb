package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.assertMatchesContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request.Method;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every dialect setting at once, as a Django REST framework backend on gunicorn's sync workers
 * behaves: the whole recruiter journey still works and every response is valid against the
 * description.
 */
class DjangoLikeTargetTest {

  static final Map<String, Object> DJANGO_LIKE = Map.of(
      "auth.scheme", "Token",
      "dialect.idempotent-cancel", true,
      "dialect.connection-close", true,
      "dialect.append-slash-redirect", true,
      "dialect.extra-fields", true,
      "dialect.id-offset", 5_000_000_000L,
      "dialect.token-format", "jwt");

  @Test
  void theJourneyWorksAndEveryResponseIsDescribed() {
    try (ReferenceTarget target = TargetTestSupport.start(DJANGO_LIKE)) {
      Client client = new Client(target);
      client.scheme = "Token";

      Reply health = client.get("/api/health/", null);
      assertEquals(200, health.status());
      assertEquals("close", health.header("Connection"));
      assertMatchesContract("/api/health/", Method.GET, health);

      String[] a = TargetTestSupport.ACCOUNTS.get(0);
      String credentials = "{\"email\":\"" + a[0] + "\",\"password\":\"" + a[1] + "\"}";
      Reply redirect = client.postJson("/api/login", null, credentials);
      assertEquals(301, redirect.status());
      Reply login = client.postJson(redirect.header("Location"), null, credentials);
      assertEquals(200, login.status(), login.body());
      assertMatchesContract("/api/login/", Method.POST, login);
      String token = login.json().get("token").asText();
      assertTrue(token.split("\\.").length == 3 && token.length() > 200, token);

      Reply slots = client.get("/api/slots/?limit=5", token);
      assertEquals(200, slots.status(), slots.body());
      assertMatchesContract("/api/slots/", Method.GET, slots);
      long slot = slots.json().get("results").get(0).get("id").asLong();
      assertTrue(slot > 1L << 32, "slot id " + slot);

      Reply booked = client.book(token, slot);
      assertEquals(201, booked.status(), booked.body());
      assertMatchesContract("/api/interviews/", Method.POST, booked);
      long id = booked.json().get("id").asLong();
      assertTrue(id > 1L << 32, "interview id " + id);
      Reply race = client.book(token, slot);
      assertEquals(409, race.status());
      assertMatchesContract("/api/interviews/", Method.POST, race);

      Reply read = client.get("/api/interviews/" + id + "/", token);
      assertEquals(200, read.status());
      assertMatchesContract("/api/interviews/{id}/", Method.GET, read);
      assertEquals("/api/interviews/" + id + "/", client.get("/api/interviews/" + id, token).header("Location"));

      for (int i = 0; i < 2; i++) {
        Reply cancelled = client.delete("/api/interviews/" + id + "/", token);
        assertEquals(204, cancelled.status(), "cancel " + (i + 1));
        assertEquals("close", cancelled.header("Connection"));
        assertMatchesContract("/api/interviews/{id}/", Method.DELETE, cancelled);
      }
      Reply unknown = client.delete("/api/interviews/" + (id + 1000) + "/", token);
      assertEquals(404, unknown.status());
      assertMatchesContract("/api/interviews/{id}/", Method.DELETE, unknown);
      assertEquals("not_found", unknown.json().get("code").asText());

      target.knobs().throttleRate(1.0);
      Reply throttled = client.get("/api/slots/", token);
      assertEquals(429, throttled.status());
      assertEquals("1", throttled.header("Retry-After"));
      assertEquals("close", throttled.header("Connection"));
      assertEquals("throttled", throttled.json().get("code").asText());
      assertMatchesContract("/api/slots/", Method.GET, throttled);
    }
  }
}
