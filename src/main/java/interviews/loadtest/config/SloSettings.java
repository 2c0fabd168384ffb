package interviews.loadtest.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads {@code loadtest.slo}: one SLO per entry, the entry's key its name.
 *
 * <pre>
 * loadtest.slo {
 *   response-time { scope = global, metric = p95, below-ms = 2000, abort-on-fail { enabled = false, window = 15s } }
 * }
 * </pre>
 *
 * Entries are sorted by name. A user may add entries of their own ({@link ConfigLayers} lets any
 * name under {@code loadtest.slo} through; their fields are checked here) and remove one with
 * {@code name = null} in their file. Every wrong field is a one-line {@link SettingError} naming
 * its key. Whether a scope exists is the journeys' to say: the run checks it (run/SuiteRun).
 */
final class SloSettings {

  static final String ROOT = "loadtest.slo";

  /** The fields of one SLO. */
  static final List<String> FIELDS =
      List.of("scope", "metric", "below-ms", "below-percent", "abort-on-fail.enabled", "abort-on-fail.window");

  private SloSettings() {}

  static List<Slo> from(Settings s) {
    return NamedEntries.read(s, ROOT, "SLO", "an SLO", "{ scope, metric, below-ms or below-percent, abort-on-fail { enabled, window } }",
        SloSettings::read);
  }

  private static Slo read(Settings s, String name, String key) {
    Config entry = s.config().getConfig(key);
    if (entry.hasPath("abort-on-fail") && entry.getValue("abort-on-fail").valueType() != ConfigValueType.OBJECT) {
      throw SettingError.of(key + ".abort-on-fail", s.raw(key + ".abort-on-fail"), "must be { enabled = true or false, window = 15s }");
    }
    for (Map.Entry<String, ConfigValue> field : entry.entrySet()) {
      if (!FIELDS.contains(field.getKey())) {
        throw new SettingError("unknown setting " + key + "." + field.getKey() + "; an SLO has "
            + String.join(", ", FIELDS) + ConfigLayers.suggestion(field.getKey(), new TreeSet<>(FIELDS)));
      }
    }
    String scope = s.text(key + ".scope").trim();
    String metricName = s.text(key + ".metric");
    Metric metric;
    try {
      metric = Metric.parse(metricName);
    } catch (IllegalArgumentException e) {
      throw SettingError.of(key + ".metric", metricName, e.getMessage());
    }
    String limitKey = metric.isLatency() ? "below-ms" : "below-percent";
    String otherKey = metric.isLatency() ? "below-percent" : "below-ms";
    if (entry.hasPath(otherKey)) {
      throw SettingError.of(key + "." + otherKey, s.raw(key + "." + otherKey), "does not fit metric " + metricName + ", "
          + (metric.isLatency() ? "a latency limited by below-ms" : "an error rate limited by below-percent"));
    }
    if (!entry.hasPath(limitKey)) {
      throw new SettingError(key + "." + limitKey + " is missing: the limit of " + metricName);
    }
    double limit = metric.isLatency()
        ? s.whole(key + ".below-ms", 1, 3_600_000)
        : s.number(key + ".below-percent", 0, 100) / 100;
    return new Slo(name, scope, metric, limit, abortOnFail(s, key + ".abort-on-fail", entry));
  }

  private static Slo.AbortOnFail abortOnFail(Settings s, String key, Config entry) {
    boolean enabled = entry.hasPath("abort-on-fail.enabled") && s.flag(key + ".enabled");
    Duration window = Slo.AbortOnFail.OFF.window();
    if (entry.hasPath("abort-on-fail.window")) {
      window = s.duration(key + ".window", Duration.ofSeconds(1), Duration.ofHours(1));
      if (window.toMillis() % 1000 != 0) {
        throw SettingError.of(key + ".window", s.raw(key + ".window"), "must be a whole number of seconds, at least 1s");
      }
    }
    return new Slo.AbortOnFail(enabled, window);
  }
}
