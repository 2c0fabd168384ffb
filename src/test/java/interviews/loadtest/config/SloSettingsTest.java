package interviews.loadtest.config;

import static interviews.loadtest.config.TestConfigs.config;
import static interviews.loadtest.config.TestConfigs.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import interviews.loadtest.slo.Slo.AbortOnFail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** loadtest.slo: the SLOs as named entries, their overrides, and each wrong value in one line. */
class SloSettingsTest {

  private static Slo named(List<Slo> slos, String name) {
    return slos.stream().filter(slo -> slo.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no SLO " + name + " in " + slos));
  }

  @Test
  void theDefaultsAreTheTwoGlobalSlosAndTheNotificationLag() {
    assertEquals(List.of(
            new Slo("errors", Slo.GLOBAL, Metric.ERROR_RATE, 0.01, AbortOnFail.OFF),
            new Slo("notification-lag", "Notification lag", Metric.P95, 10_000, AbortOnFail.OFF),
            new Slo("response-time", Slo.GLOBAL, Metric.P95, 2000, AbortOnFail.OFF)),
        suite().slos());
    assertEquals(Duration.ofSeconds(15), AbortOnFail.OFF.window());
  }

  @Test
  void eachFieldCanBeSetWithMinusD() {
    List<Slo> slos = suite(
        "loadtest.slo.response-time.below-ms", "1500",
        "loadtest.slo.response-time.metric", "p99.9",
        "loadtest.slo.errors.below-percent", "0",
        "loadtest.slo.notification-lag.abort-on-fail.enabled", "true",
        "loadtest.slo.notification-lag.abort-on-fail.window", "5s").slos();
    assertEquals(new Slo("response-time", Slo.GLOBAL, Metric.P999, 1500, AbortOnFail.OFF), named(slos, "response-time"));
    assertEquals(0, named(slos, "errors").limit(), "0 %: not a single failure");
    assertEquals(AbortOnFail.after(Duration.ofSeconds(5)), named(slos, "notification-lag").abortOnFail());
  }

  @Test
  void andFromTheEnvironment() {
    SuiteSettings s = SuiteSettings.from(config(Map.of("LOADTEST_SLO_RESPONSE_TIME_BELOW_MS", "1200",
        "LOADTEST_SLO_ERRORS_ABORT_ON_FAIL_ENABLED", "true")), TestConfigs.ROOT);
    assertEquals(1200, named(s.slos(), "response-time").limit());
    assertEquals(AbortOnFail.after(Duration.ofSeconds(15)), named(s.slos(), "errors").abortOnFail());
  }

  @Test
  void aUserAddsAndRemovesSlosInTheirFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mine.conf");
    Files.writeString(file, """
        loadtest.slo {
          login-p99 { scope = "Log in", metric = p99, below-ms = 800 }
          booking-errors {
            scope = "Book slot"
            metric = error-rate
            below-percent = 0.5
            abort-on-fail { enabled = true, window = 30s }
          }
          notification-lag = null
        }
        """);
    Properties props = new Properties();
    props.setProperty("loadtest.config-file", file.toString());
    List<Slo> slos = SuiteSettings.from(ConfigLayers.load(props, Map.of(), TestConfigs.ROOT), TestConfigs.ROOT).slos();
    assertEquals(List.of("booking-errors", "errors", "login-p99", "response-time"), slos.stream().map(Slo::name).toList());
    assertEquals(new Slo("login-p99", "Log in", Metric.P99, 800, AbortOnFail.OFF), named(slos, "login-p99"));
    assertEquals(new Slo("booking-errors", "Book slot", Metric.ERROR_RATE, 0.005, AbortOnFail.after(Duration.ofSeconds(30))),
        named(slos, "booking-errors"));
  }

