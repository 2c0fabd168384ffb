package interviews.loadtest.reference;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The validated {@code reference-target} configuration block. Every invalid value fails with one
 * {@link IllegalArgumentException} line naming the key, the value and what is allowed. Its fields
 * are public for the HTTP layer ({@code reference.http}).
 */
public final class TargetSettings {

  static final String PREFIX = "reference-target.";
  static final String DEFAULTS_RESOURCE = "reference-target.conf";
  /** Ids must stay below 2^53, so that clients that read JSON numbers as doubles read them exactly. */
  static final long MAX_ID = (1L << 53) - 1;

  public final int port;
  public final InetAddress bindAddress;
  public final int maxBodyBytes;
  public final int handlers;
  public final int queueLimit;
  public final Map<Route, Long> serviceTimeMs;
  public final String authScheme;
  public final String tokenField;
  public final String jdbcUrl;
  public final String dbUser;
  public final String dbPassword;
  public final int poolSize;
  public final long connectionTimeoutMs;
  public final Path usersFile;
  public final int interviewers;
  public final int slots;
  public final int hashIterations;
  public final Path hashCacheDir;
  public final int workers;
  public final long jobDelayMs;
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

  /** The defaults shipped in {@code reference-target.conf}, as the {@code reference-target} block. */
  static Config defaults() {
    return ConfigFactory.parseResources(TargetSettings.class.getClassLoader(), DEFAULTS_RESOURCE)
        .resolve()
        .getConfig("reference-target");
  }

  static TargetSettings from(Config block) {
    return new TargetSettings(block.withFallback(defaults()).resolve());
  }

  private TargetSettings(Config c) {
    port = intIn(c, "port", 0, 65535);
    bindAddress = address(c, "bind-address");
    maxBodyBytes = intIn(c, "max-body-bytes", 1, 64 * 1024 * 1024);
    handlers = intIn(c, "handlers.count", 1, 10_000);
    queueLimit = intIn(c, "handlers.queue-limit", 0, 100_000);
    serviceTimeMs = serviceTimes(c);
    authScheme = word(c, "auth.scheme");
    tokenField = word(c, "auth.token-field");
    jdbcUrl = string(c, "database.jdbc-url");
    if (!jdbcUrl.isEmpty() && !jdbcUrl.startsWith("jdbc:")) {
      throw invalid("database.jdbc-url", jdbcUrl, "a JDBC URL starting with jdbc:, or empty for a private in-memory H2 database");
    }
    dbUser = string(c, "database.username");
    dbPassword = string(c, "database.password");
    poolSize = intIn(c, "database.pool-size", 1, 1000);
    connectionTimeoutMs = longIn(c, "database.connection-timeout-ms", 250, 600_000);
    String users = string(c, "seed.users-file");
    if (users.isBlank()) {
      throw invalid("seed.users-file", users, "the path of a CSV file with header email,password");
    }
    usersFile = Path.of(users);
    interviewers = intIn(c, "seed.interviewers", 1, 100_000);
    slots = intIn(c, "seed.slots", 0, 10_000_000);
    hashIterations = intIn(c, "seed.hash-iterations", 1, 100_000_000);
    String cache = string(c, "seed.hash-cache-dir");
    hashCacheDir = cache.isBlank() ? null : Path.of(cache);
    workers = intIn(c, "notifications.workers", 1, 1000);
    jobDelayMs = longIn(c, "notifications.job-delay-ms", 0, 3_600_000);
    errorRate = share(c, "faults.error-rate");
    throttleRate = share(c, "faults.throttle-rate");
    unavailableRate = share(c, "faults.unavailable-rate");
    retryAfterS = longIn(c, "faults.retry-after-s", 0, 86_400);
    latencyMs = longIn(c, "faults.latency-ms", 0, 600_000);
    refuseConnections = bool(c, "faults.refuse-connections");
    idempotentCancel = bool(c, "dialect.idempotent-cancel");
    connectionClose = bool(c, "dialect.connection-close");
    appendSlashRedirect = bool(c, "dialect.append-slash-redirect");
    extraFields = bool(c, "dialect.extra-fields");
    idOffset = longIn(c, "dialect.id-offset", 0, MAX_ID);
    if (idOffset > MAX_ID - slots) {
      throw invalid("dialect.id-offset", idOffset, "an integer from 0 to " + (MAX_ID - slots)
          + ", so that the ids of the " + slots + " seeded slots stay below 2^53");
    }
    String format = string(c, "dialect.token-format");
    tokenFormat = TokenFormat.fromLabel(format);
    if (tokenFormat == null) {
      throw invalid("dialect.token-format", format, TokenFormat.labels());
    }
    adminEnabled = bool(c, "admin.enabled");
    drainTimeoutMs = longIn(c, "drain-timeout-ms", 0, 600_000);
  }

