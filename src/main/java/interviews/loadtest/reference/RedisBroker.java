package interviews.loadtest.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The notification jobs on a Redis list, pushed and taken the way Celery's Redis transport (kombu)
 * does it: a booking {@code LPUSH}es one job onto the list named by {@code notifications.queue}
 * and a worker takes the oldest with {@code BRPOP}, one job at a time, so the list's length
 * ({@code LLEN}, what redis_exporter's {@code -check-single-keys} reports) is the backlog.
 *
 * <p>A job is a small JSON object, {@code {"task":"send_notification","interview_id":42,
 * "enqueued_at_ms":1700000000000}}, the enqueue time in epoch milliseconds, so that the lag can be
 * measured by whichever target takes it. Each worker holds a connection of its own for its
 * {@code BRPOP}s, which wait at most {@link #POLL_SECONDS}, so that a closing target's workers stop
 * within about a second; bookings and the metrics borrow the others of the pool. Jobs still on the
 * list when the target closes stay there, as on a persistent broker; a job a worker had taken but
 * not finished is lost (Celery's default, early acknowledgement, loses it too).
 */
final class RedisBroker implements Broker {

  /** How long one {@code BRPOP} waits for a job. */
  static final int POLL_SECONDS = 1;
  /** How long a worker waits before it connects again after the broker went away. */
  private static final long RECONNECT_PAUSE_MS = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String queue;
  private final JedisPool pool;

  RedisBroker(RedisAddress address, String queue, int connections, String clientName) {
    this.queue = queue;
    GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(connections);
    config.setMaxIdle(connections);
    config.setMinIdle(0);
    config.setMaxWait(Duration.ofSeconds(5));
    config.setJmxEnabled(false);
    DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
        .database(address.database())
        .clientName(clientName)
        .protocol(RedisProtocol.RESP2) // what Celery's kombu speaks, and no protocol negotiation
        .connectionTimeoutMillis(2000)
        .socketTimeoutMillis(5000)
        // A BRPOP answers within POLL_SECONDS; a broker silent for longer than this is gone.
        .blockingSocketTimeoutMillis((POLL_SECONDS + 5) * 1000)
        .build();
    this.pool = new JedisPool(config, new HostAndPort(address.host(), address.port()), client);
    try (Jedis j = pool.getResource()) {
      j.ping();
    } catch (JedisException e) {
      pool.close();
      throw new IllegalStateException("Cannot reach the notification broker " + address.url() + " ("
          + TargetSettings.key("notifications.broker-url") + "): " + reason(e), e);
    }
  }

  @Override
  public void push(long interviewId) {
    String job = "{\"task\":\"send_notification\",\"interview_id\":" + interviewId + ",\"enqueued_at_ms\":"
        + System.currentTimeMillis() + "}";
    try (Jedis j = pool.getResource()) {
      j.lpush(queue, job);
    }
  }

  @Override
  public Consumer consumer() {
    return new WorkerConnection();
  }

  @Override
  public int depth() {
    try (Jedis j = pool.getResource()) {
      return (int) Math.min(Integer.MAX_VALUE, j.llen(queue));
    }
  }

  @Override
  public double oldestAgeSeconds() {
    String oldest;
    try (Jedis j = pool.getResource()) {
      oldest = j.lindex(queue, -1);
    }
    if (oldest == null) {
      return 0.0;
    }
    try {
      return Math.max(0L, System.currentTimeMillis() - enqueuedAtMs(JSON.readTree(oldest))) / 1e3;
    } catch (IOException | IllegalArgumentException e) {
      return 0.0; // not a notification job: its age is unknown
    }
  }

  @Override
  public void purge() {
    try (Jedis j = pool.getResource()) {
      j.del(queue);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A job of the list, its enqueue time turned into this JVM's {@code System.nanoTime()} scale. */
  static Notifications.Job job(String message) {
    JsonNode n;
    try {
      n = JSON.readTree(message);
    } catch (IOException e) {
      throw notAJob(message);
    }
    JsonNode id = n == null ? null : n.get("interview_id");
    if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
      throw notAJob(message);
    }
    long enqueuedAtMs;
    try {
      enqueuedAtMs = enqueuedAtMs(n);
    } catch (IllegalArgumentException e) {
      throw notAJob(message);
    }
    long ageMs = Math.max(0L, System.currentTimeMillis() - enqueuedAtMs);
    return new Notifications.Job(id.longValue(), System.nanoTime() - ageMs * 1_000_000L);
  }

  private static long enqueuedAtMs(JsonNode n) {
    JsonNode at = n == null ? null : n.get("enqueued_at_ms");
    if (at == null || !at.isIntegralNumber() || !at.canConvertToLong()) {
      throw new IllegalArgumentException("no enqueued_at_ms");
    }
    return at.longValue();
  }

  private static IllegalArgumentException notAJob(String message) {
    String shown = message.length() > 100 ? message.substring(0, 100) + "..." : message;
    return new IllegalArgumentException("Not a notification job: " + shown.replace('\n', ' '));
  }

  /** The innermost reason of a connection failure, on one line. */
  private static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t.getSuppressed().length > 0) {
      t = t.getSuppressed()[0];
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.replace('\n', ' ').replace('\r', ' ');
  }

  /** A worker's own connection, taken from the pool on first use and again after the broker went away. */
  private final class WorkerConnection implements Consumer {

    private Jedis connection;

    @Override
    public Notifications.Job take() throws InterruptedException {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      List<String> popped;
      try {
        if (connection == null) {
          connection = pool.getResource();
        }
        popped = connection.brpop(POLL_SECONDS, queue);
      } catch (JedisException | IllegalStateException e) {
        // The broker went away (or the pool is closing): connect again after a pause, as Celery's workers do.
        close();
        Thread.sleep(RECONNECT_PAUSE_MS);
        return null;
      }
      return popped == null || popped.size() < 2 ? null : job(popped.get(1));
    }

    @Override
    public void close() {
      if (connection != null) {
        connection.close();
        connection = null;
      }
    }
  }
}