  @Test
  void aNewSloCanBeGivenWithMinusDAsWell() {
    List<Slo> slos = suite("loadtest.slo.cancel-max.scope", "Cancel interview", "loadtest.slo.cancel-max.metric", "max",
        "loadtest.slo.cancel-max.below-ms", "5000").slos();
    assertEquals(new Slo("cancel-max", "Cancel interview", Metric.MAX, 5000, AbortOnFail.OFF), named(slos, "cancel-max"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "loadtest.slo.response-time.below-ms | 0 | loadtest.slo.response-time.below-ms = '0': must be a number from 1 to 3600000",
      "loadtest.slo.response-time.below-ms | 2.5 | loadtest.slo.response-time.below-ms = '2.5': must be a whole number from 1 to 3600000",
      "loadtest.slo.response-time.below-ms | soon | loadtest.slo.response-time.below-ms = 'soon': must be a number from 1 to 3600000",
      "loadtest.slo.response-time.metric | p0 | loadtest.slo.response-time.metric = 'p0': must be p<rank> (p50, p95, p99, p99.9, ...), mean, max or error-rate",
      "loadtest.slo.response-time.metric | median | loadtest.slo.response-time.metric = 'median': must be p<rank> (p50, p95, p99, p99.9, ...), mean, max or error-rate",
      "loadtest.slo.response-time.metric | error-rate | loadtest.slo.response-time.below-ms = '2000': does not fit metric error-rate, an error rate limited by below-percent",
      "loadtest.slo.errors.metric | p95 | loadtest.slo.errors.below-percent = '1': does not fit metric p95, a latency limited by below-ms",
      "loadtest.slo.errors.below-percent | 101 | loadtest.slo.errors.below-percent = '101': must be a number from 0 to 100",
      "loadtest.slo.errors.below-percent | -1 | loadtest.slo.errors.below-percent = '-1': must be a number from 0 to 100",
      "loadtest.slo.errors.scope | '' | loadtest.slo.errors.scope = '': must not be empty",
      "loadtest.slo.errors.abort-on-fail.enabled | maybe | loadtest.slo.errors.abort-on-fail.enabled = 'maybe': must be true or false",
      "loadtest.slo.errors.abort-on-fail.window | 1500ms | loadtest.slo.errors.abort-on-fail.window = '1500ms': must be a whole number of seconds, at least 1s",
      "loadtest.slo.errors.abort-on-fail.window | 0s | loadtest.slo.errors.abort-on-fail.window = '0s': must be a duration from 1s to 1h",
      "loadtest.slo.errors.abort-on-fail.window | soon | loadtest.slo.errors.abort-on-fail.window = 'soon': must be a duration such as 500ms, 30s or 10m",
      "loadtest.slo.errors.abort-on-fail | true | loadtest.slo.errors.abort-on-fail = 'true': must be { enabled = true or false, window = 15s }",
      "loadtest.slo.response-time.below-msec | 1500 | unknown setting loadtest.slo.response-time.below-msec; an SLO has scope, metric, below-ms, below-percent, abort-on-fail.enabled, abort-on-fail.window; did you mean below-ms?",
      "loadtest.slo.latest | 5 | loadtest.slo.latest = '5': must be an SLO: { scope, metric, below-ms or below-percent, abort-on-fail { enabled, window } }",
      "loadtest.slo | strict | loadtest.slo = 'strict': must be a set of named SLOs, each { scope, metric, below-ms or below-percent, abort-on-fail { enabled, window } }",
  })
  void aWrongValueIsRefusedInOneLineNamingItsKey(String key, String value, String message) {
    SettingError e = assertThrows(SettingError.class, () -> suite(key, value));
    assertEquals(message, e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aNewSloWithoutItsScopeOrLimitIsRefusedNamingTheMissingKey() {
    assertEquals("loadtest.slo.login.below-ms is missing: the limit of p99", assertThrows(SettingError.class,
        () -> suite("loadtest.slo.login.scope", "Log in", "loadtest.slo.login.metric", "p99")).getMessage());
    assertEquals("loadtest.slo.login.scope is missing", assertThrows(SettingError.class,
        () -> suite("loadtest.slo.login.metric", "p99", "loadtest.slo.login.below-ms", "100")).getMessage());
    assertEquals("loadtest.slo: the SLO name 'log in' may have only letters, digits, - and _", assertThrows(SettingError.class,
        () -> suite("loadtest.slo.log in.metric", "p99")).getMessage());
  }
}
