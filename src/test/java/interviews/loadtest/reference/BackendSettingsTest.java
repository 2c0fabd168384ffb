package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import interviews.loadtest.testing.LocalProgram;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings of the target's backends, the database pool's minimum and query time and the
 * notification broker: read from
 * the configuration and the command line, listed by {@code --help}, set through {@link Knobs} and
 * the admin path, and every bad value refused in one line naming the key. What they do is
 * {@link QueryTimeAndMinIdleTest}'s, {@link PostgresPoolTest}'s and {@link RedisBrokerTest}'s.
 */
class BackendSettingsTest {

  private static final String BROKER_FORM = "must be empty (an in-memory queue) or a Redis URL redis://HOST[:PORT][/DB], "
      + "such as redis://127.0.0.1:6379/0";

  @Test
  void theBrokerUrlsFormsAreReadWithTheirDefaults() {
    assertEquals(new RedisAddress("redis://127.0.0.1", "127.0.0.1", 6379, 0), RedisAddress.parse("redis://127.0.0.1"));
    assertEquals(new RedisAddress("redis://localhost:6380/2", "localhost", 6380, 2),
        RedisAddress.parse("redis://localhost:6380/2"));
    assertEquals(new RedisAddress("redis://[::1]:7000/", "::1", 7000, 0), RedisAddress.parse("redis://[::1]:7000/"));
    assertEquals("", TargetSettings.defaults().getString("notifications.broker-url"), "in memory by default");
    assertEquals("celery", TargetSettings.defaults().getString("notifications.queue"));
  }

  @Test
  void aBrokerThatCannotBeReachedFailsTheStartInOneLineNamingItsUrl() {
    String url = "redis://127.0.0.1:" + LocalProgram.freePort() + "/0";
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TargetTestSupport.start(Map.of("notifications.broker-url", url)).close());
    assertTrue(e.getMessage().startsWith("Cannot reach the notification broker " + url
        + " (reference-target.notifications.broker-url): "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void badBackendSettingsAreRefusedInOneLineNamingTheKey() {
    Object[][] cases = {
      {"database.min-idle", 11, "must be a whole number from 0 to database.pool-size (10), or empty for the pool size"},
      {"database.min-idle", -1, "must be a whole number from 0 to database.pool-size (10)"},
      {"database.min-idle", 1.5, "must be a whole number from 0 to database.pool-size (10)"},
      {"database.min-idle", "few", "must be a whole number from 0 to database.pool-size (10)"},
      {"database.query-time", "11m", "must be a duration from 0s to 10m"},
      {"database.query-time", "-1ms", "must be a duration from 0s to 10m"},
      {"database.query-time", "0.5ms", "whole number of milliseconds"},
      {"database.query-time", "slow", "must be a duration such as 500ms"},
      {"notifications.broker-url", "http://127.0.0.1:6379", BROKER_FORM},
      {"notifications.broker-url", "redis://", BROKER_FORM},
      {"notifications.broker-url", "redis://127.0.0.1:0", BROKER_FORM},
      {"notifications.broker-url", "redis://127.0.0.1:65536", BROKER_FORM},
      {"notifications.broker-url", "redis://127.0.0.1:6379/zero", BROKER_FORM},
      {"notifications.broker-url", "redis://127.0.0.1:6379/0/celery", BROKER_FORM},
      {"notifications.broker-url", "redis://user:secret@127.0.0.1", BROKER_FORM},
      {"notifications.broker-url", " redis://127.0.0.1", BROKER_FORM},
      {"notifications.queue", "", "must be a Redis key of 1 to 200 letters, digits, '_', '-', '.' or ':'"},
      {"notifications.queue", "my queue", "must be a Redis key of 1 to 200 letters, digits, '_', '-', '.' or ':'"},
    };
    for (Object[] c : cases) {
      assertRefused(Map.of((String) c[0], c[1]), "reference-target." + c[0] + " = '" + c[1] + "': ", (String) c[2]);
    }
    // The bound of min-idle is the pool size as configured.
    assertRefused(Map.of("database.pool-size", 3, "database.min-idle", 4),
        "reference-target.database.min-idle = '4': ", "from 0 to database.pool-size (3)");
  }

  @Test
  void theQueryTimeIsAKnobOfKnobsAndTheAdminPath() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("database.query-time", "25ms", "admin.enabled", true))) {
      Knobs knobs = target.knobs();
      assertEquals(25, knobs.queryTimeMs());
      assertEquals(25L, knobs.snapshot().get("query_time_ms"));
      knobs.queryTimeMs(40);
      assertEquals(40, knobs.queryTimeMs());
      for (long bad : new long[]{-1, 600_001}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> knobs.queryTimeMs(bad));
        assertEquals("Invalid query time '" + bad + "' ms: expected an integer from 0 to 600000", e.getMessage());
      }
      knobs.reset();
      assertEquals(25, knobs.queryTimeMs(), "reset to the start value");

