package interviews.loadtest.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code reference-target.dialect} block and the throttle and unavailable fault knobs: their
 * defaults (the target's original behaviour), their checks and their command-line flags.
 */
class DialectSettingsTest {

  @Test
  void defaultsAreTheOriginalBehaviour() {
    Config d = TargetSettings.defaults();
    assertFalse(d.getBoolean("dialect.idempotent-cancel"));
    assertFalse(d.getBoolean("dialect.connection-close"));
    assertFalse(d.getBoolean("dialect.append-slash-redirect"));
    assertFalse(d.getBoolean("dialect.extra-fields"));
    assertEquals(0L, d.getLong("dialect.id-offset"));
    assertEquals("hex", d.getString("dialect.token-format"));
    assertEquals(0.0, d.getDouble("faults.throttle-rate"));
    assertEquals(0.0, d.getDouble("faults.unavailable-rate"));
    assertEquals(Duration.ofSeconds(1), d.getDuration("faults.retry-after"));

    TargetSettings s = TargetSettings.from(TargetTestSupport.config(Map.of()));
    assertEquals(TokenFormat.HEX, s.tokenFormat);
    assertEquals(0L, s.idOffset);
    assertFalse(s.idempotentCancel || s.connectionClose || s.appendSlashRedirect || s.extraFields);
  }

  @Test
  void invalidValuesFailAtStartWithOneLineNamingKeyValueAndAllowed() {
    Object[][] cases = {
      {"dialect.idempotent-cancel", "maybe", "reference-target.dialect.idempotent-cancel = 'maybe'", "true or false"},
      {"dialect.connection-close", 1.5, "reference-target.dialect.connection-close = '1.5'", "true or false"},
      {"dialect.append-slash-redirect", "yes please", "reference-target.dialect.append-slash-redirect", "true or false"},
      {"dialect.extra-fields", "on?", "reference-target.dialect.extra-fields = 'on?'", "true or false"},
      {"dialect.id-offset", -1, "reference-target.dialect.id-offset = '-1'", "whole number from 0 to 9007199254740991"},
      {"dialect.id-offset", "5e9x", "reference-target.dialect.id-offset = '5e9x'", "whole number from 0"},
      {"dialect.id-offset", 9007199254740992L, "reference-target.dialect.id-offset = '9007199254740992'", "whole number from 0"},
      {"dialect.id-offset", 1.5, "reference-target.dialect.id-offset = '1.5'", "whole number from 0"},
      // 2000 test slots above this offset would reach 2^53.
      {"dialect.id-offset", 9007199254740000L, "reference-target.dialect.id-offset = '9007199254740000'",
        "whole number from 0 to 9007199254738991, so that the ids of the 2000 seeded slots stay below 2^53"},
      {"dialect.token-format", "base64", "reference-target.dialect.token-format = 'base64'", "must be one of hex, uuid, jwt"},
      {"dialect.token-format", "HEX", "reference-target.dialect.token-format = 'HEX'", "must be one of hex, uuid, jwt"},
      {"faults.throttle-rate", 1.5, "reference-target.faults.throttle-rate = '1.5'", "number from 0 to 1"},
      {"faults.unavailable-rate", "half", "reference-target.faults.unavailable-rate = 'half'", "number from 0 to 1"},
      {"faults.retry-after", "-1s", "reference-target.faults.retry-after = '-1s'", "must be a duration from 0s to 24h"},
      {"faults.retry-after", "86401s", "reference-target.faults.retry-after = '86401s'", "must be a duration from 0s to 24h"},
      {"faults.retry-after", "1500ms", "reference-target.faults.retry-after = '1500ms'", "whole number of seconds"},
      {"faults.retry-after-s", 2, "unknown setting reference-target.faults.retry-after-s", "did you mean reference-target.faults.retry-after?"},
    };
    for (Object[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TargetTestSupport.start(Map.of((String) c[0], c[1])).close(), c[0] + " = " + c[1]);
      assertTrue(e.getMessage().contains((String) c[2]) && e.getMessage().contains((String) c[3]), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
  }

  @Test
  void theLargestIdOffsetIsAccepted() {
    TargetSettings s = TargetSettings.from(TargetTestSupport.config(Map.of("dialect.id-offset", TargetSettings.MAX_ID - 2000)));
    assertEquals(TargetSettings.MAX_ID - 2000, s.idOffset);
  }

  @Test
  void commandLineFlagsMapToConfigKeys() throws Exception {
    Config c = ReferenceTargetMain.config(ReferenceTargetMain.parse(new String[]{
      "--idempotent-cancel", "--connection-close", "--append-slash-redirect", "--extra-fields",
      "--id-offset", "5000000000", "--token-format=jwt",
      "--throttle-rate", "0.2", "--unavailable-rate=0.1", "--retry-after", "30s"}));
    assertTrue(c.getBoolean("dialect.idempotent-cancel"));
    assertTrue(c.getBoolean("dialect.connection-close"));
    assertTrue(c.getBoolean("dialect.append-slash-redirect"));
    assertTrue(c.getBoolean("dialect.extra-fields"));
    assertEquals(5_000_000_000L, c.getLong("dialect.id-offset"));
    assertEquals("jwt", c.getString("dialect.token-format"));
    assertEquals(0.2, c.getDouble("faults.throttle-rate"));
    assertEquals(0.1, c.getDouble("faults.unavailable-rate"));
    assertEquals(Duration.ofSeconds(30), c.getDuration("faults.retry-after"));
    TargetSettings s = TargetSettings.from(c.withFallback(TargetTestSupport.config(Map.of())));
    assertEquals(TokenFormat.JWT, s.tokenFormat);
    assertEquals(5_000_000_000L, s.idOffset);
    assertTrue(s.idempotentCancel && s.connectionClose && s.appendSlashRedirect && s.extraFields);
    assertEquals(30, s.retryAfterS);

    for (String[] bad : new String[][]{{"--extra-fields=true"}, {"--token-format"}, {"--id-offset"}}) {
      ReferenceTargetMain.UsageException e = assertThrows(ReferenceTargetMain.UsageException.class,
          () -> ReferenceTargetMain.parse(bad), String.join(" ", bad));
      assertTrue(e.getMessage() != null && !e.getMessage().contains("\n"), String.valueOf(e.getMessage()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceTarget.start(
        ReferenceTargetMain.config(ReferenceTargetMain.parse(new String[]{"--token-format", "opaque"}))));
    assertTrue(e.getMessage().contains("reference-target.dialect.token-format = 'opaque'"), e.getMessage());
  }
}
