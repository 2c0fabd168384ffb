package interviews.loadtest.reference;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import interviews.loadtest.config.ConfigLayers;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The validated {@code reference-target} configuration block, read through the suite's
 * {@link Settings}: a key the defaults ({@code reference-target.conf}) lack, or an invalid value,
 * fails with one {@link SettingError} line naming the key, the value and what is allowed, as
 * {@code loadtest.*} does. Durations are written like {@code 200ms} or {@code 5s}, sizes like
 * {@code 10KiB}; the runtime {@link Knobs} keep them in ms and bytes. Its fields are public for the HTTP layer ({@code reference.http}).
 */
public final class TargetSettings {

  static final String NAMESPACE = "reference-target";
  static final String DEFAULTS_RESOURCE = "reference-target.conf";
  /** Ids must stay below 2^53, so that clients that read JSON numbers as doubles read them exactly. */
  static final long MAX_ID = (1L << 53) - 1;
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  public final int port;
  public final InetAddress bindAddress;
  public final int maxBodyBytes;
  public final int handlers;
  public final int queueLimit;
  public final Map<Route, Long> serviceTimeMs;
  public final String authScheme;
  public final String tokenField;
  public final String jdbcUrl;
  /** true: drop, create and seed the tables at start; false: join a database another target set up. */
  public final boolean createDatabase;
  public final String dbUser;
  public final String dbPassword;
  public final int poolSize;
  /** HikariCP's minimumIdle: the connections the pool opens at start and keeps open; it grows to {@link #poolSize} under load. */
  public final int minIdle;
  public final long connectionTimeoutMs;
  /** How long every API request served holds one pooled connection, as a slow query does. */
  public final long queryTimeMs;
  public final Path usersFile;
  public final int interviewers;
  public final int slots;
  public final int hashIterations;
  public final Path hashCacheDir;
  public final int workers;
  public final long jobDelayMs;
  /** The notification broker's URL as written; empty = the in-memory queue. */
  public final String brokerUrl;
  /** Where the Redis broker is, or null for the in-memory queue. */
  final RedisAddress broker;
  /** The Redis list the notification jobs wait on (Celery's default queue is {@code celery}). */
  public final String queue;
  public final double errorRate;
  public final double throttleRate;
  public final double unavailableRate;
  public final long retryAfterS;
  public final long latencyMs;
  public final boolean refuseConnections;
  public final boolean idempotentCancel;
  public final boolean connectionClose;
  public final boolean appendSlashRedirect;
  public final boolean extraFields;
  public final long idOffset;
  public final TokenFormat tokenFormat;
  public final boolean adminEnabled;
  public final long drainTimeoutMs;
  public final long latencyLeakMs;
  public final long connectionLeakEvery;
  public final long jobSlowdownMs;
  public final long memoryLeakPerRequestBytes;
  public final long memoryLeakCapBytes;

  /** The defaults shipped in {@code reference-target.conf}, as the {@code reference-target} block. */
  static Config defaults() {
    return ConfigFactory.parseResources(TargetSettings.class.getClassLoader(), DEFAULTS_RESOURCE)
        .resolve()
        .getConfig(NAMESPACE);
  }

  /** Checks a {@code reference-target} block; keys it lacks take the defaults. */
  static TargetSettings from(Config block) {
    Config defaults = defaults();
    // The routes of service-time are checked as it is read, against the routes that take one.
    ConfigLayers.refuseUnknownKeys(block.withoutPath("service-time").atKey(NAMESPACE), defaults.atKey(NAMESPACE));
    return new TargetSettings(new Settings(block.withFallback(defaults).resolve().atKey(NAMESPACE)));
  }

