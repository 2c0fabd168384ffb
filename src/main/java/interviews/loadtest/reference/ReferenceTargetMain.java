package interviews.loadtest.reference;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.config.ConfigLayers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the reference target standalone, for people:
 *
 * <pre>
 * ./mvnw -q compile exec:java@reference-target -Dexec.args="--port 8000 --admin"
 * </pre>
 *
 * Flags beat {@code -Dreference-target.*} system properties, which beat {@code reference-target.conf}.
 * Durations are written like the configuration's: {@code --latency 100ms}, {@code --service-time book=50ms}.
 * A bad flag or value prints one line, in the style of the suite's settings, and exits with status 2.
 */
public final class ReferenceTargetMain {

  static final int STANDALONE_DEFAULT_PORT = 8000;

  private record Flag(String name, String key, String arg, String help) {
  }

  private static final Flag[] FLAGS = {
    new Flag("--port", "port", "N", "TCP port (default 8000; 0 = ephemeral)"),
    new Flag("--bind", "bind-address", "ADDR", "address to bind (default 127.0.0.1)"),
    new Flag("--admin", "admin.enabled", null, "expose GET/POST /admin/knobs to change the knobs while running"),
    new Flag("--handlers", "handlers.count", "N", "request handlers W (default 8)"),
    new Flag("--queue-limit", "handlers.queue-limit", "N", "requests that may wait for a handler before 503 (default 200)"),
    new Flag("--service-time", "service-time", "ROUTE=DURATION",
        "added service time of a route (login, slots, book, interview, cancel), e.g. book=50ms; repeatable"),
    new Flag("--error-rate", "faults.error-rate", "X", "share 0..1 of API requests answered 500 (default 0)"),
    new Flag("--latency", "faults.latency", "DURATION", "latency added to every API response, e.g. 100ms (default 0ms)"),
    new Flag("--throttle-rate", "faults.throttle-rate", "X", "share 0..1 of API requests answered 429 with Retry-After (default 0)"),
    new Flag("--unavailable-rate", "faults.unavailable-rate", "X", "share 0..1 of API requests answered 503 with Retry-After (default 0)"),
    new Flag("--retry-after", "faults.retry-after", "DURATION", "Retry-After of the injected 429s and 503s, whole seconds (default 1s)"),
    new Flag("--hash-iterations", "seed.hash-iterations", "N", "PBKDF2-HMAC-SHA256 iterations of the password hashes (default 100000)"),
    new Flag("--hash-cache-dir", "seed.hash-cache-dir", "DIR", "cache of computed hashes; '' = none (default target/reference-target-cache)"),
    new Flag("--users-file", "seed.users-file", "PATH", "CSV of recruiter accounts, header email,password (default simulations-data/users.csv)"),
    new Flag("--interviewers", "seed.interviewers", "N", "interviewers created at start (default 40)"),
    new Flag("--slots", "seed.slots", "N", "free future slots created at start (default 30000)"),
    new Flag("--workers", "notifications.workers", "N", "notification workers (default 4)"),
    new Flag("--job-delay", "notifications.job-delay", "DURATION", "time one notification job takes, e.g. 1s (default 200ms)"),
    new Flag("--broker-url", "notifications.broker-url", "URL", "notification jobs on a Redis list, redis://HOST[:PORT][/DB]; '' = in memory (default)"),
    new Flag("--queue", "notifications.queue", "NAME", "the Redis list of the notification jobs (default celery)"),
    new Flag("--latency-leak", "drift.latency-leak", "DURATION", "drift: added to every API request per 1000 served, e.g. 50ms (default 0ms)"),
    new Flag("--connection-leak-every", "drift.connection-leak-every", "N", "drift: every Nth successful booking keeps a connection (default 0 = off)"),
    new Flag("--job-slowdown", "drift.job-slowdown", "DURATION", "drift: added to each notification job per job before it, e.g. 10ms (default 0ms)"),
    new Flag("--memory-leak-per-request", "drift.memory-leak-per-request", "SIZE", "drift: bytes every API request keeps on the heap, e.g. 10KiB (default 0)"),
    new Flag("--memory-leak-cap", "drift.memory-leak-cap", "SIZE", "drift: the most the memory leak keeps, at most 1/4 of the max heap (default 256MiB)"),
    new Flag("--jdbc-url", "database.jdbc-url", "URL", "JDBC URL; '' = private in-memory H2 (default)"),
    new Flag("--pool-size", "database.pool-size", "N", "maximum database connections (default 10)"),
    new Flag("--min-idle", "database.min-idle", "N", "connections opened at start and kept, 0..pool size; more open under load (default: the pool size)"),
    new Flag("--query-time", "database.query-time", "DURATION", "every API request holds one database connection this long, e.g. 300ms (pg_sleep on PostgreSQL; default 0ms)"),
    new Flag("--auth-scheme", "auth.scheme", "WORD", "scheme word of the Authorization header (default Bearer)"),
    new Flag("--token-field", "auth.token-field", "NAME", "login response field carrying the token (default token)"),
    new Flag("--max-body-bytes", "max-body-bytes", "N", "larger request bodies are answered 413 (default 65536)"),
    new Flag("--idempotent-cancel", "dialect.idempotent-cancel", null, "cancelling a cancelled interview again answers 204, not 404"),
    new Flag("--connection-close", "dialect.connection-close", null, "close the connection after every response, like gunicorn's sync workers"),
    new Flag("--append-slash-redirect", "dialect.append-slash-redirect", null, "an API path without its trailing slash answers 301 to it, like Django's APPEND_SLASH"),
    new Flag("--extra-fields", "dialect.extra-fields", null, "every JSON object the API returns carries fields a client must ignore"),
    new Flag("--id-offset", "dialect.id-offset", "N", "ids of slots and interviews start above N, e.g. 5000000000 (default 0)"),
    new Flag("--token-format", "dialect.token-format", "FORMAT", "login token: hex, uuid or jwt (default hex)"),
  };

