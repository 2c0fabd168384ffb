package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.assertErrorBody;
import static interviews.loadtest.reference.TargetTestSupport.assertMatchesContract;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.atlassian.oai.validator.model.Request.Method;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dialect.idempotent-cancel}: a repeated cancel answers 404 (the default) or 204; anything else stays 404. */
class IdempotentCancelTest {

  private static final String ONE = "/api/interviews/{id}/";

  @ParameterizedTest(name = "idempotent-cancel = {0}")
  @ValueSource(booleans = {false, true})
  void aRepeatedCancelAnswersAsConfiguredAndChangesNothing(boolean idempotent) throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("dialect.idempotent-cancel", idempotent))) {
      Client client = new Client(target);
      String owner = client.login(0);
      String other = client.login(1);
      long slot = firstFreeSlot(client, owner);
      long id = client.book(owner, slot).json().get("id").asLong();

      Reply first = client.delete("/api/interviews/" + id + "/", owner);
      assertEquals(204, first.status(), first.body());
      assertMatchesContract(ONE, Method.DELETE, first);

      // The slot is free again; another recruiter books it.
      Reply rebooked = client.book(other, slot);
      assertEquals(201, rebooked.status(), rebooked.body());
      long otherId = rebooked.json().get("id").asLong();

      Reply again = client.delete("/api/interviews/" + id + "/", owner);
      assertEquals(idempotent ? 204 : 404, again.status(), again.body());
      assertMatchesContract(ONE, Method.DELETE, again);
      if (idempotent) {
        assertEquals("", again.body());
      } else {
        assertErrorBody(again);
      }
      // Either way the repeated cancel touched nothing: the other recruiter's booking stands.
      assertEquals("cancelled", client.get("/api/interviews/" + id + "/", owner).json().get("status").asText());
      assertEquals("scheduled", client.get("/api/interviews/" + otherId + "/", other).json().get("status").asText());
      assertEquals(1, target.database().activeBookings(slot));
      assertEquals(1, target.database().scheduledInterviews(slot));

      // Someone else's interview, cancelled or not, and an id that never existed: 404 in both dialects.
      for (String[] c : new String[][]{
        {"/api/interviews/" + id + "/", other},
        {"/api/interviews/" + otherId + "/", owner},
        {"/api/interviews/987654321/", owner},
      }) {
        Reply r = client.delete(c[0], c[1]);
        assertEquals(404, r.status(), c[0]);
        assertMatchesContract(ONE, Method.DELETE, r);
        assertErrorBody(r);
      }
      assertEquals("scheduled", client.get("/api/interviews/" + otherId + "/", other).json().get("status").asText());
      assertEquals(401, client.delete("/api/interviews/" + id + "/", null).status(), "still authenticated first");
    }
  }

  private static long firstFreeSlot(Client client, String token) {
    Reply r = client.get("/api/slots/?limit=1", token);
    assertEquals(200, r.status(), r.body());
    return r.json().get("results").get(0).get("id").asLong();
  }
}
