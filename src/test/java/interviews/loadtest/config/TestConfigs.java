package interviews.loadtest.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Builds configurations the way the suite does, from explicit -D properties and environment. */
public final class TestConfigs {

  private TestConfigs() {}

  /** The project root: the tests run from it. */
  public static final Path ROOT = Path.of("").toAbsolutePath();

  /** The suite's configuration for these -D pairs ("key", "value", ...) and no environment. */
  public static Config config(String... keyValues) {
    return config(Map.of(), keyValues);
  }

  /** The suite's configuration for these environment variables and -D pairs. */
  public static Config config(Map<String, String> environment, String... keyValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return ConfigLayers.load(properties, environment, ROOT);
  }

  /** Typed reads over {@link #config(String...)}. */
  public static Settings settings(String... keyValues) {
    return new Settings(config(keyValues));
  }

  /** The suite settings for these -D pairs. */
  public static SuiteSettings suite(String... keyValues) {
    return SuiteSettings.from(config(keyValues), ROOT);
  }
}