  private TargetSettings(Settings s) {
    port = (int) s.wholeLong(key("port"), 0, 65535);
    bindAddress = address(s, "bind-address");
    maxBodyBytes = (int) s.wholeLong(key("max-body-bytes"), 1, 64 * 1024 * 1024);
    handlers = (int) s.wholeLong(key("handlers.count"), 1, 10_000);
    queueLimit = (int) s.wholeLong(key("handlers.queue-limit"), 0, 100_000);
    serviceTimeMs = serviceTimes(s);
    authScheme = word(s, "auth.scheme");
    tokenField = word(s, "auth.token-field");
    jdbcUrl = s.optionalText(key("database.jdbc-url"));
    if (!jdbcUrl.isEmpty() && !jdbcUrl.startsWith("jdbc:")) {
      throw SettingError.of(key("database.jdbc-url"), jdbcUrl,
          "must be a JDBC URL starting with jdbc:, or empty for a private in-memory H2 database");
    }
    createDatabase = s.flag(key("database.create"));
    if (!createDatabase && jdbcUrl.isEmpty()) {
      throw SettingError.of(key("database.create"), false,
          "joins a shared database, so database.jdbc-url must name one (empty is a private in-memory database)");
    }
    dbUser = s.optionalText(key("database.username"));
    dbPassword = s.optionalText(key("database.password"));
    poolSize = (int) s.wholeLong(key("database.pool-size"), 1, 1000);
    minIdle = minIdle(s, poolSize);
    connectionTimeoutMs = millis(s, "database.connection-timeout", Duration.ofMillis(250), TEN_MINUTES);
    queryTimeMs = millis(s, "database.query-time", Duration.ZERO, TEN_MINUTES);
    String users = s.optionalText(key("seed.users-file"));
    if (users.isBlank()) {
      throw SettingError.of(key("seed.users-file"), users, "must be the path of a CSV file with header email,password");
    }
    usersFile = Path.of(users);
    interviewers = (int) s.wholeLong(key("seed.interviewers"), 1, 100_000);
    slots = (int) s.wholeLong(key("seed.slots"), 0, 10_000_000);
    hashIterations = (int) s.wholeLong(key("seed.hash-iterations"), 1, 100_000_000);
    String cache = s.optionalText(key("seed.hash-cache-dir"));
    hashCacheDir = cache.isBlank() ? null : Path.of(cache);
    workers = (int) s.wholeLong(key("notifications.workers"), 1, 1000);
    jobDelayMs = millis(s, "notifications.job-delay", Duration.ZERO, Duration.ofHours(1));
    brokerUrl = s.optionalText(key("notifications.broker-url"));
    broker = brokerUrl.isEmpty() ? null : RedisAddress.parse(brokerUrl);
    if (!brokerUrl.isEmpty() && broker == null) {
      throw SettingError.of(key("notifications.broker-url"), brokerUrl,
          "must be empty (an in-memory queue) or a Redis URL " + RedisAddress.FORM);
    }
    queue = s.optionalText(key("notifications.queue"));
    if (!queue.matches("[A-Za-z0-9_.:\\-]{1,200}")) {
      throw SettingError.of(key("notifications.queue"), queue,
          "must be a Redis key of 1 to 200 letters, digits, '_', '-', '.' or ':', such as celery");
    }
    errorRate = s.number(key("faults.error-rate"), 0, 1);
    throttleRate = s.number(key("faults.throttle-rate"), 0, 1);
    unavailableRate = s.number(key("faults.unavailable-rate"), 0, 1);
    retryAfterS = s.duration(key("faults.retry-after"), Duration.ZERO, Duration.ofDays(1), ChronoUnit.SECONDS).toSeconds();
    latencyMs = millis(s, "faults.latency", Duration.ZERO, TEN_MINUTES);
    refuseConnections = s.flag(key("faults.refuse-connections"));
    idempotentCancel = s.flag(key("dialect.idempotent-cancel"));
    connectionClose = s.flag(key("dialect.connection-close"));
    appendSlashRedirect = s.flag(key("dialect.append-slash-redirect"));
    extraFields = s.flag(key("dialect.extra-fields"));
    idOffset = s.wholeLong(key("dialect.id-offset"), 0, MAX_ID);
    if (idOffset > MAX_ID - slots) {
      throw SettingError.of(key("dialect.id-offset"), idOffset, "must be a whole number from 0 to " + (MAX_ID - slots)
          + ", so that the ids of the " + slots + " seeded slots stay below 2^53");
    }
    List<String> formats = new ArrayList<>();
    for (TokenFormat f : TokenFormat.values()) {
      formats.add(f.label());
    }
    tokenFormat = TokenFormat.fromLabel(s.oneOf(key("dialect.token-format"), formats));
    adminEnabled = s.flag(key("admin.enabled"));
    drainTimeoutMs = millis(s, "drain-timeout", Duration.ZERO, TEN_MINUTES);
    latencyLeakMs = millis(s, "drift.latency-leak", Duration.ZERO, TEN_MINUTES);
    connectionLeakEvery = s.wholeLong(key("drift.connection-leak-every"), 0, Drift.MAX_CONNECTION_LEAK_EVERY);
    jobSlowdownMs = millis(s, "drift.job-slowdown", Duration.ZERO, Duration.ofHours(1));
    memoryLeakPerRequestBytes = bytes(s, "drift.memory-leak-per-request", Drift.MAX_MEMORY_LEAK_PER_REQUEST);
    memoryLeakCapBytes = bytes(s, "drift.memory-leak-cap", Drift.MAX_MEMORY_LEAK_CAP);
    long mostCap = Drift.maxMemoryLeakCap();
    if (memoryLeakPerRequestBytes > 0 && memoryLeakCapBytes > mostCap) {
      throw SettingError.of(key("drift.memory-leak-cap"), s.raw(key("drift.memory-leak-cap")), "must be at most a quarter"
          + " of the JVM's max heap, " + Drift.size(mostCap) + ", while drift.memory-leak-per-request is above 0");
    }
  }

