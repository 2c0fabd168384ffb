package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.assertErrorBody;
import static interviews.loadtest.reference.TargetTestSupport.assertMatchesContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request.Method;
import com.fasterxml.jackson.databind.JsonNode;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code dialect.token-format}: the token issued at login is 40 hex characters, a UUID or a JWT,
 * and every format authenticates every authenticated endpoint, with either scheme word.
 */
class TokenFormatTest {

  @ParameterizedTest(name = "token-format = {0}, scheme {1}")
  @CsvSource({
    "hex, Bearer, '[0-9a-f]{40}'",
    "uuid, Bearer, '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'",
    "jwt, Bearer, '[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{100,}\\.[A-Za-z0-9_-]{43}'",
    "jwt, Token, '[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{100,}\\.[A-Za-z0-9_-]{43}'",
  })
  void everyFormatAuthenticatesEveryEndpoint(String format, String scheme, String pattern) {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("dialect.token-format", format, "auth.scheme", scheme))) {
      Client client = new Client(target);
      client.scheme = scheme;
      String[] a = TargetTestSupport.ACCOUNTS.get(0);
      Reply login = client.postJson("/api/login/", null, "{\"email\":\"" + a[0] + "\",\"password\":\"" + a[1] + "\"}");
      assertEquals(200, login.status(), login.body());
      assertMatchesContract("/api/login/", Method.POST, login);
      String token = login.json().get("token").asText();
      assertTrue(token.matches(pattern), format + " token: " + token);
      assertTrue(token.length() <= TokenFormat.MAX_LENGTH);
      if (format.equals("jwt")) {
        assertTrue(token.length() > 200 && token.contains("-") && token.contains("_") && token.contains("."), token);
        String[] parts = token.split("\\.");
        JsonNode header = TargetTestSupport.JSON.readTree(decode(parts[0]));
        assertEquals("HS256", header.get("alg").asText());
        JsonNode claims = TargetTestSupport.JSON.readTree(decode(parts[1]));
        assertEquals(login.json().get("user").get("id").asLong(), claims.get("user_id").asLong());
      }
      // Like DRF's get_or_create, the same user gets the same token; another user another one.
      assertEquals(token, client.login(0));
      assertNotEquals(token, client.login(1));

      // Every authenticated endpoint takes it.
      Reply slots = client.get("/api/slots/?limit=1", token);
      assertEquals(200, slots.status(), slots.body());
      assertMatchesContract("/api/slots/", Method.GET, slots);
      long slot = slots.json().get("results").get(0).get("id").asLong();
      Reply booked = client.book(token, slot);
      assertEquals(201, booked.status(), booked.body());
      assertMatchesContract("/api/interviews/", Method.POST, booked);
      String path = "/api/interviews/" + booked.json().get("id").asLong() + "/";
      Reply read = client.get(path, token);
      assertEquals(200, read.status());
      assertMatchesContract("/api/interviews/{id}/", Method.GET, read);
      Reply cancelled = client.delete(path, token);
      assertEquals(204, cancelled.status());
      assertMatchesContract("/api/interviews/{id}/", Method.DELETE, cancelled);

      // A token altered in its last character, or cut short, is refused everywhere.
      char last = token.charAt(token.length() - 1);
      for (String bad : new String[]{token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a'),
        token.substring(0, token.length() / 2)}) {
        for (Reply r : new Reply[]{client.get("/api/slots/", bad), client.book(bad, slot), client.get(path, bad),
          client.delete(path, bad)}) {
          assertEquals(401, r.status(), r.body());
          assertErrorBody(r);
        }
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String decode(String base64url) {
    return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
  }
}
