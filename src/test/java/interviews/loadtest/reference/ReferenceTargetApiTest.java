package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.assertErrorBody;
import static interviews.loadtest.reference.TargetTestSupport.assertMatchesContract;
import static interviews.loadtest.reference.TargetTestSupport.bookingBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request.Method;
import com.fasterxml.jackson.databind.JsonNode;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every path, method, status code and error body of the contract, through real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceTargetApiTest {

  private ReferenceTarget target;
  private Client client;
  private String token;

  @BeforeAll
  void start() {
    target = TargetTestSupport.start(Map.of("max-body-bytes", 4096));
    client = new Client(target);
    token = client.login(0);
  }

  @AfterAll
  void stop() {
    target.close();
  }

  @Test
  void baseUrlIsLoopbackWithoutTrailingSlash() {
    assertEquals("http://127.0.0.1:" + target.port(), target.baseUrl());
    assertEquals(target.baseUrl() + "/metrics", target.metricsUrl());
    assertTrue(target.port() > 0);
  }

  @Test
  void health200() {
    Reply r = client.get("/api/health/", null);
    assertEquals(200, r.status());
    assertEquals("ok", r.json().get("status").asText());
    assertMatchesContract("/api/health/", Method.GET, r);
  }

  @Test
  void login200ReturnsTokenAndUser() {
    String[] a = TargetTestSupport.ACCOUNTS.get(1);
    Reply r = client.postJson("/api/login/", null, "{\"email\":\"" + a[0] + "\",\"password\":\"" + a[1] + "\"}");
    assertEquals(200, r.status());
    assertMatchesContract("/api/login/", Method.POST, r);
    assertTrue(r.json().get("token").asText().matches("[0-9a-f]{40}"), r.body());
    assertEquals(a[0], r.json().get("user").get("email").asText());
    assertEquals("recruiter", r.json().get("user").get("role").asText());
    // Like DRF's get_or_create: the same user gets the same token.
    Reply again = client.postJson("/api/login/", null, "{\"email\":\"" + a[0] + "\",\"password\":\"" + a[1] + "\"}");
    assertEquals(r.json().get("token").asText(), again.json().get("token").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"email\":\"tester01@example.com\",",                              // malformed JSON
    "{\"email\":\"tester01@example.com\"} trailing",                       // trailing garbage
    "[1,2]",                                                               // not an object
    "{}",                                                                  // missing fields
    "{\"email\":\"tester01@example.com\"}",                                // missing password
    "{\"email\":42,\"password\":\"x\"}",                                   // wrong type
    "{\"email\":\"tester01@example.com\",\"password\":[\"x\"]}",           // wrong type
    "{\"email\":\"not-an-email\",\"password\":\"x\"}",                     // bad e-mail
    "{\"email\":\"\",\"password\":\"x\"}",                                 // blank
  })
  void login400(String body) {
    Reply r = client.postJson("/api/login/", null, body);
    assertEquals(400, r.status(), r.body());
    assertMatchesContract("/api/login/", Method.POST, r);
    assertErrorBody(r);
  }

  @Test
  void login401ForWrongPasswordAndUnknownAccount() {
    Reply wrong = client.postJson("/api/login/", null, "{\"email\":\"tester01@example.com\",\"password\":\"wrong\"}");
    assertEquals(401, wrong.status());
    assertMatchesContract("/api/login/", Method.POST, wrong);
    Reply unknown = client.postJson("/api/login/", null, "{\"email\":\"nobody@example.com\",\"password\":\"wrong\"}");
    assertEquals(401, unknown.status());
    assertEquals(wrong.body(), unknown.body(), "the same answer, so accounts cannot be probed");
  }

  @Test
  void slots200EarliestFirstWithCount() {
    Reply r = client.get("/api/slots/", token);
    assertEquals(200, r.status(), r.body());
    assertMatchesContract("/api/slots/", Method.GET, r);
    JsonNode results = r.json().get("results");
    assertEquals(20, results.size(), "default limit");
    long count = r.json().get("count").asLong();
    assertTrue(count > 1900 && count <= 2000, "count of free slots: " + count);
    OffsetDateTime previous = null;
    for (JsonNode s : results) {
      OffsetDateTime start = OffsetDateTime.parse(s.get("start").asText());
      assertTrue(start.isAfter(OffsetDateTime.now(ZoneOffset.UTC)), "future slot");
      if (previous != null) {
        assertTrue(!start.isBefore(previous), "earliest first");
      }
      previous = start;
      assertEquals(start.plusMinutes(30), OffsetDateTime.parse(s.get("end").asText()));
    }
  }

  @Test
  void slotsDateFilterAndLimit() {
    // The second day of slots, counted from the seeded slots rather than from today's date, so
    // that a run across midnight (UTC) asks for the same day the target seeded.
    JsonNode earliest = client.get("/api/slots/?limit=1", token).json().get("results").get(0);
    LocalDate day = OffsetDateTime.parse(earliest.get("start").asText()).toLocalDate().plusDays(1);
    Reply r = client.get("/api/slots/?date=" + day + "&limit=100", token);
    assertEquals(200, r.status(), r.body());
    assertMatchesContract("/api/slots/", Method.GET, r);
    JsonNode results = r.json().get("results");
    assertEquals(100, results.size());
    for (JsonNode s : results) {
      assertEquals(day, OffsetDateTime.parse(s.get("start").asText()).toLocalDate());
    }
    long count = r.json().get("count").asLong();
    // 40 interviewers x 20 half-hours a day, less any booked by other tests.
    assertTrue(count > 700 && count <= 800, "count for one day: " + count);
    Reply one = client.get("/api/slots/?limit=1", token);
    assertEquals(1, one.json().get("results").size());
    Reply past = client.get("/api/slots/?date=2001-01-01", token);
    assertEquals(0, past.json().get("count").asLong());
    assertEquals(0, past.json().get("results").size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"?limit=0", "?limit=101", "?limit=abc", "?limit=-1", "?limit=2.5", "?limit=",
    "?date=2025-13-01", "?date=tomorrow", "?date=2025-02-30", "?date=", "?date=2025-1-1"})
  void slots400ForBadDateOrLimit(String query) {
    Reply r = client.get("/api/slots/" + query, token);
    assertEquals(400, r.status(), query + " -> " + r.body());
    assertMatchesContract("/api/slots/", Method.GET, r);
    assertErrorBody(r);
  }

  @Test
  void slots401ForMissingMalformedOrUnknownToken() {
    for (String header : new String[]{null, "Bearer", "Bearer a b", "Token " + token, "Basic abc",
      "Bearer 0000000000000000000000000000000000000000", "Bearer " + token + "x"}) {
      java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(target.baseUrl() + "/api/slots/"));
      if (header != null) {
        b.header("Authorization", header);
      }
      Reply r = client.send(b.GET().build());
      assertEquals(401, r.status(), header + " -> " + r.body());
      assertMatchesContract("/api/slots/", Method.GET, r);
      assertErrorBody(r);
      assertNotNull(r.header("WWW-Authenticate"));
    }
  }

  @Test
  void book201ThenGet200ThenCancel204() {
    long slot = freeSlot();
    Reply booked = client.book(token, slot);
    assertEquals(201, booked.status(), booked.body());
    assertMatchesContract("/api/interviews/", Method.POST, booked);
    JsonNode b = booked.json();
    assertEquals(slot, b.get("slot_id").asLong());
    assertEquals("scheduled", b.get("status").asText());
    long id = b.get("id").asLong();
    assertEquals("/api/interviews/" + id + "/", booked.header("Location"));

    Reply got = client.get("/api/interviews/" + id + "/", token);
    assertEquals(200, got.status());
    assertMatchesContract("/api/interviews/{id}/", Method.GET, got);
    assertEquals(id, got.json().get("id").asLong());

    Reply cancelled = client.delete("/api/interviews/" + id + "/", token);
    assertEquals(204, cancelled.status());
    assertEquals("", cancelled.body());
    assertMatchesContract("/api/interviews/{id}/", Method.DELETE, cancelled);
    assertEquals("cancelled", client.get("/api/interviews/" + id + "/", token).json().get("status").asText());

    Reply again = client.delete("/api/interviews/" + id + "/", token);
    assertEquals(404, again.status(), "already cancelled");
    assertMatchesContract("/api/interviews/{id}/", Method.DELETE, again);
  }

  @Test
  void book409WhenSlotAlreadyBooked() {
    long slot = freeSlot();
    assertEquals(201, client.book(token, slot).status());
    Reply second = client.book(client.login(2), slot);
    assertEquals(409, second.status(), second.body());
    assertMatchesContract("/api/interviews/", Method.POST, second);
    assertErrorBody(second);
  }

  @Test
  void book404ForUnknownSlot() {
    Reply r = client.book(token, 99_999_999L);
    assertEquals(404, r.status());
    assertMatchesContract("/api/interviews/", Method.POST, r);
    assertErrorBody(r);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"slot_id\":\"12\",\"candidate_name\":\"A\",\"candidate_email\":\"a@example.org\",\"position\":\"P\"}",
    "{\"slot_id\":1.5,\"candidate_name\":\"A\",\"candidate_email\":\"a@example.org\",\"position\":\"P\"}",
    "{\"slot_id\":99999999999999999999999,\"candidate_name\":\"A\",\"candidate_email\":\"a@example.org\",\"position\":\"P\"}",
    "{\"slot_id\":12,\"candidate_name\":7,\"candidate_email\":\"a@example.org\",\"position\":\"P\"}",
    "{\"slot_id\":12,\"candidate_name\":\"A\",\"candidate_email\":\"a-at-example.org\",\"position\":\"P\"}",
    "{\"slot_id\":12,\"candidate_name\":\"A\",\"candidate_email\":\"a@example.org\"}",
    "{\"slot_id\":12}",
    "{\"slot_id\":null,\"candidate_name\":\"A\",\"candidate_email\":\"a@example.org\",\"position\":\"P\"}",
    "{\"slot_id\":12,\"candidate_name\":\"A\",\"candidate_email\":\"a@example.org\",\"position\":true}",
    "{not json}",
    "\"just a string\"",
  })
  void book400ForBadInput(String body) {
    Reply r = client.postJson("/api/interviews/", token, body);
    assertEquals(400, r.status(), body + " -> " + r.body());
    assertMatchesContract("/api/interviews/", Method.POST, r);
    assertErrorBody(r);
  }

  @Test
  void book400ForTooLongName() {
    String body = "{\"slot_id\":12,\"candidate_name\":\"" + "x".repeat(201)
        + "\",\"candidate_email\":\"a@example.org\",\"position\":\"P\"}";
    Reply r = client.postJson("/api/interviews/", token, body);
    assertEquals(400, r.status());
    assertErrorBody(r);
  }

  @Test
  void book401WithoutToken() {
    Reply r = client.postJson("/api/interviews/", null, bookingBody(1));
    assertEquals(401, r.status());
    assertMatchesContract("/api/interviews/", Method.POST, r);
  }

  @Test
  void interview404ForUnknownOrSomeoneElses() {
    Reply unknown = client.get("/api/interviews/987654321/", token);
    assertEquals(404, unknown.status());
    assertMatchesContract("/api/interviews/{id}/", Method.GET, unknown);
    long id = client.book(token, freeSlot()).json().get("id").asLong();
    String other = client.login(3);
    Reply foreign = client.get("/api/interviews/" + id + "/", other);
    assertEquals(404, foreign.status(), "not visible to another recruiter");
    Reply foreignDelete = client.delete("/api/interviews/" + id + "/", other);
    assertEquals(404, foreignDelete.status());
    assertEquals(200, client.get("/api/interviews/" + id + "/", token).status(), "still there for its owner");
    assertEquals(401, client.get("/api/interviews/" + id + "/", null).status());
    assertEquals(401, client.delete("/api/interviews/" + id + "/", null).status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/api/", "/api/health", "/api/slots", "/api/nothing/", "/api/interviews/abc/",
    "/api/interviews/1", "/api/interviews/1/extra/", "/admin/knobs", "/metrics/"})
  void unknownRoutes404(String path) {
    Reply r = client.get(path, token);
    assertEquals(404, r.status(), path);
    assertErrorBody(r);
  }

  @Test
  void wrongMethod405WithAllow() {
    Object[][] cases = {
      {"GET", "/api/login/", "POST"},
      {"POST", "/api/health/", "GET"},
      {"DELETE", "/api/slots/", "GET"},
      {"GET", "/api/interviews/", "POST"},
      {"PUT", "/api/interviews/1/", "GET, DELETE"},
      {"POST", "/api/interviews/1/", "GET, DELETE"},
      {"POST", "/metrics", "GET"},
    };
    for (Object[] c : cases) {
      Reply r = client.send((String) c[0], (String) c[1], token, "application/json", "{}");
      assertEquals(405, r.status(), c[0] + " " + c[1]);
      assertEquals(c[2], r.header("Allow"));
      assertErrorBody(r);
    }
  }

  @Test
  void bodyOverLimit413() {
    String big = "{\"email\":\"" + "a".repeat(5000) + "@example.com\",\"password\":\"x\"}";
    Reply r = client.postJson("/api/login/", null, big);
    assertEquals(413, r.status());
    assertErrorBody(r);
    Reply booking = client.postJson("/api/interviews/", token, big);
    assertEquals(413, booking.status());
    // Just under the limit is parsed normally.
    String small = "{\"email\":\"tester01@example.com\",\"password\":\"wrong\",\"pad\":\"" + "p".repeat(3900) + "\"}";
    assertEquals(401, client.postJson("/api/login/", null, small).status());
  }

  @Test
  void chunkedBodyOverLimit413() {
    byte[] big = ("{\"pad\":\"" + "a".repeat(10_000) + "\"}").getBytes();
    java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(target.baseUrl() + "/api/login/"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
        .build();
    Reply r = client.send(req);
    assertEquals(413, r.status());
    assertErrorBody(r);
  }

  @Test
  void nonJsonBody415() {
    Reply r = client.send("POST", "/api/login/", null, "text/plain", "email=a@example.com&password=x");
    assertEquals(415, r.status());
    assertErrorBody(r);
    Reply form = client.send("POST", "/api/interviews/", token, "application/x-www-form-urlencoded", "slot_id=1");
    assertEquals(415, form.status());
    Reply none = client.send("POST", "/api/interviews/", token, null, bookingBody(1));
    assertEquals(415, none.status());
    Reply withCharset = client.send("POST", "/api/login/", null, "application/json; charset=utf-8",
        "{\"email\":\"tester01@example.com\",\"password\":\"Syn-test-pass-01\"}");
    assertEquals(200, withCharset.status());
  }

  @Test
  void emptyBody400() {
    Reply r = client.send("POST", "/api/login/", null, "application/json", null);
    assertEquals(400, r.status());
    assertErrorBody(r);
  }

  private long freeSlot() {
    Reply r = client.get("/api/slots/?limit=1", token);
    assertEquals(200, r.status());
    return r.json().get("results").get(0).get("id").asLong();
  }
}