  static IllegalArgumentException invalid(String key, Object value, String allowed) {
    return new IllegalArgumentException(
        "Invalid " + PREFIX + key + " = '" + value + "': expected " + allowed);
  }

  private static String raw(Config c, String key) {
    if (!c.hasPath(key)) {
      throw new IllegalArgumentException("Missing " + PREFIX + key);
    }
    ConfigValue v = c.getValue(key);
    Object u = v.unwrapped();
    return String.valueOf(u);
  }

  static int intIn(Config c, String key, int min, int max) {
    long v = longIn(c, key, min, max);
    return (int) v;
  }

  static long longIn(Config c, String key, long min, long max) {
    String raw = raw(c, key);
    long v;
    try {
      v = c.getLong(key);
    } catch (ConfigException e) {
      throw invalid(key, raw, "an integer from " + min + " to " + max);
    }
    if (v < min || v > max) {
      throw invalid(key, raw, "an integer from " + min + " to " + max);
    }
    return v;
  }

  private static double share(Config c, String key) {
    String raw = raw(c, key);
    double v;
    try {
      v = c.getDouble(key);
    } catch (ConfigException e) {
      throw invalid(key, raw, "a number from 0 to 1");
    }
    if (!(v >= 0.0 && v <= 1.0)) {
      throw invalid(key, raw, "a number from 0 to 1");
    }
    return v;
  }

  private static boolean bool(Config c, String key) {
    String raw = raw(c, key);
    try {
      return c.getBoolean(key);
    } catch (ConfigException e) {
      throw invalid(key, raw, "true or false");
    }
  }

  private static String string(Config c, String key) {
    String raw = raw(c, key);
    try {
      return c.getString(key);
    } catch (ConfigException e) {
      throw invalid(key, raw, "a string");
    }
  }

  private static String word(Config c, String key) {
    String s = string(c, key);
    if (s.isEmpty() || !s.matches("[A-Za-z0-9_\\-]+")) {
      throw invalid(key, s, "one non-empty word of letters, digits, '_' or '-'");
    }
    return s;
  }

  private static InetAddress address(Config c, String key) {
    String s = string(c, key);
    if (s.isBlank() || !s.matches("[0-9A-Fa-f:.\\[\\]]+|localhost")) {
      throw invalid(key, s, "a literal IP address such as 127.0.0.1");
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw invalid(key, s, "a literal IP address such as 127.0.0.1");
    }
  }

  private static Map<Route, Long> serviceTimes(Config c) {
    Map<Route, Long> out = new EnumMap<>(Route.class);
    for (Route r : Route.values()) {
      if (r.pooled()) {
        out.put(r, 0L);
      }
    }
    if (!c.hasPath("service-time-ms")) {
      return out;
    }
    Config st;
    try {
      st = c.getConfig("service-time-ms");
    } catch (ConfigException e) {
      throw invalid("service-time-ms", raw(c, "service-time-ms"), "an object of route = ms");
    }
    for (Map.Entry<String, ConfigValue> e : st.root().entrySet()) {
      Route r = Route.fromLabel(e.getKey());
      if (r == null || !r.pooled()) {
        throw invalid("service-time-ms." + e.getKey(), e.getValue().unwrapped(),
            "a route among " + Route.pooledLabels());
      }
      out.put(r, longIn(c, "service-time-ms." + e.getKey(), 0, 600_000));
    }
    return out;
  }
}