  private ReferenceTargetMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    Config flags;
    try {
      flags = parse(args);
    } catch (UsageException e) {
      if (e.getMessage() == null) {
        usage(System.out);
        return;
      }
      System.err.println("reference-target: " + e.getMessage() + " (see --help)");
      System.exit(2);
      return;
    }
    ReferenceTarget target;
    try {
      target = ReferenceTarget.start(config(flags));
    } catch (IllegalArgumentException e) {
      System.err.println("reference-target: " + namingTheFlag(e.getMessage(), flags));
      System.exit(2);
      return;
    } catch (IllegalStateException e) {
      System.err.println("reference-target: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("reference-target: shutting down");
      target.close();
      stopped.countDown();
    }, "reference-target-shutdown"));
    System.out.println("reference-target: listening on " + target.baseUrl() + " (started in " + target.startMillis()
        + " ms; " + target.seedSummary() + ")");
    System.out.println("reference-target: metrics at " + target.metricsUrl()
        + (flags.hasPath("admin.enabled") ? "; knobs at " + target.baseUrl() + "/admin/knobs" : "")
        + "; Ctrl-C to stop");
    stopped.await();
  }

  /** Flags beat system properties and application.conf, which beat the standalone port and then reference-target.conf. */
  static Config config(Config flags) {
    Config loaded = ConfigFactory.load();
    Config fromSystem = loaded.hasPath("reference-target") ? loaded.getConfig("reference-target") : ConfigFactory.empty();
    return flags.withFallback(fromSystem)
        .withFallback(ConfigFactory.parseMap(Map.of("port", STANDALONE_DEFAULT_PORT)));
  }

  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** Turns the flags into a {@code reference-target} block; a {@link UsageException} without message means --help. */
  static Config parse(String[] args) throws UsageException {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        throw new UsageException(null);
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      Flag flag = find(name);
      if (flag == null) {
        throw new UsageException("unknown flag " + name + ConfigLayers.suggestion(name, flagNames()));
      }
      if (flag.arg() == null) {
        if (value != null) {
          throw new UsageException(name + " = '" + value + "': takes no value");
        }
        values.put(flag.key(), true);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException(name + ": must be followed by its value, " + flag.arg());
        }
        value = args[++i];
      }
      if (flag.key().equals("service-time")) {
        int e2 = value.indexOf('=');
        String route = e2 < 0 ? "" : value.substring(0, e2).trim();
        String duration = e2 < 0 ? "" : value.substring(e2 + 1).trim();
        Route r = Route.fromLabel(route);
        if (r == null || !r.pooled()) {
          throw new UsageException("--service-time = '" + value + "': must be ROUTE=DURATION with ROUTE one of "
              + Route.pooledLabels());
        }
        values.put("service-time." + route, duration);
      } else {
        values.put(flag.key(), value);
      }
    }
    return ConfigFactory.parseMap(values, "command-line flags");
  }

  /** A setting's error names its key; when a flag set that key, the flag is named, too. */
  static String namingTheFlag(String message, Config flags) {
    for (Flag f : FLAGS) {
      String key = TargetSettings.key(f.key());
      if (flags.hasPath(f.key()) && (message.startsWith(key + " ") || message.startsWith(key + "."))) {
        return message + " (flag " + f.name() + ")";
      }
    }
    return message;
  }

  private static Flag find(String name) {
    for (Flag f : FLAGS) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  private static List<String> flagNames() {
    List<String> names = new ArrayList<>();
    for (Flag f : FLAGS) {
      names.add(f.name());
    }
    return names;
  }

  /** The text of --help. */
  static void usage(PrintStream out) {
    out.println("Usage: ReferenceTargetMain [flags]");
    out.println("Runs the embedded reference target of the interview-scheduling contract until Ctrl-C.");
    out.println("Flags beat -Dreference-target.* system properties, which beat reference-target.conf.");
    out.println("A DURATION is written with its unit: 250ms, 2s, 1m; a SIZE like 10KiB or 256MiB (a bare number is bytes).");
    for (Flag f : FLAGS) {
      String left = f.name() + (f.arg() == null ? "" : " " + f.arg());
      out.printf("  %-28s %s%n", left, f.help());
    }
    out.printf("  %-28s %s%n", "--help", "this text");
  }
}
