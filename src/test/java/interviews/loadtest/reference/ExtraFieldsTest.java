package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.assertMatchesContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request.Method;
import com.fasterxml.jackson.databind.JsonNode;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code dialect.extra-fields}: every JSON object the API returns carries fields a client must
 * ignore, and the responses stay valid against the description; by default every object has
 * exactly the description's fields.
 */
class ExtraFieldsTest {

  private static final Set<String> HEALTH = Set.of("status");
  private static final Set<String> LOGIN = Set.of("token", "user");
  private static final Set<String> USER = Set.of("id", "email", "role");
  private static final Set<String> PAGE = Set.of("count", "results");
  private static final Set<String> SLOT = Set.of("id", "interviewer", "start", "end");
  private static final Set<String> INTERVIEWER = Set.of("id", "name");
  private static final Set<String> INTERVIEW = Set.of("id", "slot_id", "candidate_name", "candidate_email", "position",
      "status", "notification_status", "created_at");
  private static final Set<String> ERROR = Set.of("detail");

  /** The responses of one tour of the API, each with the operation it belongs to. */
  private record Seen(String path, Method method, Reply reply) {
  }

  @Test
  void everyObjectCarriesExtraFieldsAndStaysValid() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("dialect.extra-fields", true, "admin.enabled", true))) {
      Client client = new Client(target);
      Reply login = login(client);
      long userId = login.json().get("user").get("id").asLong();
      List<Seen> seen = tour(client, login.json().get("token").asText());
      seen.add(new Seen("/api/login/", Method.POST, login));
      for (Seen s : seen) {
        if (s.path() != null) {
          assertMatchesContract(s.path(), s.method(), s.reply());
        }
        List<JsonNode> objects = objects(s.reply().json());
        assertTrue(!objects.isEmpty());
        for (JsonNode o : objects) {
          String where = s.method() + " " + s.path() + " -> " + s.reply().status() + ": " + o;
          assertTrue(o.get("meta").isObject(), where);
          assertEquals("1.0", o.get("meta").get("api_version").asText(), where);
          if (o.has("id")) {
            assertTrue(o.get("url").asText().matches("/api/[a-z]+/" + o.get("id").asLong() + "/"), where);
          }
        }
      }
      // The contract's fields are all still there, with the extra ones beside them.
      JsonNode l = login.json();
      assertTrue(l.get("token").asText().matches("[0-9a-f]{40}"));
      assertContains(l, LOGIN);
      assertContains(l.get("user"), USER);
      assertEquals("/api/users/" + userId + "/", l.get("user").get("url").asText());

      JsonNode page = find(seen, "/api/slots/", 200).json();
      assertContains(page, PAGE);
      assertTrue(page.has("next") && page.get("next").isNull() && page.has("previous"), page.toString());
      JsonNode slot = page.get("results").get(0);
      assertContains(slot, SLOT);
      assertContains(slot.get("interviewer"), INTERVIEWER);
      assertEquals("/api/slots/" + slot.get("id").asLong() + "/", slot.get("url").asText());
      assertEquals("/api/interviewers/" + slot.get("interviewer").get("id").asLong() + "/",
          slot.get("interviewer").get("url").asText());

      JsonNode booked = find(seen, "/api/interviews/", 201).json();
      assertContains(booked, INTERVIEW);
      assertEquals("/api/interviews/" + booked.get("id").asLong() + "/", booked.get("url").asText());
      assertEquals(userId, booked.get("created_by").get("id").asLong(), "created by the caller");
      assertEquals(userId, find(seen, "/api/interviews/{id}/", 200).json().get("created_by").get("id").asLong());

      for (Seen s : seen) {
        if (s.reply().status() >= 400) {
          JsonNode e = s.reply().json();
          assertContains(e, ERROR);
          assertEquals(s.reply().status(), e.get("status_code").asInt(), e.toString());
          assertTrue(e.get("code").isTextual(), e.toString());
        }
      }
      // The admin path is no part of the API: it stays as it is.
      Reply admin = client.get("/admin/knobs", null);
      assertTrue(!admin.json().has("meta"), admin.body());
    }
  }

  @Test
  void byDefaultEveryObjectHasExactlyTheDescribedFields() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      Client client = new Client(target);
      Reply login = login(client);
      assertEquals(LOGIN, names(login.json()));
      assertEquals(USER, names(login.json().get("user")));
      List<Seen> seen = tour(client, login.json().get("token").asText());
      assertEquals(HEALTH, names(find(seen, "/api/health/", 200).json()));
      JsonNode page = find(seen, "/api/slots/", 200).json();
      assertEquals(PAGE, names(page));
      for (JsonNode slot : page.get("results")) {
        assertEquals(SLOT, names(slot));
        assertEquals(INTERVIEWER, names(slot.get("interviewer")));
      }
      assertEquals(INTERVIEW, names(find(seen, "/api/interviews/", 201).json()));
      assertEquals(INTERVIEW, names(find(seen, "/api/interviews/{id}/", 200).json()));
      for (Seen s : seen) {
        if (s.reply().status() >= 400) {
          assertEquals(ERROR, names(s.reply().json()), s.reply().body());
        }
        if (s.path() != null) {
          assertMatchesContract(s.path(), s.method(), s.reply());
        }
      }
    }
  }

  private static Reply login(Client client) {
    String[] a = TargetTestSupport.ACCOUNTS.get(0);
    Reply r = client.postJson("/api/login/", null, "{\"email\":\"" + a[0] + "\",\"password\":\"" + a[1] + "\"}");
    assertEquals(200, r.status(), r.body());
    return r;
  }

  /** Every endpoint once, and the error statuses; JSON responses only. */
  private static List<Seen> tour(Client client, String token) {
    List<Seen> seen = new ArrayList<>();
    seen.add(new Seen("/api/health/", Method.GET, client.get("/api/health/", null)));
    Reply slots = client.get("/api/slots/?limit=3", token);
    seen.add(new Seen("/api/slots/", Method.GET, slots));
    long slot = slots.json().get("results").get(0).get("id").asLong();
    Reply booked = client.book(token, slot);
    seen.add(new Seen("/api/interviews/", Method.POST, booked));
    long id = booked.json().get("id").asLong();
    seen.add(new Seen("/api/interviews/{id}/", Method.GET, client.get("/api/interviews/" + id + "/", token)));
    seen.add(new Seen("/api/interviews/", Method.POST, client.book(token, slot)));
    seen.add(new Seen("/api/interviews/", Method.POST, client.book(token, 99_999_999L)));
    seen.add(new Seen("/api/login/", Method.POST, client.postJson("/api/login/", null, "{\"email\":\"x@example.com\",\"password\":\"y\"}")));
    seen.add(new Seen("/api/login/", Method.POST, client.postJson("/api/login/", null, "{not json")));
    seen.add(new Seen("/api/slots/", Method.GET, client.get("/api/slots/", null)));
    seen.add(new Seen("/api/interviews/{id}/", Method.GET, client.get("/api/interviews/987654321/", token)));
    seen.add(new Seen(null, Method.GET, client.get("/api/nothing/", token)));
    seen.add(new Seen(null, Method.PUT, client.send("PUT", "/api/slots/", token, "application/json", "{}")));
    seen.add(new Seen(null, Method.POST, client.send("POST", "/api/login/", null, "text/plain", "x")));
    assertEquals(204, client.delete("/api/interviews/" + id + "/", token).status());
    return seen;
  }

  private static Reply find(List<Seen> seen, String path, int status) {
    return seen.stream().filter(s -> path.equals(s.path()) && s.reply().status() == status).findFirst()
        .orElseThrow(() -> new AssertionError("no " + status + " of " + path)).reply();
  }

  /** Every JSON object of a tree, the root first. */
  private static List<JsonNode> objects(JsonNode root) {
    List<JsonNode> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isObject()) {
      out.add(n);
      // The extra fields' own objects are not what the test is about.
      n.fields().forEachRemaining(f -> {
        if (!f.getKey().equals("meta") && !f.getKey().equals("created_by")) {
          collect(f.getValue(), out);
        }
      });
    } else if (n.isArray()) {
      n.forEach(item -> collect(item, out));
    }
  }

  private static Set<String> names(JsonNode o) {
    Set<String> out = new TreeSet<>();
    Iterator<String> it = o.fieldNames();
    it.forEachRemaining(out::add);
    return out;
  }

  private static void assertContains(JsonNode o, Set<String> fields) {
    Set<String> have = names(o);
    assertTrue(have.containsAll(fields) && have.size() > fields.size(), "fields " + have + " around " + fields);
  }
}
