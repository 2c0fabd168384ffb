package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.HELD_MS;
import static interviews.loadtest.reference.TargetTestSupport.metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.LocalProgram;
import interviews.loadtest.testing.LocalRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The notification jobs on a real Redis from Debian's redis-server package, started here on a
 * loopback port ({@code notifications.broker-url}): a booking's job goes through the list and its
 * notification is sent; with one worker held on its job the list's length, read with LLEN by the
 * test and by a real redis_exporter, is the backlog, and it drains to 0; on close the waiting jobs
 * stay on the list and the workers' connections go; a target that creates its database deletes
 * the list's stale jobs at start; the drift's job slowdown holds the worker as on the in-memory
 * queue. Jobs are held by a job delay or slowdown of {@link TargetTestSupport#HELD_MS}.
 */
class RedisBrokerTest {

  @Test
  void theListsLengthIsTheBacklogThroughLlenAndRedisExporterAndItDrains(@TempDir Path logs) throws Exception {
    Path exporter = LocalProgram.require("prometheus-redis-exporter", "prometheus-redis-exporter");
    int exporterPort = LocalProgram.freePort();
    try (LocalRedis redis = LocalRedis.start(logs);
        LocalProgram redisExporter = LocalProgram.start("redis_exporter", List.of(exporter.toString(),
            "-redis.addr=" + redis.url(), "-web.listen-address=127.0.0.1:" + exporterPort,
            "-check-single-keys=db0=celery"), Map.of(), logs).awaitPort(exporterPort);
        Jedis broker = new Jedis(new HostAndPort("127.0.0.1", redis.port()))) {
      // A job left by an earlier run names an interview of tables the target re-creates: deleted at start.
      broker.lpush("celery", "{\"task\":\"send_notification\",\"interview_id\":1,\"enqueued_at_ms\":1}");
      try (ReferenceTarget target = TargetTestSupport.start(Map.of("notifications.broker-url", redis.url() + "/0",
          "notifications.workers", 1))) {
        assertEquals(0, broker.llen("celery"), "the stale job is gone");
        broker.configResetStat(); // from here on, the command counts are the target's
        Client client = new Client(target);
        String token = client.login(0);

        // One booking: its job is pushed, taken and done.
        long first = client.book(token, 1).json().get("id").asLong();
        awaitSent(client, token, first);
        assertEquals(0, broker.llen("celery"));
        String commands = broker.info("commandstats");
        assertTrue(commands.contains("cmdstat_lpush:calls=1,") && commands.contains("cmdstat_brpop:"), commands);

        // The worker holds the next job; four more wait on the list.
        target.knobs().jobDelayMs(HELD_MS);
        List<Long> ids = new ArrayList<>();
        long beforeBooking = System.currentTimeMillis();
        for (long slot = 2; slot <= 6; slot++) {
          Reply r = client.book(token, slot);
          assertEquals(201, r.status(), r.body());
          ids.add(r.json().get("id").asLong());
        }
        Await.until("four jobs on the list behind the one the worker holds", () -> broker.llen("celery") == 4);
        JsonNode oldest = TargetTestSupport.JSON.readTree(broker.lindex("celery", -1));
        assertEquals("send_notification", oldest.get("task").asText());
        assertEquals(ids.get(1), oldest.get("interview_id").asLong(), "BRPOP takes the oldest: LPUSH, then from the right");
        long at = oldest.get("enqueued_at_ms").asLong();
        assertTrue(at >= beforeBooking && at <= System.currentTimeMillis(), "enqueued at " + at);
        Notifications q = target.notificationQueue();
        assertEquals(4, q.depth());
        Await.until("the oldest waiting job to age", q::oldestAgeSeconds, a -> a > 0);
        assertEquals(4.0, metrics(client).get("notification_queue_depth"));
        assertEquals(4.0, Await.until("redis_exporter to show the backlog", () -> keySize(exporterPort), v -> v > 0));

        // One job a second now: the backlog drains to 0 and every notification is sent.
        target.knobs().jobDelayMs(1000);
        Await.until("the list to drain", () -> broker.llen("celery") == 0);
        for (long id : ids) {
          awaitSent(client, token, id);
        }
        Await.until("6 jobs completed", () -> q.completed() == 6);
        assertEquals(0, q.failed());
        assertEquals(0.0, q.oldestAgeSeconds());
        assertEquals(0.0, Await.until("redis_exporter to show the empty list", () -> keySize(exporterPort), v -> v == 0));
      }
    }
  }

  @Test
  void onCloseTheWaitingJobsStayOnTheListAndTheWorkersLetGoOfTheirConnections(@TempDir Path logs) throws Exception {
    try (LocalRedis redis = LocalRedis.start(logs);
        Jedis broker = new Jedis(new HostAndPort("127.0.0.1", redis.port()))) {
      ReferenceTarget target = TargetTestSupport.start(Map.of("notifications.broker-url", redis.url(),
          "notifications.queue", "mail", "notifications.workers", 2, "notifications.job-delay", HELD_MS + "ms"));
      try {
        Client client = new Client(target);
        String token = client.login(0);
        for (long slot = 1; slot <= 5; slot++) {
          assertEquals(201, client.book(token, slot).status());
        }
        Await.until("3 jobs waiting behind the 2 the workers hold", () -> broker.llen("mail") == 3);
        assertTrue(notificationClients(broker) >= 2, "each worker has a connection of its own: " + broker.clientList());
      } finally {
        target.close();
      }
      assertEquals(3, broker.llen("mail"), "the waiting jobs stay on the list");
      Await.until("the target's connections to the broker to close", () -> notificationClients(broker) == 0);
      // A malformed message is taken off and counted as failed, and does not stop the worker.
      broker.lpush("other", "not json");
      try (ReferenceTarget next = TargetTestSupport.start(Map.of("notifications.broker-url", redis.url(),
          "notifications.queue", "other", "notifications.workers", 1))) {
        assertEquals(3, broker.llen("mail"), "another queue's jobs are left alone");
        Client client = new Client(next);
        String token = client.login(0);
        long id = client.book(token, 1).json().get("id").asLong();
        awaitSent(client, token, id);
        assertEquals(0, next.notificationQueue().failed(), "the malformed message was deleted with the list at start");
        broker.lpush("other", "not json");
        Await.until("the malformed message counted as failed", () -> next.notificationQueue().failed() == 1);
        long second = client.book(token, 2).json().get("id").asLong();
        awaitSent(client, token, second);
      }
    }
  }

  @Test
  void theDriftsJobSlowdownHoldsTheWorkerAndTheListGrows(@TempDir Path logs) throws Exception {
    // As on the in-memory queue (DriftTest): one worker, no job delay, job n takes n × slowdown.
    try (LocalRedis redis = LocalRedis.start(logs);
        Jedis broker = new Jedis(new HostAndPort("127.0.0.1", redis.port()));
        ReferenceTarget target = TargetTestSupport.start(Map.of("notifications.broker-url", redis.url(),
            "notifications.workers", 1, "notifications.job-delay", "0ms", "drift.job-slowdown", HELD_MS + "ms"))) {
      Client client = new Client(target);
      String token = client.login(0);
      long first = client.book(token, 1).json().get("id").asLong();
      awaitSent(client, token, first);
      for (long slot = 2; slot <= 5; slot++) {
        assertEquals(201, client.book(token, slot).status());
      }
      Await.until("the second job holding the worker and three on the list", () -> broker.llen("celery") == 3);
      assertEquals(1, target.notificationQueue().completed());
      target.knobs().jobSlowdownMs(0);
      Await.until("the list to drain", () -> broker.llen("celery") == 0);
      Await.until("5 jobs completed", () -> target.notificationQueue().completed() == 5);
    }
  }

  private static long notificationClients(Jedis broker) {
    return Arrays.stream(broker.clientList().split("\n")).filter(l -> l.contains("-notifications ")).count();
  }

  private static void awaitSent(Client client, String token, long id) {
    Await.until("interview " + id + " notified",
        () -> client.get("/api/interviews/" + id + "/", token).json().get("notification_status").asText(), "sent"::equals);
  }

  /** {@code redis_key_size{key="celery"}} as redis_exporter shows it, or -1 when it is not shown. */
  private static double keySize(int exporterPort) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + exporterPort + "/metrics")).timeout(Await.PATIENCE).build(),
          HttpResponse.BodyHandlers.ofString());
      for (String line : r.body().split("\n")) {
        if (line.startsWith("redis_key_size{") && line.contains("key=\"celery\"")) {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return -1;
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
