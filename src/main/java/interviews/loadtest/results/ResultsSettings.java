package interviews.loadtest.results;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed, validated view of {@code loadtest.results} (defaults in {@code results.conf}).
 *
 * <p>{@link #from(Config)} falls back to {@code results.conf} for every key the given config lacks,
 * so it works on the suite's merged config as well as on an empty one. Invalid values fail with
 * one line naming the key, the value and what is allowed.
 */
public record ResultsSettings(
    Duration consoleInterval,
    String directory,
    Prometheus prometheus,
    Watchdog watchdog) {

  /** Server metrics scraping. {@code url} empty means {@code <target>/metrics}. */
  public record Prometheus(
      boolean enabled, String url, Duration interval, Duration timeout, Map<String, String> metrics) {}

  /** Live watchdog limits. */
  public record Watchdog(
      boolean enabled, Duration window, double p95LimitMs, double errorRateLimit, boolean failRun) {

    public Watchdog {
      if (window.toSeconds() < 1) {
        throw new IllegalArgumentException("watchdog window must be at least 1 s, got " + window);
      }
    }
  }

  /** The metric keys under {@code prometheus.metrics}, in series/summary order. */
  public static final String[] SERVER_METRICS = {
    "cpu", "heap", "db-active", "db-pending", "in-flight", "queue-depth", "queue-oldest-age"
  };

  private static final String ROOT = "loadtest.results";

  /** Settings from {@code ConfigFactory.load()} plus {@code results.conf}. */
  public static ResultsSettings load() {
    return from(ConfigFactory.load());
  }

  /** Defaults only. */
  public static ResultsSettings defaults() {
    return from(ConfigFactory.empty());
  }

  /** Reads {@code loadtest.results} from {@code config}, {@code results.conf} filling gaps. */
  public static ResultsSettings from(Config config) {
    Config c =
        config
            .withFallback(ConfigFactory.parseResources(ResultsSettings.class.getClassLoader(), "results.conf"))
            .resolve()
            .getConfig(ROOT);
    Duration console = duration(c, "console-interval", "console-interval", true);
    String dir = string(c, "directory");

    Config p = c.getConfig("prometheus");
    Map<String, String> metrics = new LinkedHashMap<>();
    for (String key : SERVER_METRICS) {
      String sel = string(p, "metrics." + key);
      if (!sel.isEmpty()) {
        try {
          MetricSelector.parse(sel);
        } catch (IllegalArgumentException e) {
          throw bad("prometheus.metrics." + key, sel, "a metric name, optionally with {label=\"value\",...}");
        }
      }
      metrics.put(key, sel);
    }
    String url = string(p, "url");
    if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
      throw bad("prometheus.url", url, "an http:// or https:// URL, or \"\" for <target>/metrics");
    }
    Prometheus prom =
        new Prometheus(
            bool(p, "prometheus.enabled", "enabled"),
            url,
            duration(p, "prometheus.interval", "interval", false),
            duration(p, "prometheus.timeout", "timeout", false),
            Map.copyOf(metrics));

    Config w = c.getConfig("watchdog");
    Duration window = duration(w, "watchdog.window", "window", false);
    if (window.toMillis() < 1000 || window.toMillis() % 1000 != 0) {
      throw bad("watchdog.window", w.getValue("window").unwrapped(), "a whole number of seconds, at least 1s");
    }
    double p95 = number(w, "watchdog.p95-limit-ms", "p95-limit-ms");
    if (p95 <= 0) {
      throw bad("watchdog.p95-limit-ms", p95, "a number of milliseconds > 0");
    }
    double err = number(w, "watchdog.error-rate-limit", "error-rate-limit");
    if (err < 0 || err > 1) {
      throw bad("watchdog.error-rate-limit", err, "a share between 0 and 1 (0.05 = 5 %)");
    }
    Watchdog wd =
        new Watchdog(
            bool(w, "watchdog.enabled", "enabled"), window, p95, err, bool(w, "watchdog.fail-run", "fail-run"));
    return new ResultsSettings(console, dir, prom, wd);
  }

  /** A copy with the watchdog switched on or off (e.g. on for capacity runs). */
  public ResultsSettings withWatchdog(boolean enabled) {
    return new ResultsSettings(
        consoleInterval,
        directory,
        prometheus,
        new Watchdog(enabled, watchdog.window(), watchdog.p95LimitMs(), watchdog.errorRateLimit(), watchdog.failRun()));
  }

  private static IllegalArgumentException bad(String key, Object value, String allowed) {
    return new IllegalArgumentException(
        ROOT + "." + key + " = '" + value + "': must be " + allowed);
  }

  private static String string(Config c, String key) {
    try {
      return c.getString(key).trim();
    } catch (ConfigException.WrongType e) {
      throw bad(key, c.getValue(key).unwrapped(), "a string");
    }
  }

  private static boolean bool(Config c, String fullKey, String key) {
    try {
      return c.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw bad(fullKey, c.getValue(key).unwrapped(), "true or false");
    }
  }

  private static double number(Config c, String fullKey, String key) {
    try {
      return c.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw bad(fullKey, c.getValue(key).unwrapped(), "a number");
    }
  }

  /** {@code key} of {@code c}, named {@code fullKey} (under loadtest.results) in errors. */
  private static Duration duration(Config c, String fullKey, String key, boolean zeroAllowed) {
    Duration d;
    try {
      d = c.getDuration(key);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw bad(fullKey, c.getValue(key).unwrapped(), "a duration such as 5s or 500ms");
    }
    if (d.isNegative() || (!zeroAllowed && d.isZero())) {
      throw bad(fullKey, c.getValue(key).unwrapped(), zeroAllowed ? "a duration >= 0" : "a duration > 0");
    }
    return d;
  }
}
