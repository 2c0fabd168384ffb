package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.assertMatchesContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request.Method;
import com.fasterxml.jackson.databind.JsonNode;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dialect.id-offset}: ids of slots and interviews start above it, beyond 32 bits and up to
 * 2^53 - 1, and round-trip through listing, booking, reading, the notification job and cancelling.
 */
class IdOffsetTest {

  private static final long SLOTS = 2000;
  /** A hang guard only: the notification job takes 20 ms in the tests. */
  private static final long NOTIFICATION_GUARD_MS = 120_000;

  @ParameterizedTest(name = "id-offset = {0}")
  @ValueSource(longs = {0L, 5_000_000_000L, TargetSettings.MAX_ID - SLOTS})
  void idsStartAboveTheOffsetAndRoundTrip(long offset) throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("dialect.id-offset", offset, "seed.slots", SLOTS))) {
      Client client = new Client(target);
      String token = client.login(0);

      Reply page = client.get("/api/slots/?limit=100", token);
      assertEquals(200, page.status());
      assertMatchesContract("/api/slots/", Method.GET, page);
      JsonNode results = page.json().get("results");
      assertEquals(offset + 1, results.get(0).get("id").asLong(), "the first seeded slot");
      for (JsonNode s : results) {
        long id = s.get("id").asLong();
        assertTrue(id > offset && id <= offset + SLOTS && id <= TargetSettings.MAX_ID, "slot id " + id);
        assertTrue(s.get("id").isIntegralNumber());
      }
      // The last seeded slot is bookable too: the largest id of all.
      long slot = results.get(results.size() - 1).get("id").asLong();
      long last = offset + SLOTS;
      for (long slotId : new long[]{slot, last}) {
        Reply booked = client.book(token, slotId);
        assertEquals(201, booked.status(), booked.body());
        assertMatchesContract("/api/interviews/", Method.POST, booked);
        JsonNode b = booked.json();
        assertEquals(slotId, b.get("slot_id").asLong(), "the slot id, exactly, in " + booked.body());
        assertTrue(booked.body().contains("\"slot_id\":" + slotId), booked.body());
        long id = b.get("id").asLong();
        assertTrue(id > offset, "interview id " + id + " above " + offset);
        String path = "/api/interviews/" + id + "/";
        assertEquals(path, booked.header("Location"));

        Reply again = client.book(client.login(1), slotId);
        assertEquals(409, again.status(), "the race is detected with big ids too");

        JsonNode read = awaitNotificationSent(client, path, token);
        assertEquals(id, read.get("id").asLong());
        assertEquals(slotId, read.get("slot_id").asLong());

        Reply cancelled = client.delete(path, token);
        assertEquals(204, cancelled.status());
        assertMatchesContract("/api/interviews/{id}/", Method.DELETE, cancelled);
        Reply after = client.get(path, token);
        assertMatchesContract("/api/interviews/{id}/", Method.GET, after);
        assertEquals("cancelled", after.json().get("status").asText());
        assertEquals(0, target.database().activeBookings(slotId), "the slot is free again");
        assertEquals(201, client.book(token, slotId).status(), "and can be booked again");
      }
      Reply unknown = client.get("/api/interviews/" + (offset == 0 ? 987_654_321L : offset - 1) + "/", token);
      assertEquals(404, unknown.status());
      assertEquals(404, client.book(token, offset).status(), "no slot at the offset itself");
    }
  }

  private static JsonNode awaitNotificationSent(Client client, String path, String token) throws InterruptedException {
    long guard = System.nanoTime() + NOTIFICATION_GUARD_MS * 1_000_000L;
    while (true) {
      Reply r = client.get(path, token);
      assertEquals(200, r.status(), r.body());
      assertMatchesContract("/api/interviews/{id}/", Method.GET, r);
      if ("sent".equals(r.json().get("notification_status").asText())) {
        return r.json();
      }
      assertTrue(System.nanoTime() < guard, "the notification job never ran for " + path);
      Thread.sleep(20);
    }
  }
}
