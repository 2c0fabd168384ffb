package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.HELD_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import interviews.loadtest.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Race-safe booking, cancel freeing the slot, and the background notification jobs. Jobs are held
 * by a job delay of {@link TargetTestSupport#HELD_MS} while the test waits for the state it checks.
 */
class BookingAndNotificationTest {

  @Test
  void thirtyConcurrentBookingsOfOneSlotGiveExactlyOne201() throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("handlers.count", 32))) {
      Client client = new Client(target);
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < TargetTestSupport.ACCOUNTS.size(); i++) {
        tokens.add(client.login(i));
      }
      long slot = 7;
      int n = 30;
      ExecutorService pool = Executors.newFixedThreadPool(n);
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String token = tokens.get(i % tokens.size());
        results.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return client.book(token, slot).status();
        }));
      }
      ready.await();
      go.countDown();
      int created = 0;
      int conflicts = 0;
      for (Future<Integer> f : results) {
        int status = f.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (status == 201) {
          created++;
        } else if (status == 409) {
          conflicts++;
        }
      }
      pool.shutdown();
      assertEquals(1, created, "exactly one booking wins");
      assertEquals(29, conflicts, "every other booking gets 409");
      assertEquals(1, target.database().scheduledInterviews(slot), "one scheduled interview in the database");
      assertEquals(1, target.database().activeBookings(slot));
    }
  }

  @Test
  void cancelFreesTheSlotSoItIsListedAndBookableAgain() throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      Client client = new Client(target);
      String token = client.login(0);
      JsonNode first = client.get("/api/slots/?limit=1", token).json();
      long slot = first.get("results").get(0).get("id").asLong();
      long freeBefore = first.get("count").asLong();

      Reply booked = client.book(token, slot);
      assertEquals(201, booked.status());
      JsonNode after = client.get("/api/slots/?limit=100", token).json();
      assertEquals(freeBefore - 1, after.get("count").asLong());
      assertTrue(!ids(after).contains(slot), "a booked slot is not listed");
      assertEquals(409, client.book(token, slot).status());

      long id = booked.json().get("id").asLong();
      assertEquals(204, client.delete("/api/interviews/" + id + "/", token).status());
      JsonNode freed = client.get("/api/slots/?limit=1", token).json();
      assertEquals(freeBefore, freed.get("count").asLong());
      assertEquals(slot, freed.get("results").get(0).get("id").asLong(), "listed again, earliest first");
      assertEquals(0, target.database().activeBookings(slot));

      Reply rebooked = client.book(client.login(1), slot);
      assertEquals(201, rebooked.status(), "bookable again");
      assertEquals(1, target.database().scheduledInterviews(slot));
    }
  }

  @Test
  void notificationsReachSentAndTheQueueIsObservable() throws Exception {
    // One worker, holding each job for the whole (held) delay until the test lowers it.
    try (ReferenceTarget target = TargetTestSupport.start(Map.of(
        "notifications.workers", 1, "notifications.job-delay", HELD_MS + "ms"))) {
      Client client = new Client(target);
      String token = client.login(0);
      long beforeBooking = System.nanoTime();
      List<Long> ids = new ArrayList<>();
      for (long slot = 1; slot <= 5; slot++) {
        Reply r = client.book(token, slot);
        assertEquals(201, r.status());
        assertEquals("pending", r.json().get("notification_status").asText());
        ids.add(r.json().get("id").asLong());
      }
      Notifications q = target.notificationQueue();
      Await.until("four jobs waiting behind the one the worker holds", () -> q.depth() == 4);
      double age = Await.until("the oldest waiting job to age", q::oldestAgeSeconds, a -> a > 0.04);
      double sinceBooking = (System.nanoTime() - beforeBooking) / 1e9;
      assertTrue(age <= sinceBooking, "age in seconds: " + age + " s, booked " + sinceBooking + " s ago");
      assertTrue(q.oldestAgeSeconds() >= age, "the oldest job only gets older while it waits");

      target.knobs().jobDelayMs(0);
      for (long id : ids) {
        Await.until("interview " + id + " notified",
            () -> client.get("/api/interviews/" + id + "/", token).json().get("notification_status").asText(),
            "sent"::equals);
      }
      Await.until("5 jobs completed", () -> q.completed() == 5);
      assertEquals(0, q.depth());
      assertEquals(0.0, q.oldestAgeSeconds());
      assertEquals(5, q.completed());
    }
  }

  @Test
  void jobDelayKnobChangesWhileRunning() throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of(
        "notifications.workers", 1, "notifications.job-delay", HELD_MS + "ms"))) {
      Client client = new Client(target);
      String token = client.login(0);
      long id = client.book(token, 3).json().get("id").asLong();
      Notifications q = target.notificationQueue();
      Await.until("the worker to take the job and wait out its delay", () -> q.depth() == 0);
      assertEquals("pending", client.get("/api/interviews/" + id + "/", token).json().get("notification_status").asText());
      // Lowered while the job is waiting: it goes now, not 10 minutes after it was taken.
      target.knobs().jobDelayMs(0);
      Await.until("the notification sent",
          () -> client.get("/api/interviews/" + id + "/", token).json().get("notification_status").asText(),
          "sent"::equals);
    }
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> out = new ArrayList<>();
    page.get("results").forEach(s -> out.add(s.get("id").asLong()));
    return out;
  }
}
