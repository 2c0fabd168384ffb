package interviews.loadtest.results;

import interviews.loadtest.results.server.MetricExpr;
import interviews.loadtest.results.server.Presets;
import interviews.loadtest.results.server.SourceSettings;
import interviews.loadtest.saturation.SaturationRule;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    List<SourceSettings> sources,
    Live live,
    boolean watchdogFailsRun,
    Duration stopTimeout) {

  /** The injector's own figures served on 127.0.0.1:{@code port} during the run (port 0: any free one). */
  public record Live(boolean enabled, int port) {}

  /**
   * Server metrics scraping of the target's own endpoint. {@code url} empty means
   * {@code <target>/metrics}; {@code saturation} holds the rules on its metric keys.
   */
  public record Prometheus(
      boolean enabled, String url, Duration interval, Duration timeout, Map<String, String> metrics,
      Map<String, String> saturation) {}

  /**
   * Every saturation rule: the target's own block (one source among the others, its metrics
   * showing what the reference-target preset's do), then each source's.
   */
  public List<SaturationRule> saturationRules() {
    List<SaturationRule> rules = new ArrayList<>();
    if (prometheus.enabled()) {
      prometheus.saturation().forEach((k, v) -> rules.add(SourceSettings.onGauge(SaturationRule.parse(k, v), k,
          Presets.TARGET_GAUGES, List.of(SERVER_METRICS), x -> x).every(prometheus.interval())));
    }
    sources.forEach(src -> rules.addAll(src.rules()));
    return rules;
  }

  /**
   * The backlogs: every server metric key whose saturation rule is a backlog rule ({@code grows}:
   * the target's {@code queue-depth}, a broker's {@code <source>.queued}), with how often it is
   * sampled (the {@code prometheus} block's interval, or its source's), in the rules' order.
   */
  public Map<String, Duration> backlogs() {
    Map<String, Duration> out = new LinkedHashMap<>();
    saturationRules().stream().filter(SaturationRule::backlog).forEach(rule -> out.put(rule.key(), rule.sampled()));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Every metric key a row can hold: the target's, then each source's {@code <name>.<metric>}. */
  public List<String> serverKeys() {
    List<String> keys = new ArrayList<>(List.of(SERVER_METRICS));
    sources.forEach(src -> keys.addAll(src.keys()));
    return keys;
  }

  /**
   * The same settings for a target whose web workers are known (the embedded target's handlers):
   * unless a rule on {@code in-flight} is set, requests in flight at 0.85 of them or more show the
   * web workers at their limit, as the scaling plan's saturation share says.
   */
  public ResultsSettings withWebWorkers(int workers) {
    if (workers <= 0 || prometheus.saturation().containsKey("in-flight")) {
      return this;
    }
    Map<String, String> rules = new LinkedHashMap<>(prometheus.saturation());
    rules.put("in-flight", ">= " + Math.round(WEB_WORKERS_BUSY * workers * 100) / 100.0);
    Prometheus p = new Prometheus(prometheus.enabled(), prometheus.url(), prometheus.interval(), prometheus.timeout(),
        prometheus.metrics(), java.util.Collections.unmodifiableMap(rules));
    return new ResultsSettings(consoleInterval, directory, p, sources, live, watchdogFailsRun, stopTimeout);
  }

  /** The share of the web workers busy that counts as their limit. */
  public static final double WEB_WORKERS_BUSY = 0.85;

  /** The same settings with the sources replaced (those the guard refused marked so). */
  public ResultsSettings withSources(List<SourceSettings> checked) {
    return new ResultsSettings(consoleInterval, directory, prometheus, List.copyOf(checked), live, watchdogFailsRun, stopTimeout);
  }

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
          MetricExpr.parse(sel);
        } catch (IllegalArgumentException e) {
          throw SettingError.of(r + "prometheus.metrics." + key, sel,
              "must be a metric name, optionally with {label=\"value\",label!=\"v\",label=~\"re\"}, in rate(), count(),"
                  + " max() or sum(), or two such joined by + - or /");
        }
      }
      metrics.put(key, sel);
    }
    String url = s.optionalText(r + "prometheus.url").trim();
    if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
      throw SettingError.of(r + "prometheus.url", url, "must be an http:// or https:// URL, or \"\" for <target>/metrics");
    }
    Map<String, String> saturation = new LinkedHashMap<>();
    for (String key : SERVER_METRICS) {
      String path = r + "prometheus.saturation." + key;
      String rule = s.config().hasPath(path) ? s.optionalText(path).trim() : "";
      if (rule.isEmpty()) {
        continue;
      }
      try {
        SaturationRule.parse(key, rule);
      } catch (IllegalArgumentException e) {
        throw SettingError.of(path, rule, e.getMessage());
      }
      saturation.put(key, rule);
    }
    Duration interval = s.duration(r + "prometheus.interval", Duration.ofMillis(100), Duration.ofHours(1));
    Duration timeout = s.duration(r + "prometheus.timeout", Duration.ofMillis(100), Duration.ofMinutes(1));
    Prometheus prom = new Prometheus(s.flag(r + "prometheus.enabled"), url, interval, timeout, Map.copyOf(metrics),
        java.util.Collections.unmodifiableMap(saturation));
    List<SourceSettings> sources = SourceSettings.readAll(s, r + "sources", interval, timeout);

    // Which SLOs the watchdog watches, and for how long, is each SLO's abort-on-fail (loadtest.slo).
    Live live = new Live(s.flag(r + "live.enabled"), s.whole(r + "live.port", 0, 65535));
    // How long a run stopped early (watchdog, SIGTERM, Ctrl-C) may take to write its files and report.
    Duration stopTimeout = s.duration(r + "stop-timeout", Duration.ofSeconds(5), Duration.ofHours(1));
    return new ResultsSettings(console, dir, prom, sources, live, s.flag(r + "watchdog.fail-run"), stopTimeout);
  }
}