      Client client = new Client(target);
      Reply set = client.postJson("/admin/knobs", null, "{\"query_time_ms\":0}");
      assertEquals(200, set.status(), set.body());
      assertEquals(0, set.json().get("query_time_ms").asLong());
      assertEquals(0, knobs.queryTimeMs());
      for (String bad : new String[]{"{\"query_time_ms\":-1}", "{\"query_time_ms\":600001}", "{\"query_time_ms\":\"1s\"}"}) {
        Reply r = client.postJson("/admin/knobs", null, bad);
        assertEquals(400, r.status(), bad);
        assertErrorBody(r);
      }
      assertEquals(0, knobs.queryTimeMs(), "a bad request changes nothing");
    }
  }

  @Test
  void theFlagsMapToTheKeysAndHelpListsThem() throws Exception {
    Config c = ReferenceTargetMain.config(ReferenceTargetMain.parse(new String[]{"--min-idle", "2",
      "--query-time=300ms", "--broker-url", "redis://127.0.0.1:6379/1", "--queue=mail"}));
    assertEquals(2, c.getInt("database.min-idle"));
    assertEquals(Duration.ofMillis(300), c.getDuration("database.query-time"));
    assertEquals("redis://127.0.0.1:6379/1", c.getString("notifications.broker-url"));
    assertEquals("mail", c.getString("notifications.queue"));
    // Absent, min-idle is empty: the pool size.
    assertEquals("", TargetSettings.defaults().getString("database.min-idle"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReferenceTargetMain.usage(new PrintStream(out, true, StandardCharsets.UTF_8));
    String help = out.toString(StandardCharsets.UTF_8);
    for (String flag : new String[]{"--min-idle N", "--query-time DURATION", "--broker-url URL", "--queue NAME"}) {
      assertTrue(help.contains("  " + flag + " "), flag + " in --help:\n" + help);
    }

    Config bad = ReferenceTargetMain.parse(new String[]{"--query-time", "a while"});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReferenceTarget.start(TargetTestSupport.config(Map.of("database.query-time", "a while"))));
    assertEquals("reference-target.database.query-time = 'a while': must be a duration such as 500ms, 30s or 10m "
        + "(flag --query-time)", ReferenceTargetMain.namingTheFlag(e.getMessage(), bad));
    Config badUrl = ReferenceTargetMain.parse(new String[]{"--broker-url", "redis:/x"});
    e = assertThrows(IllegalArgumentException.class,
        () -> ReferenceTarget.start(TargetTestSupport.config(Map.of("notifications.broker-url", "redis:/x"))));
    assertEquals("reference-target.notifications.broker-url = 'redis:/x': " + BROKER_FORM + " (flag --broker-url)",
        ReferenceTargetMain.namingTheFlag(e.getMessage(), badUrl));
  }

  private static void assertRefused(Map<String, Object> overrides, String named, String allowed) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TargetTestSupport.start(overrides).close(), overrides.toString());
    assertTrue(e.getMessage().startsWith(named) && e.getMessage().contains(allowed), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
