package interviews.loadtest.results.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import interviews.loadtest.config.ConfigLayers;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import interviews.loadtest.saturation.Gauge;
import interviews.loadtest.saturation.Resource;
import interviews.loadtest.saturation.SaturationRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One named source of server metrics, {@code loadtest.results.sources.<name>}, checked: its kind
 * ({@code prometheus}: a Prometheus text endpoint; {@code promql}: queries to a Prometheus server's
 * query API, the presets' metrics turned into PromQL; {@code redis}: LLEN of Celery queues on the
 * broker), its URL, the preset's metrics, saturation rules and resources merged with its own, where
 * its token comes from. Its metrics appear in every {@code SecondRow.server()} as
 * {@code <name>.<metric>}.
 *
 * @param gauges per metric, what it shows of which resource (the preset's, with the source's own
 *     {@code resources} entries: {@code resources { open-files = files }})
 * @param refused why the target guard refused its URL (set by the run before it starts), null when allowed
 */
public record SourceSettings(
    String name,
    String kind,
    String preset,
    String url,
    Duration interval,
    Duration timeout,
    String tokenEnv,
    String tokenFile,
    Map<String, String> metrics,
    Map<String, String> saturation,
    Map<String, Gauge> gauges,
    List<String> queues,
    String refused) {

  /** The source kinds. */
  public static final List<String> KINDS = List.of("prometheus", "promql", "redis");

  /** The metric key of {@code metric} in the rows: {@code <name>.<metric>}. */
  public String key(String metric) {
    return name + "." + metric;
  }

  /** Every metric key this source can put in a row, in order. */
  public List<String> keys() {
    return metrics.keySet().stream().map(this::key).toList();
  }

  /** The same source, refused by the guard for {@code reason}. */
  public SourceSettings refusedFor(String reason) {
    return new SourceSettings(name, kind, preset, url, interval, timeout, tokenEnv, tokenFile, metrics, saturation,
        gauges, queues, reason);
  }

  /**
   * The saturation rules, on the rows' keys, each with what its metric shows, where its size is
   * and how often it is sampled.
   */
  public List<SaturationRule> rules() {
    List<SaturationRule> out = new ArrayList<>();
    saturation.forEach((metric, rule) -> out.add(onGauge(SaturationRule.parse(key(metric), rule), metric, gauges,
        metrics.keySet(), this::key).every(interval)));
    return out;
  }

  /**
   * {@code rule} with the gauge {@code gauges} gives its metric (its size's key when the size's
   * metric is among {@code metrics}), or as parsed (a resource named after the metric) without one.
   */
  public static SaturationRule onGauge(SaturationRule rule, String metric, Map<String, Gauge> gauges,
      java.util.Collection<String> metrics, java.util.function.UnaryOperator<String> key) {
    Gauge g = gauges.get(metric);
    if (g == null) {
      return rule;
    }
    return rule.on(g, !g.sizeMetric().isEmpty() && metrics.contains(g.sizeMetric()) ? key.apply(g.sizeMetric()) : "");
  }

  /**
   * Reads every source under {@code root} ({@code loadtest.results.sources}); {@code interval} and
   * {@code timeout} are the defaults (those of the {@code prometheus} block).
   */
  public static List<SourceSettings> readAll(Settings s, String root, Duration interval, Duration timeout) {
    Config c = s.config();
    if (!c.hasPath(root)) {
      return List.of();
    }
    List<SourceSettings> out = new ArrayList<>();
    for (String name : new TreeSet<>(c.getObject(root).keySet())) {
      String key = root + "." + name;
      if (!name.matches("[a-z][a-z0-9-]{0,30}") || name.equals("target")) {
        throw SettingError.of(key, name, "a source name is lower-case letters, digits and -, starts with a letter,"
            + " and is not target (the prometheus block's own source)");
      }
      if (c.getValue(key).valueType() != ConfigValueType.OBJECT) {
        throw SettingError.of(key, s.raw(key), "must be a block { kind, preset, url, ... }");
      }
      out.add(read(s, name, key, interval, timeout));
    }
    return List.copyOf(out);
  }

  /** The fields a source block may have. */
  public static final List<String> FIELDS = List.of("kind", "preset", "url", "interval", "timeout", "token-env",
      "token-file", "metrics", "saturation", "resources", "queues", "promql-matchers", "rate-window");

  private static SourceSettings read(Settings s, String name, String key, Duration interval, Duration timeout) {
    Config c = s.config();
    for (String field : new TreeSet<>(c.getObject(key).keySet())) {
      if (!FIELDS.contains(field)) {
        throw new SettingError("unknown setting " + key + "." + field + "; a server source has "
            + String.join(", ", FIELDS) + ConfigLayers.suggestion(field, FIELDS));
      }
    }
    String preset = c.hasPath(key + ".preset") ? s.optionalText(key + ".preset").trim() : "";
    Presets.Preset p = null;
    if (!preset.isEmpty()) {
      if (!Presets.NAMES.contains(preset)) {
        throw SettingError.of(key + ".preset", preset, "must be one of " + String.join(", ", Presets.NAMES) + ", or \"\"");
      }
      p = Presets.of(preset);
    }
    String kind = c.hasPath(key + ".kind") ? s.oneOf(key + ".kind", KINDS) : p != null ? p.kind() : "prometheus";
    String url = url(s, key + ".url", kind);
    Duration every = c.hasPath(key + ".interval")
        ? s.duration(key + ".interval", Duration.ofMillis(100), Duration.ofHours(1)) : interval;
    Duration wait = c.hasPath(key + ".timeout")
        ? s.duration(key + ".timeout", Duration.ofMillis(100), Duration.ofMinutes(1)) : timeout;
    String tokenEnv = c.hasPath(key + ".token-env") ? s.optionalText(key + ".token-env").trim() : "";
    String tokenFile = c.hasPath(key + ".token-file") ? s.optionalText(key + ".token-file").trim() : "";
    if (!tokenEnv.isEmpty() && !tokenFile.isEmpty()) {
      throw SettingError.of(key + ".token-file", tokenFile, "set token-env or token-file, not both");
    }

    Map<String, String> metrics = new LinkedHashMap<>();
    Map<String, String> saturation = new LinkedHashMap<>();
    Map<String, Gauge> gauges = new LinkedHashMap<>();
    List<String> queues = List.of();
    if (kind.equals("redis")) {
      if (p != null && !preset.equals("redis-celery")) {
        throw SettingError.of(key + ".preset", preset, "a redis source reads Celery queues: preset redis-celery or \"\"");
      }
      queues = queues(s, key + ".queues");
      metrics.put("queued", "LLEN, summed over the queues");
      for (String q : queues) {
        metrics.put("queue." + q, "LLEN " + q);
      }
      saturation.putAll(Presets.redisSaturation());
      gauges.putAll(Presets.REDIS_GAUGES);
    } else if (kind.equals("promql")) {
      String matchers = c.hasPath(key + ".promql-matchers") ? s.optionalText(key + ".promql-matchers").trim() : "";
      if (!matchers.isEmpty()) {
        try {
          MetricSelector.parse("x{" + matchers + "}");
        } catch (IllegalArgumentException e) {
          throw SettingError.of(key + ".promql-matchers", matchers,
              "must be label matchers such as job=\"node\",instance=~\"app-1.*\"");
        }
      }
      String window = c.hasPath(key + ".rate-window")
          ? s.duration(key + ".rate-window", Duration.ofSeconds(1), Duration.ofHours(1)).toSeconds() + "s" : "1m";
      if (p != null) {
        p.metrics().forEach((m, expr) -> metrics.put(m, MetricExpr.parse(expr).toPromQl(matchers, window)));
        saturation.putAll(p.saturation());
        gauges.putAll(p.gauges());
      }
      merge(s, key + ".metrics", metrics, v -> v, "must be a PromQL query; \"\" drops a preset's metric");
      if (metrics.isEmpty()) {
        throw SettingError.of(key + ".preset", preset, "a promql source needs a preset or metrics { key = \"<PromQL>\" }");
      }
    } else {
      if (p != null) {
        metrics.putAll(p.metrics());
        saturation.putAll(p.saturation());
        gauges.putAll(p.gauges());
      }
      merge(s, key + ".metrics", metrics, v -> MetricExpr.parse(v),
          "must be a metric expression: name{label=\"v\",label!=\"v\",label=~\"re\"}, optionally in rate(), count(),"
              + " max() or sum(), two of them joined by + - or /; \"\" drops a preset's metric");
      if (metrics.isEmpty()) {
        throw SettingError.of(key + ".preset", preset, "a prometheus source needs a preset or metrics { key = selector }");
      }
    }
    merge(s, key + ".saturation", saturation, v -> SaturationRule.parse("x", v),
        "must be >= N, > N, <= N, < N or grows Ns; \"\" drops a preset's rule");
    for (String metric : saturation.keySet()) {
      if (!metrics.containsKey(metric)) {
        throw SettingError.of(key + ".saturation." + metric, saturation.get(metric),
            "names no metric of this source; it has " + String.join(", ", metrics.keySet()));
      }
    }
    Map<String, String> resources = new LinkedHashMap<>();
    merge(s, key + ".resources", resources, v -> Resource.of(v),
        "must be a resource: " + String.join(", ", Resource.KNOWN.stream().map(Resource::id).toList())
            + ", or a name of your own (lower-case letters, digits and -); \"\" keeps the preset's");
    for (Map.Entry<String, String> e : resources.entrySet()) {
      if (!metrics.containsKey(e.getKey())) {
        throw SettingError.of(key + ".resources." + e.getKey(), e.getValue(),
            "names no metric of this source; it has " + String.join(", ", metrics.keySet()));
      }
      Resource r = Resource.of(e.getValue());
      Gauge had = gauges.get(e.getKey());
      gauges.put(e.getKey(), had == null ? Gauge.of(r, "") : had.as(r));
    }
    gauges.keySet().retainAll(metrics.keySet());
    return new SourceSettings(name, kind, preset, url, every, wait, tokenEnv, tokenFile,
        Collections.unmodifiableMap(metrics), Collections.unmodifiableMap(saturation),
        Collections.unmodifiableMap(gauges), queues, null);
  }

  private interface Check {
    Object apply(String value);
  }

  private static void merge(Settings s, String key, Map<String, String> into, Check check, String allowed) {
    Config c = s.config();
    if (!c.hasPath(key)) {
      return;
    }
    if (c.getValue(key).valueType() != ConfigValueType.OBJECT) {
      throw SettingError.of(key, s.raw(key), "must be a block { key = \"...\" }");
    }
    for (String k : new TreeSet<>(c.getObject(key).keySet())) {
      String full = key + ".\"" + k + "\"";
      String v = s.optionalText(full).trim();
      if (!k.matches("[a-z][a-z0-9.-]{0,40}")) {
        throw SettingError.of(full, v, "a metric key is lower-case letters, digits, . and -");
      }
      if (v.isEmpty()) {
        into.remove(k);
        continue;
      }
      try {
        check.apply(v);
      } catch (IllegalArgumentException e) {
        throw SettingError.of(full, v, allowed);
      }
      into.put(k, v);
    }
  }

  private static List<String> queues(Settings s, String key) {
    if (!s.config().hasPath(key)) {
      return List.of("celery");
    }
    List<String> q;
    try {
      q = s.config().getStringList(key);
    } catch (ConfigException e) {
      throw SettingError.of(key, s.raw(key), "must be a list of queue names, e.g. [celery]");
    }
    if (q.isEmpty() || q.stream().anyMatch(x -> !x.matches("[A-Za-z0-9_.:-]{1,100}"))) {
      throw SettingError.of(key, q, "must be a non-empty list of queue names (letters, digits, _ . : -)");
    }
    return List.copyOf(q);
  }

  private static String url(Settings s, String key, String kind) {
    if (!s.config().hasPath(key)) {
      throw new SettingError(key + " is missing: each source needs the URL it reads");
    }
    String value = s.optionalText(key).trim();
    String scheme = kind.equals("redis") ? "redis://host:6379[/db]"
        : kind.equals("promql") ? "http:// or https:// URL of the query API's root (without /api/v1)" : "http:// or https:// URL";
    try {
      URI uri = new URI(value);
      boolean ok = kind.equals("redis")
          ? "redis".equals(uri.getScheme()) && uri.getQuery() == null
              && (uri.getPath() == null || uri.getPath().matches("(/[0-9]{0,2})?"))
          : ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
              && !(kind.equals("promql") && value.contains("/api/v1"));
      if (!ok || uri.getHost() == null) {
        throw SettingError.of(key, value, "must be a " + scheme);
      }
      if (uri.getUserInfo() != null) {
        throw SettingError.of(key, "<with credentials>", "must hold no user or password: put the secret in token-env or token-file");
      }
    } catch (URISyntaxException e) {
      throw SettingError.of(key, value, "is not a URL: " + e.getReason());
    }
    return value;
  }
}
