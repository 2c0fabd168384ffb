package interviews.loadtest.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration checks, the auth scheme and token field knobs, seeding and the hash cache, and the command line. */
class ConfigAndSeedingTest {

  @TempDir
  Path tmp;

  @Test
  void invalidValuesFailAtStartWithOneLineNamingKeyValueAndAllowed() {
    Object[][] cases = {
      {"handlers.count", 0, "reference-target.handlers.count = '0'", "must be a whole number from 1 to 10000"},
      {"port", 70000, "reference-target.port = '70000'", "0 to 65535"},
      {"port", "abc", "reference-target.port = 'abc'", "whole number"},
      {"faults.error-rate", 1.5, "reference-target.faults.error-rate = '1.5'", "0 to 1"},
      {"service-time.health", "5ms", "reference-target.service-time.health", "login, slots, book, interview, cancel"},
      {"service-time.book", "-1ms", "reference-target.service-time.book = '-1ms'", "must be a duration from 0s to 10m"},
      {"service-time.book", "fast", "reference-target.service-time.book = 'fast'", "must be a duration such as 500ms"},
      {"service-time.book", "0.5ms", "reference-target.service-time.book = '0.5ms'", "whole number of milliseconds"},
      {"faults.latency", "soon", "reference-target.faults.latency = 'soon'", "must be a duration such as 500ms"},
      {"notifications.job-delay", "2h", "reference-target.notifications.job-delay = '2h'", "from 0s to 1h"},
      {"database.connection-timeout", "100ms", "reference-target.database.connection-timeout = '100ms'", "from 250ms to 10m"},
      {"drain-timeout", "11m", "reference-target.drain-timeout = '11m'", "from 0s to 10m"},
      {"faults.latency-ms", 100, "unknown setting reference-target.faults.latency-ms", "did you mean reference-target.faults.latency?"},
      {"auth.scheme", "Bear er", "reference-target.auth.scheme = 'Bear er'", "must be one word"},
      {"database.jdbc-url", "postgres://x", "reference-target.database.jdbc-url = 'postgres://x'", "jdbc:"},
      {"database.pool-size", 0, "reference-target.database.pool-size = '0'", "whole number from 1"},
      {"notifications.workers", "many", "reference-target.notifications.workers = 'many'", "whole number"},
      {"bind-address", "example.com", "reference-target.bind-address = 'example.com'", "literal IP address"},
      {"admin.enabled", "maybe", "reference-target.admin.enabled = 'maybe'", "true or false"},
      {"seed.users-file", tmp.resolve("missing.csv").toString(), "reference-target.seed.users-file", "no such file"},
    };
    for (Object[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TargetTestSupport.start(Map.of((String) c[0], c[1])).close(), String.valueOf(c[0]));
      assertTrue(e.getMessage().contains((String) c[2]) && e.getMessage().contains((String) c[3]), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
  }

  @Test
  void badUsersFileRowsAreNamed() throws Exception {
    Path bad = tmp.resolve("bad.csv");
    Files.writeString(bad, "email,password\nok@example.com,pw\nnot-an-email,pw\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TargetTestSupport.start(Map.of("seed.users-file", bad.toString())).close());
    assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("not-an-email"), e.getMessage());
    Path noHeader = tmp.resolve("noheader.csv");
    Files.writeString(noHeader, "ok@example.com,pw\n");
    e = assertThrows(IllegalArgumentException.class,
        () -> TargetTestSupport.start(Map.of("seed.users-file", noHeader.toString())).close());
    assertTrue(e.getMessage().contains("email,password"), e.getMessage());
  }

  @Test
  void tokenSchemeAndCustomTokenField() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("auth.scheme", "Token", "auth.token-field", "access"))) {
      Client client = new Client(target);
      String[] a = TargetTestSupport.ACCOUNTS.get(0);
      Reply login = client.postJson("/api/login/", null, "{\"email\":\"" + a[0] + "\",\"password\":\"" + a[1] + "\"}");
      assertEquals(200, login.status());
      assertNull(login.json().get("token"));
      String token = login.json().get("access").asText();
      assertEquals(40, token.length());
      client.scheme = "Token";
      assertEquals(200, client.get("/api/slots/", token).status());
      client.scheme = "Bearer";
      Reply wrongScheme = client.get("/api/slots/", token);
      assertEquals(401, wrongScheme.status());
      assertTrue(wrongScheme.header("WWW-Authenticate").startsWith("Token"));
    }
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    Config d = TargetSettings.defaults();
    assertEquals(100_000, d.getInt("seed.hash-iterations"));
    assertEquals(0, d.getInt("port"));
    assertEquals("127.0.0.1", d.getString("bind-address"));
    assertEquals(40, d.getInt("seed.interviewers"));
    assertEquals(30_000, d.getInt("seed.slots"));
    assertEquals("Bearer", d.getString("auth.scheme"));
    assertEquals("token", d.getString("auth.token-field"));
  }

  @Test
  void theDefaultHashIterationCountWorksAndIsStoredDjangoStyle() throws Exception {
    Path users = tmp.resolve("one.csv");
    Files.writeString(users, "email,password\nsolo@example.com,Syn-solo-pass\n");
    Path cache = tmp.resolve("cache");
    // Everything else at its default, including 100000 iterations and 30000 slots.
    try (ReferenceTarget target = ReferenceTarget.start(ConfigFactory.parseMap(Map.of(
        "seed.users-file", users.toString(), "seed.hash-cache-dir", cache.toString())))) {
      Client client = new Client(target);
      Reply ok = client.postJson("/api/login/", null, "{\"email\":\"solo@example.com\",\"password\":\"Syn-solo-pass\"}");
      assertEquals(200, ok.status());
      Reply bad = client.postJson("/api/login/", null, "{\"email\":\"solo@example.com\",\"password\":\"Syn-solo-wrong\"}");
      assertEquals(401, bad.status());
      assertEquals(30_000, client.get("/api/slots/", ok.json().get("token").asText()).json().get("count").asLong());
    }
    String stored = Files.readString(cache.resolve(AccountSeeds.CACHE_FILE), StandardCharsets.UTF_8);
    assertTrue(stored.contains("\tpbkdf2_sha256$100000$" + PasswordHasher.saltFor("solo@example.com") + "$"), stored);
  }

  @Test
  void djangoHashFormatRoundTrips() {
    String h = PasswordHasher.encode("secret", "abcdefghijklmnopqrstuv", 1000);
    assertTrue(h.matches("pbkdf2_sha256\\$1000\\$abcdefghijklmnopqrstuv\\$[A-Za-z0-9+/]{43}="), h);
    assertTrue(PasswordHasher.verify("secret", h));
    assertFalse(PasswordHasher.verify("Secret", h));
    assertFalse(PasswordHasher.verify("secret", "md5$1$x$y"));
    // A known PBKDF2-HMAC-SHA256 vector (password "password", salt "salt", 1 iteration, 32 bytes).
    assertEquals("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b",
        PasswordHasher.hex(PasswordHasher.pbkdf2("password", "salt", 1)));
  }

  @Test
  void hashCacheServesWarmStartsAndIsNeverStale() throws Exception {
    Path cache = tmp.resolve("hash-cache");
    Map<String, Object> base = Map.of("seed.hash-cache-dir", cache.toString(), "seed.hash-iterations", 2000);
    List<AccountSeeds.Account> accounts = AccountSeeds.readUsers(TargetTestSupport.usersFile());
    AccountSeeds.Result cold = AccountSeeds.hash(accounts, 2000, cache);
    assertEquals(accounts.size(), cold.computed());
    AccountSeeds.Result warm = AccountSeeds.hash(accounts, 2000, cache);
    assertEquals(accounts.size(), warm.fromCache());
    assertEquals(0, warm.computed());
    assertEquals(cold.accounts(), warm.accounts());
    AccountSeeds.Result otherIterations = AccountSeeds.hash(accounts, 2001, cache);
    assertEquals(accounts.size(), otherIterations.computed(), "another iteration count is not served from the cache");

    // A changed password for the same e-mail is hashed again: the new one logs in, the old one does not.
    Path changed = tmp.resolve("changed.csv");
    Files.writeString(changed, "email,password\ntester01@example.com,Syn-changed-pass\n");
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("seed.users-file", changed.toString(),
        "seed.hash-cache-dir", cache.toString(), "seed.hash-iterations", 2000))) {
      assertTrue(target.seedSummary().contains("0 hashes from cache, 1 computed"), target.seedSummary());
      Client client = new Client(target);
      assertEquals(401, client.postJson("/api/login/", null,
          "{\"email\":\"tester01@example.com\",\"password\":\"Syn-test-pass-01\"}").status());
      assertEquals(200, client.postJson("/api/login/", null,
          "{\"email\":\"tester01@example.com\",\"password\":\"Syn-changed-pass\"}").status());
    }
    try (ReferenceTarget target = TargetTestSupport.start(base)) {
      assertTrue(target.seedSummary().contains(accounts.size() + " hashes from cache, 0 computed"), target.seedSummary());
    }
  }

  @Test
  void noArgStartReadsSystemProperties() {
    Map<String, String> props = Map.of(
        "reference-target.seed.users-file", TargetTestSupport.usersFile().toString(),
        "reference-target.seed.hash-iterations", "1000",
        "reference-target.seed.hash-cache-dir", "",
        "reference-target.seed.slots", "100",
        "reference-target.auth.token-field", "key");
    props.forEach(System::setProperty);
    try (ReferenceTarget target = ReferenceTarget.start()) {
      Client client = new Client(target);
      String[] a = TargetTestSupport.ACCOUNTS.get(0);
      Reply login = client.postJson("/api/login/", null, "{\"email\":\"" + a[0] + "\",\"password\":\"" + a[1] + "\"}");
      assertEquals(200, login.status());
      assertEquals(40, login.json().get("key").asText().length());
      assertEquals(100, client.get("/api/slots/", login.json().get("key").asText()).json().get("count").asLong());
    } finally {
      props.keySet().forEach(System::clearProperty);
      ConfigFactory.invalidateCaches();
    }
  }

  @Test
  void commandLineFlagsMapToConfigKeys() throws Exception {
    Config c = ReferenceTargetMain.config(ReferenceTargetMain.parse(new String[]{
      "--handlers", "4", "--service-time", "book=50ms", "--service-time=slots=2s", "--admin", "--error-rate", "0.1",
      "--users-file", "x.csv", "--jdbc-url="}));
    assertEquals(4, c.getInt("handlers.count"));
    assertEquals(Duration.ofMillis(50), c.getDuration("service-time.book"));
    assertEquals(Duration.ofSeconds(2), c.getDuration("service-time.slots"));
    assertTrue(c.getBoolean("admin.enabled"));
    assertEquals(0.1, c.getDouble("faults.error-rate"));
    assertEquals("x.csv", c.getString("seed.users-file"));
    assertEquals("", c.getString("database.jdbc-url"));
    assertEquals(8000, c.getInt("port"), "the standalone default port");
    assertEquals(9001, ReferenceTargetMain.config(ReferenceTargetMain.parse(new String[]{"--port", "9001"})).getInt("port"));

    for (String[] bad : new String[][]{{"--nope"}, {"--port"}, {"--admin=yes"}, {"--service-time", "health=5ms"},
      {"--service-time", "book"}, {"positional"}, {"--latency-ms", "100"}}) {
      ReferenceTargetMain.UsageException e = assertThrows(ReferenceTargetMain.UsageException.class,
          () -> ReferenceTargetMain.parse(bad), String.join(" ", bad));
      assertTrue(e.getMessage() != null && !e.getMessage().contains("\n"), String.valueOf(e.getMessage()));
    }
    assertNull(assertThrows(ReferenceTargetMain.UsageException.class,
        () -> ReferenceTargetMain.parse(new String[]{"--help"})).getMessage(), "--help");
    // A flag with a bad value fails at start, naming the key.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceTarget.start(
        ReferenceTargetMain.config(ReferenceTargetMain.parse(new String[]{"--handlers", "zero"}))));
    assertTrue(e.getMessage().contains("reference-target.handlers.count = 'zero'"), e.getMessage());
    assertEquals("unknown flag --latency-ms; did you mean --latency?", assertThrows(ReferenceTargetMain.UsageException.class,
        () -> ReferenceTargetMain.parse(new String[]{"--latency-ms", "100"})).getMessage(), "a renamed flag");
    // A bad duration names its key and the flag that set it.
    Config badLatency = ReferenceTargetMain.parse(new String[]{"--latency", "100 ms please"});
    e = assertThrows(IllegalArgumentException.class, () -> ReferenceTarget.start(ReferenceTargetMain.config(badLatency)));
    assertEquals("reference-target.faults.latency = '100 ms please': must be a duration such as 500ms, 30s or 10m "
        + "(flag --latency)", ReferenceTargetMain.namingTheFlag(e.getMessage(), badLatency));
  }
}