  /** The full name of a key of the block, e.g. {@code reference-target.port}. */
  static String key(String inBlock) {
    return NAMESPACE + "." + inBlock;
  }

  /** A duration the target keeps in ms. */
  private static long millis(Settings s, String inBlock, Duration min, Duration max) {
    return s.duration(key(inBlock), min, max, ChronoUnit.MILLIS).toMillis();
  }

  /** A size in bytes from 0 to max, written like 10KiB, 256MiB or a bare number of bytes. */
  private static long bytes(Settings s, String inBlock, long max) {
    String k = key(inBlock);
    String allowed = "must be a size from 0 to " + Drift.size(max) + ", such as 10KiB or 256MiB";
    long value;
    try {
      value = s.config().getBytes(k);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw SettingError.of(k, s.raw(k), allowed);
    }
    if (value < 0 || value > max) {
      throw SettingError.of(k, s.raw(k), allowed);
    }
    return value;
  }

  /** {@code database.min-idle}: empty is the pool size (every connection opened at start), else 0 to the pool size. */
  private static int minIdle(Settings s, int poolSize) {
    String k = key("database.min-idle");
    ConfigValue v = s.config().getValue(k);
    if (v.valueType() == ConfigValueType.STRING && ((String) v.unwrapped()).isEmpty()) {
      return poolSize;
    }
    try {
      return (int) s.wholeLong(k, 0, poolSize);
    } catch (SettingError e) {
      throw SettingError.of(k, s.raw(k), "must be a whole number from 0 to database.pool-size (" + poolSize
          + "), or empty for the pool size");
    }
  }

  private static String word(Settings s, String inBlock) {
    String value = s.optionalText(key(inBlock));
    if (!value.matches("[A-Za-z0-9_\\-]+")) {
      throw SettingError.of(key(inBlock), value, "must be one word of letters, digits, '_' or '-'");
    }
    return value;
  }

  private static InetAddress address(Settings s, String inBlock) {
    String value = s.optionalText(key(inBlock));
    String allowed = "must be a literal IP address such as 127.0.0.1";
    if (value.isBlank() || !value.matches("[0-9A-Fa-f:.\\[\\]]+|localhost")) {
      throw SettingError.of(key(inBlock), value, allowed);
    }
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw SettingError.of(key(inBlock), value, allowed);
    }
  }

  private static Map<Route, Long> serviceTimes(Settings s) {
    Map<Route, Long> out = new EnumMap<>(Route.class);
    for (Route r : Route.values()) {
      if (r.pooled()) {
        out.put(r, 0L);
      }
    }
    String block = key("service-time");
    if (s.config().getValue(block).valueType() != ConfigValueType.OBJECT) {
      throw SettingError.of(block, s.raw(block), "must be an object of route = duration, routes " + Route.pooledLabels());
    }
    for (Map.Entry<String, ConfigValue> e : s.config().getConfig(block).root().entrySet()) {
      Route r = Route.fromLabel(e.getKey());
      if (r == null || !r.pooled()) {
        throw SettingError.of(block + "." + e.getKey(), e.getValue().unwrapped(),
            "the route must be one of " + Route.pooledLabels());
      }
      out.put(r, millis(s, "service-time." + e.getKey(), Duration.ZERO, TEN_MINUTES));
    }
    return out;
  }
}
