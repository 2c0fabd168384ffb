package interviews.loadtest.config;

import static interviews.loadtest.config.TestConfigs.config;
import static interviews.loadtest.config.TestConfigs.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuiteSettingsTest {

  @Test
  void defaultsDescribeTheContractAndTheEmbeddedTarget() {
    SuiteSettings s = suite();
    assertTrue(s.embeddedTarget());
    assertEquals("/api/login/", s.api().loginPath());
    assertEquals("/api/interviews/42/", s.api().interviewPath(42));
    assertEquals("$.token", s.api().tokenJsonPath());
    assertEquals("Bearer", s.api().authScheme());
    assertEquals(Duration.ofSeconds(1), s.thinkTime().min());
    assertEquals(Duration.ofSeconds(3), s.thinkTime().max());
    assertEquals(0.10, s.booking().cancelShare());
    assertEquals(3, s.booking().maxRaceRetries());
    assertTrue(s.feeders().users().isAbsolute());
    assertTrue(Files.isRegularFile(s.feeders().users()));
  }

  @Test
  void systemPropertiesOverrideEnvironmentWhichOverridesDefaults() {
    Map<String, String> env = Map.of("LOADTEST_API_AUTH_SCHEME", "Token", "LOADTEST_API_TOKEN_FIELD", "key");
    SuiteSettings fromEnv = SuiteSettings.from(config(env), TestConfigs.ROOT);
    assertEquals("Token", fromEnv.api().authScheme());
    assertEquals("key", fromEnv.api().tokenField());

    SuiteSettings both = SuiteSettings.from(config(env, "loadtest.api.auth-scheme", "JWT"), TestConfigs.ROOT);
    assertEquals("JWT", both.api().authScheme());
    assertEquals("key", both.api().tokenField());
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertEquals("LOADTEST_TARGET_BASE_URL", ConfigLayers.environmentName("loadtest.target.base-url"));
    // Every key has its own variable: no two keys share one.
    Map<String, String> seen = new java.util.HashMap<>();
    ConfigLayers.defaults().entrySet().forEach(e -> {
      String previous = seen.put(ConfigLayers.environmentName(e.getKey()), e.getKey());
      assertEquals(null, previous, "two keys map to one environment variable: " + previous + ", " + e.getKey());
    });
  }

  @Test
  void aListCanBeSetFromTheEnvironment() {
    String weights = "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2]";
    Config config = config(Map.of("LOADTEST_PROFILES_SUSTAINED_HOURLY_WEIGHTS", weights));
    assertEquals(2.0, config.getDoubleList("loadtest.profiles.sustained.hourly-weights").get(23));
  }

  @Test
  void userFileSitsBetweenEnvironmentAndDefaults(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("staging.conf");
    Files.writeString(file, "loadtest { target.base-url = \"http://127.0.0.1:9\"\n api.auth-scheme = Token }\n");
    Properties props = new Properties();
    props.setProperty("loadtest.config-file", file.toString());
    props.setProperty("loadtest.api.auth-scheme", "Bearer");
    SuiteSettings s = SuiteSettings.from(ConfigLayers.load(props, Map.of(), TestConfigs.ROOT), TestConfigs.ROOT);
    assertEquals("http://127.0.0.1:9", s.baseUrl());
    assertFalse(s.embeddedTarget());
    assertEquals("Bearer", s.api().authScheme());
  }

  @Test
  void trailingSlashOfTheBaseUrlIsDropped() {
    assertEquals("http://127.0.0.1:8000", suite("loadtest.target.base-url", "http://127.0.0.1:8000/").baseUrl());
  }

  @Test
  void anUnknownKeyIsRefusedWithTheNearestKnownOne() {
    SettingError e = assertThrows(SettingError.class, () -> config("loadtest.profiles.burst.bookings-per-minut", "10"));
    assertEquals("unknown setting loadtest.profiles.burst.bookings-per-minut (from -D); "
        + "did you mean loadtest.profiles.burst.bookings-per-minute?", e.getMessage());
  }

  @Test
  void anUnknownEnvironmentVariableOfTheSuiteIsRefused() {
    SettingError e = assertThrows(SettingError.class, () -> config(Map.of("LOADTEST_TARGET_BASEURL", "x")));
    assertTrue(e.getMessage().startsWith("environment variable LOADTEST_TARGET_BASEURL sets no known setting"), e.getMessage());
    assertTrue(e.getMessage().contains("LOADTEST_TARGET_BASE_URL"), e.getMessage());
  }

  @Test
  void otherNamespacesArePassedOver() {
    assertTrue(suite("gatling.foo", "1", "simulation", "Burst").embeddedTarget());
  }

  @Test
  void aMissingConfigFileIsNamed() {
    SettingError e = assertThrows(SettingError.class, () -> config("loadtest.config-file", "no-such-file.conf"));
    assertTrue(e.getMessage().startsWith("loadtest.config-file = 'no-such-file.conf': no readable file at "), e.getMessage());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "loadtest.target.base-url | ftp://127.0.0.1/ | loadtest.target.base-url = 'ftp://127.0.0.1/': must be an absolute http:// or https:// URL with a host",
      "loadtest.target.base-url | staging.example.test | loadtest.target.base-url = 'staging.example.test': must be an absolute http:// or https:// URL with a host",
      "loadtest.target.base-url | http://exa mple | loadtest.target.base-url = 'http://exa mple': is not a URL: Illegal character in authority",
      "loadtest.target.base-url | http://127.0.0.1/?a=1 | loadtest.target.base-url = 'http://127.0.0.1/?a=1': must be a base URL without query or fragment",
      "loadtest.target.health-check-timeout | soon | loadtest.target.health-check-timeout = 'soon': must be a duration such as 500ms, 30s or 10m",
      "loadtest.api.paths.login | api/login/ | loadtest.api.paths.login = 'api/login/': must be a path starting with / without query, fragment or spaces",
      "loadtest.api.paths.interview | /api/interviews/ | loadtest.api.paths.interview = '/api/interviews/': must contain {id}",
      "loadtest.api.token-field | $.token | loadtest.api.token-field = '$.token': must be a JSON field name, dots reaching into objects (token, data.access_token)",
      "loadtest.api.auth-scheme | Bearer x | loadtest.api.auth-scheme = 'Bearer x': must be one word such as Bearer or Token",
      "loadtest.think-time.min | -1s | loadtest.think-time.min = '-1s': must be a duration from 0s to 10m",
      "loadtest.think-time.min | 5s | loadtest.think-time.max = '3s': must not be shorter than loadtest.think-time.min (5s)",
      "loadtest.booking.page-size | 0 | loadtest.booking.page-size = '0': must be a number from 1 to 100",
      "loadtest.booking.page-size | 2.5 | loadtest.booking.page-size = '2.5': must be a whole number from 1 to 100",
      "loadtest.booking.cancel-share | 1.5 | loadtest.booking.cancel-share = '1.5': must be a number from 0 to 1",
      "loadtest.booking.cancel-share | often | loadtest.booking.cancel-share = 'often': must be a number from 0 to 1",
      "loadtest.booking.notification.poll-interval | 1m | loadtest.booking.notification.poll-interval = '1m': must not be longer than loadtest.booking.notification.timeout (30s)",
      "loadtest.max-duration | 0s | loadtest.max-duration = '0s': must be auto (the profile's length and 10m) or a duration from 1s to 48h",
      "loadtest.max-duration | never | loadtest.max-duration = 'never': must be auto (the profile's length and 10m) or a duration from 1s to 48h",
  })
  void aWrongValueIsRefusedInOneLine(String key, String value, String message) {
    SettingError e = assertThrows(SettingError.class, () -> suite(key, value));
    assertEquals(message, e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
