package interviews.loadtest.results.server;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The length of Celery queues read straight from the Redis broker, for a deployment without
 * redis_exporter: a Celery queue on Redis is a list named after the queue ({@code celery} by
 * default), so its length is {@code LLEN <queue>}. Metrics: {@code queued}, the sum over the
 * queues, and {@code queue.<name>} for each. One connection, opened on the first poll and opened
 * again after a failure; the password (Redis AUTH) comes from the source's token.
 */
public final class RedisQueueSource extends PolledSource {

  private final URI uri;
  private final List<String> queues;
  private final DefaultJedisClientConfig config;
  private final Object lock = new Object();
  private Jedis jedis;

  /** {@code uri} is {@code redis://host:port[/db]}; {@code password} null or empty for none. */
  public RedisQueueSource(String name, URI uri, Duration interval, Duration timeout, List<String> queues,
      String password) {
    super(name, interval);
    this.uri = uri;
    this.queues = List.copyOf(queues);
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) timeout.toMillis())
        .socketTimeoutMillis((int) timeout.toMillis())
        .database(database(uri));
    if (password != null && !password.isEmpty()) {
      b.password(password);
    }
    this.config = b.build();
  }

  /** The database number in the URL's path ({@code /0} when none). */
  static int database(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
    return path.isEmpty() ? 0 : Integer.parseInt(path);
  }

  @Override
  protected Map<String, Double> poll(long now) throws Exception {
    synchronized (lock) {
      return read();
    }
  }

  private Map<String, Double> read() throws PollFailure {
    try {
      if (jedis == null) {
        jedis = new Jedis(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), config);
      }
      Map<String, Double> values = new LinkedHashMap<>();
      double sum = 0;
      for (String q : queues) {
        long n = jedis.llen(q);
        values.put("queue." + q, (double) n);
        sum += n;
      }
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("queued", sum);
      out.putAll(values);
      return out;
    } catch (RuntimeException e) {
      closeConnection();
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new PollFailure("Redis: " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()));
    }
  }

  private void closeConnection() {
    synchronized (lock) {
      if (jedis != null) {
        try {
          jedis.close();
        } catch (RuntimeException ignored) {
          // already broken
        }
        jedis = null;
      }
    }
  }

  @Override
  public String endpoint() {
    return uri.toString();
  }

  @Override
  public void close() {
    super.close();
    closeConnection();
  }
}
