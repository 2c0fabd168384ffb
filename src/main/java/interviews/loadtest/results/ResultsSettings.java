package interviews.loadtest.results;

import interviews.loadtest.results.server.MetricSelector;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
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
    boolean watchdogFailsRun) {

  /** Server metrics scraping. {@code url} empty means {@code <target>/metrics}. */
  public record Prometheus(
      boolean enabled, String url, Duration interval, Duration timeout, Map<String, String> metrics) {}

  /** The metric keys under {@code prometheus.metrics}, in series/summary order. */
  public static final String[] SERVER_METRICS = {
    "cpu", "heap", "heap-after-gc", "db-active", "db-pending", "in-flight", "queue-depth", "queue-oldest-age"
  };

  private static final String ROOT = "loadtest.results";

  /** Defaults only. */
  public static ResultsSettings defaults() {
    return from(ConfigFactory.empty());
  }

  /** Reads {@code loadtest.results} from {@code config}, {@code results.conf} filling gaps. */
  public static ResultsSettings from(Config config) {
    Settings s = new Settings(config
        .withFallback(ConfigFactory.parseResources(ResultsSettings.class.getClassLoader(), "results.conf"))
        .resolve());
    String r = ROOT + ".";
    Duration console = s.duration(r + "console-interval", Duration.ZERO, Duration.ofHours(1));
    String dir = s.optionalText(r + "directory").trim();

    Map<String, String> metrics = new LinkedHashMap<>();
    for (String key : SERVER_METRICS) {
      String sel = s.optionalText(r + "prometheus.metrics." + key).trim();
      if (!sel.isEmpty()) {
        try {
          MetricSelector.parse(sel);
        } catch (IllegalArgumentException e) {
          throw SettingError.of(r + "prometheus.metrics." + key, sel,
              "must be a metric name, optionally with {label=\"value\",...}");
        }
      }
      metrics.put(key, sel);
    }
    String url = s.optionalText(r + "prometheus.url").trim();
    if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
      throw SettingError.of(r + "prometheus.url", url, "must be an http:// or https:// URL, or \"\" for <target>/metrics");
    }
    Prometheus prom = new Prometheus(
        s.flag(r + "prometheus.enabled"),
        url,
        s.duration(r + "prometheus.interval", Duration.ofMillis(100), Duration.ofHours(1)),
        s.duration(r + "prometheus.timeout", Duration.ofMillis(100), Duration.ofMinutes(1)),
        Map.copyOf(metrics));

    // Which SLOs the watchdog watches, and for how long, is each SLO's abort-on-fail (loadtest.slo).
    return new ResultsSettings(console, dir, prom, s.flag(r + "watchdog.fail-run"));
  }
}
