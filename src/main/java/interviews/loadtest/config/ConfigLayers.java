package interviews.loadtest.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stacks the suite's configuration: {@code -D} system properties over environment variables over
 * the user's own file ({@code loadtest.config-file}) over the defaults shipped in the repository.
 * Only the suite's own namespaces are read from the outside, and a key there that the defaults do
 * not know is refused, so that a typo never silently falls back to a default.
 */
public final class ConfigLayers {

  /** Namespaces the suite owns: only these are read from -D, the environment and files. */
  static final List<String> NAMESPACES = List.of("loadtest", "reference-target");

  /** The defaults on the classpath, each documented key by key. */
  static final List<String> DEFAULT_FILES = List.of("loadtest.conf", "results.conf", "reference-target.conf");

  private ConfigLayers() {}

  /** The configuration of this JVM: its system properties and environment ({@link Environment}). */
  public static Config load() {
    return load(System.getProperties(), Environment.variables(), Path.of(""));
  }

  /** The configuration for explicit properties and environment, files relative to {@code baseDir}. */
  public static Config load(Properties systemProperties, Map<String, String> environment, Path baseDir) {
    Config defaults = defaults();
    Config fromProperties = ownKeys(ConfigFactory.parseProperties(systemProperties,
        ConfigParseOptions.defaults().setOriginDescription("-D")));
    Config fromEnvironment = fromEnvironment(defaults, environment);

    String file = fromProperties.withFallback(fromEnvironment).withFallback(defaults)
        .getString("loadtest.config-file");
    Config fromFile = ConfigFactory.empty();
    if (!file.isBlank()) {
      Path path = baseDir.resolve(file);
      if (!Files.isReadable(path)) {
        throw SettingError.of("loadtest.config-file", file, "no readable file at " + path.toAbsolutePath());
      }
      try {
        fromFile = ownKeys(ConfigFactory.parseFile(path.toFile(),
            ConfigParseOptions.defaults().setAllowMissing(false)));
      } catch (ConfigException e) {
        throw new SettingError("loadtest.config-file = '" + file + "': not valid HOCON: " + e.getMessage());
      }
    }

    for (Config layer : List.of(fromProperties, fromEnvironment, fromFile)) {
      refuseUnknownKeys(layer, defaults);
    }
    try {
      return fromProperties.withFallback(fromEnvironment).withFallback(fromFile)
          .withFallback(defaults).resolve();
    } catch (ConfigException e) {
      throw new SettingError(e.getMessage());
    }
  }

  /** The defaults shipped in the repository. */
  public static Config defaults() {
    Config all = ConfigFactory.empty();
    for (String file : DEFAULT_FILES) {
      all = all.withFallback(ConfigFactory.parseResources(file, ConfigParseOptions.defaults().setAllowMissing(false)));
    }
    return all;
  }

  /**
   * The environment variable that sets a key: upper case, dots and dashes as underscores.
   * {@code loadtest.target.base-url} is {@code LOADTEST_TARGET_BASE_URL}.
   */
  public static String environmentName(String key) {
    return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Config fromEnvironment(Config defaults, Map<String, String> environment) {
    Map<String, String> known = new HashMap<>();
    for (Map.Entry<String, ConfigValue> entry : defaults.entrySet()) {
      known.put(environmentName(entry.getKey()), entry.getKey());
    }
    Map<String, Object> values = new HashMap<>();
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      String name = variable.getKey();
      String key = known.get(name);
      if (key != null) {
        values.put(key, variable.getValue());
      } else if (isOwnEnvironmentName(name)) {
        throw new SettingError("environment variable " + name + " sets no known setting"
            + suggestion(name, known.keySet()));
      }
    }
    // Lists (hourly-weights) are written as HOCON in the variable: "[1, 2, 3]".
    Config config = ConfigFactory.empty("environment");
    for (Map.Entry<String, Object> value : values.entrySet()) {
      String raw = (String) value.getValue();
      Object parsed = raw.trim().startsWith("[")
          ? ConfigFactory.parseString("v = " + raw).getValue("v") : raw;
      config = config.withValue(value.getKey(),
          com.typesafe.config.ConfigValueFactory.fromAnyRef(parsed, "environment " + environmentName(value.getKey())));
    }
    return config;
  }

  private static boolean isOwnEnvironmentName(String name) {
    return NAMESPACES.stream().anyMatch(ns -> name.startsWith(environmentName(ns) + "_"));
  }

  private static Config ownKeys(Config config) {
    Config own = ConfigFactory.empty();
    for (String namespace : NAMESPACES) {
      if (config.hasPath(namespace)) {
        own = own.withFallback(config.withOnlyPath(namespace));
      }
    }
    return own;
  }

  /** Where the named server sources live (results.conf); SourceSettings checks their fields. */
  private static final String SOURCES_ROOT = "loadtest.results.sources";

  /**
   * Refuses the first key of {@code layer} that {@code defaults} lacks, naming where it was set
   * and the nearest known key. The embedded reference target checks its own block with it, too.
   */
  public static void refuseUnknownKeys(Config layer, Config defaults) {
    for (Map.Entry<String, ConfigValue> entry : layer.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith(SloSettings.ROOT + ".") || key.startsWith(DriftSettings.SLO_ROOT + ".")
          || key.startsWith(SOURCES_ROOT + ".")) {
        continue; // a user's own SLOs and server sources: SloSettings, DriftSettings, SourceSettings check each field
      }
      if (!defaults.hasPathOrNull(key) && !isInsideList(key, defaults)) {
        Set<String> knownKeys = new TreeSet<>();
        defaults.entrySet().forEach(e -> knownKeys.add(e.getKey()));
        throw new SettingError("unknown setting " + key + " (from " + describe(entry.getValue()) + ")"
            + suggestion(key, knownKeys));
      }
    }
  }

  /** {@code -Dloadtest.profiles.sustained.hourly-weights.3=5} addresses an element of a list. */
  private static boolean isInsideList(String key, Config defaults) {
    int dot = key.lastIndexOf('.');
    return dot > 0 && key.substring(dot + 1).chars().allMatch(Character::isDigit)
        && defaults.hasPath(key.substring(0, dot))
        && defaults.getValue(key.substring(0, dot)).valueType() == com.typesafe.config.ConfigValueType.LIST;
  }

  private static String describe(ConfigValue value) {
    String origin = value.origin().description();
    return origin.contains("-D") ? "-D" : origin;
  }

  /** {@code "; did you mean <the nearest known name>?"} when one is near enough, else empty. */
  public static String suggestion(String key, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = editDistance(key, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(3, key.length() / 4) ? "; did you mean " + best + "?" : "";
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
