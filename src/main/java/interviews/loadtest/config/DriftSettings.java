package interviews.loadtest.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import interviews.loadtest.slo.DriftPlan;
import interviews.loadtest.slo.DriftSlo;
import interviews.loadtest.slo.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads {@code loadtest.drift}: the warm-up, the window, the fewest requests a window is judged
 * by, and the drift SLOs, one per entry of {@code loadtest.drift.slo}, each of one kind:
 *
 * <pre>
 * loadtest.drift {
 *   warm-up = 2m, window = 10m, min-requests = 50
 *   slo {
 *     latency-creep { kind = latency-creep, scope = global, metric = p95, at-most = 1.25, tolerance = 50ms }
 *     errors-per-window { kind = errors-per-window, below-percent = 1.0 }
 *     db-connection-growth { kind = server-growth, metric = db-active, below-per-hour = 1 }
 *   }
 * }
 * </pre>
 *
 * A user may add entries and remove one with {@code name = null}. Every wrong field is a one-line
 * {@link SettingError} naming its key. Whether a scope or server metric exists is the run's to say.
 */
final class DriftSettings {

  static final String ROOT = "loadtest.drift";
  static final String SLO_ROOT = ROOT + ".slo";

  /** The fields of each kind, {@code kind} first. */
  static final Map<String, List<String>> FIELDS = Map.of(
      "latency-creep", List.of("kind", "scope", "metric", "at-most", "tolerance"),
      "errors-per-window", List.of("kind", "below-percent"),
      "server-growth", List.of("kind", "metric", "below-per-hour"));

  private DriftSettings() {}

  static DriftPlan from(Settings s) {
    List<DriftSlo> slos = NamedEntries.read(s, SLO_ROOT, "drift SLO", "a drift SLO",
        "{ kind = latency-creep, errors-per-window or server-growth, and the kind's fields }", DriftSettings::read);
    Duration warmUp = wholeSeconds(s, ROOT + ".warm-up", Duration.ZERO);
    Duration window = wholeSeconds(s, ROOT + ".window", Duration.ofSeconds(1));
    int minRequests = s.whole(ROOT + ".min-requests", 1, 1_000_000);
    return new DriftPlan(warmUp, window, minRequests, slos);
  }

  private static DriftSlo read(Settings s, String name, String key) {
    String kind = s.oneOf(key + ".kind", List.of("latency-creep", "errors-per-window", "server-growth"));
    List<String> fields = FIELDS.get(kind);
    for (Map.Entry<String, ConfigValue> field : s.config().getConfig(key).entrySet()) {
      if (!fields.contains(field.getKey())) {
        throw new SettingError("unknown setting " + key + "." + field.getKey() + "; a " + kind + " drift SLO has "
            + String.join(", ", fields) + ConfigLayers.suggestion(field.getKey(), new TreeSet<>(fields)));
      }
    }
    for (String field : fields) {
      if (!s.config().hasPath(key + "." + field)) {
        throw new SettingError(key + "." + field + " is missing: a " + kind + " drift SLO has " + String.join(", ", fields));
      }
    }
    switch (kind) {
      case "latency-creep" -> {
        String metricName = s.text(key + ".metric");
        Metric metric;
        try {
          metric = Metric.parse(metricName);
        } catch (IllegalArgumentException e) {
          throw SettingError.of(key + ".metric", metricName, e.getMessage());
        }
        if (!metric.isLatency() || metric.equals(Metric.MEAN)) {
          throw SettingError.of(key + ".metric", metricName, "must be a latency percentile (p50, p95, p99, p99.9) or max");
        }
        return new DriftSlo.LatencyCreep(name, s.text(key + ".scope").trim(), metric,
            s.number(key + ".at-most", 1, 1000),
            s.duration(key + ".tolerance", Duration.ZERO, Duration.ofHours(1)).toMillis());
      }
      case "errors-per-window" -> {
        return new DriftSlo.ErrorsPerWindow(name, s.number(key + ".below-percent", 0, 100) / 100);
      }
      default -> {
        String metric = s.text(key + ".metric").trim();
        if (!metric.matches("[a-z0-9][a-z0-9.-]*")) {
          throw SettingError.of(key + ".metric", metric,
              "must be a server metric's key such as db-active, heap-after-gc or a source's broker.queued");
        }
        return new DriftSlo.ServerGrowth(name, metric, perHour(s, key + ".below-per-hour"));
      }
    }
  }

  /** A number above 0, or a size such as 64MiB (bytes), for a growth per hour. */
  private static double perHour(Settings s, String key) {
    double value;
    if (s.config().getValue(key).valueType() == ConfigValueType.STRING) {
      try {
        value = s.config().getBytes(key);
      } catch (ConfigException.BadValue | ConfigException.WrongType e) {
        throw SettingError.of(key, s.raw(key), "must be a number above 0, or a size such as 64MiB for memory");
      }
    } else {
      value = s.number(key, -Double.MAX_VALUE, Double.MAX_VALUE);
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw SettingError.of(key, s.raw(key), "must be a number above 0, or a size such as 64MiB for memory");
    }
    return value;
  }

  private static Duration wholeSeconds(Settings s, String key, Duration min) {
    Duration d = s.duration(key, min, Duration.ofHours(24));
    if (d.toMillis() % 1000 != 0) {
      throw SettingError.of(key, s.raw(key), "must be a whole number of seconds, such as 30s or 10m");
    }
    return d;
  }
}
