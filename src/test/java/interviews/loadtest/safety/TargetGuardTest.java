package interviews.loadtest.safety;

import static interviews.loadtest.config.TestConfigs.settings;
import static interviews.loadtest.config.TestConfigs.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.run.Target;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.StubServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TargetGuardTest {

  /** A health-check timeout that only guards against a hang, where the check has to pass. */
  private static final String PATIENT = Await.PATIENCE.toSeconds() + "s";

  /** Answers 200 to every path and counts the requests. */
  private StubServer stub;

  @BeforeEach
  void startStub() {
    stub = new StubServer();
  }

  @AfterEach
  void stopStub() {
    stub.close();
  }

  private String url(String host) {
    return "http://" + host + ":" + stub.port();
  }

  @Test
  void loopbackIsAlwaysAllowed() {
    TargetGuard guard = new TargetGuard(List.of(), "", "");
    for (String host : List.of("localhost", "127.0.0.1", "127.1.2.3", "[::1]")) {
      assertEquals("loopback", guard.check("http://" + host + ":8000").reason(), host);
    }
  }

  @Test
  void aNameThatOnlyLooksLikeLoopbackIsNot() {
    TargetGuard guard = new TargetGuard(List.of(), "", "");
    for (String host : List.of("127.0.0.1.stub.invalid", "localhost.stub.invalid", "127.0.0.256")) {
      assertThrows(SettingError.class, () -> guard.check("http://" + host), host);
    }
  }

  @Test
  void allowedHostsMatchExactlyOrBySubdomain() {
    TargetGuard guard = new TargetGuard(List.of("stub.invalid", "*.perf.invalid"), "", "");
    assertTrue(guard.check("http://STUB.invalid").reason().contains("stub.invalid"));
    assertTrue(guard.check("https://api.perf.invalid/x").reason().contains("*.perf.invalid"));
    assertThrows(SettingError.class, () -> guard.check("http://perf.invalid"));
    assertThrows(SettingError.class, () -> guard.check("http://api.stub.invalid"));
    assertThrows(SettingError.class, () -> guard.check("http://evilperf.invalid"));
  }

  @Test
  void anotherHostNeedsAnApprovalForExactlyThatHost() {
    TargetGuard approved = new TargetGuard(List.of(), "CHG-1234", "prod.stub.invalid");
    TargetGuard.Verdict verdict = approved.check("https://prod.stub.invalid");
    assertTrue(verdict.approved());
    assertEquals("approved by CHG-1234", verdict.reason());

    SettingError wrongHost = assertThrows(SettingError.class, () -> approved.check("https://other.stub.invalid"));
    assertEquals("refusing to load other.stub.invalid: it is not loopback and not in loadtest.safety.allowed-hosts"
        + " (approval CHG-1234 is for prod.stub.invalid, not other.stub.invalid); for a staging host add it there, "
        + "for any other set -Dloadtest.safety.approval.ticket=<change id> -Dloadtest.safety.approval.host=other.stub.invalid",
        wrongHost.getMessage());
    // A host without a ticket is no approval.
    assertThrows(SettingError.class, () -> new TargetGuard(List.of(), "", "prod.stub.invalid").check("https://prod.stub.invalid"));
  }

  @Test
  void aMalformedAllowListEntryIsRefused() {
    SettingError e = assertThrows(SettingError.class,
        () -> TargetGuard.from(settings("loadtest.safety.allowed-hosts.0", "https://staging.example.test")));
    assertEquals("loadtest.safety.allowed-hosts = 'https://staging.example.test': each entry must be a host name "
        + "(staging.example.test) or *.suffix (*.staging.example.test)", e.getMessage());
  }

  @Test
  void aRefusedTargetReceivesNoTrafficNotEvenTheHealthCheck() {
    // stub.invalid resolves to the stub on 127.0.0.1 in the tests: had the guard let it through,
    // the health check would have reached the stub.
    SettingError e = assertThrows(SettingError.class,
        () -> Target.open(suite("loadtest.target.base-url", url("stub.invalid"))));
    assertTrue(e.getMessage().startsWith("refusing to load stub.invalid"), e.getMessage());
    assertEquals(0, stub.requests());
  }

  @Test
  void anAllowedStagingHostIsLoaded() {
    try (Target target = Target.open(suite("loadtest.target.base-url", url("staging.stub.invalid"),
        "loadtest.safety.allowed-hosts.0", "*.stub.invalid", "loadtest.target.health-check-timeout", PATIENT))) {
      assertFalse(target.embedded());
      assertFalse(target.verdict().approved());
      assertEquals(5, stub.requests(), "the health check and the four path checks reached the stub");
    }
  }

  @Test
  void anApprovedHostIsLoadedAndTheApprovalIsKept() {
    try (Target target = Target.open(suite("loadtest.target.base-url", url("prod.stub.invalid"),
        "loadtest.safety.approval.ticket", "CHG-42", "loadtest.safety.approval.host", "prod.stub.invalid",
        "loadtest.target.health-check-timeout", PATIENT))) {
      assertTrue(target.verdict().approved());
      assertEquals("CHG-42", target.verdict().approvalTicket());
      assertEquals(5, stub.requests(), "the health check and the four path checks reached the stub");
    }
  }

  @Test
  void aLoadAboveTheBurstRateNeedsTheApprovalForItsHostUnlessOnLoopback() {
    String what = "compressed 144x: peak 16.8/s = 2.0 x Burst";
    String key = "loadtest.profiles.sustained.compression";
    TargetGuard staging = new TargetGuard(List.of("*.stub.invalid"), "", "");
    assertNull(staging.approveHeavierThanBurst("http://127.0.0.1:8080", key, "144", what), "loopback needs none");
    assertNull(staging.approveHeavierThanBurst("http://localhost:8080", key, "144", what));
    SettingError refused = assertThrows(SettingError.class,
        () -> staging.approveHeavierThanBurst("https://staging.stub.invalid", key, "144", what));
    assertEquals("loadtest.profiles.sustained.compression = '144': compressed 144x: peak 16.8/s = 2.0 x Burst against "
        + "staging.stub.invalid, which is not loopback: above the Burst rate it needs an approval as production does; "
        + "set -Dloadtest.safety.approval.ticket=<change id> -Dloadtest.safety.approval.host=staging.stub.invalid, "
        + "or lower loadtest.profiles.sustained.compression", refused.getMessage());

    TargetGuard approved = new TargetGuard(List.of("*.stub.invalid"), "CHG-7", "staging.stub.invalid");
    assertEquals("CHG-7", approved.approveHeavierThanBurst("https://staging.stub.invalid", key, "144", what));
    SettingError otherHost = assertThrows(SettingError.class,
        () -> approved.approveHeavierThanBurst("https://other.stub.invalid", key, "144", what));
    assertTrue(otherHost.getMessage().contains("as production does (approval CHG-7 is for staging.stub.invalid); "
        + "set -Dloadtest.safety.approval.ticket=<change id> -Dloadtest.safety.approval.host=other.stub.invalid"),
        otherHost.getMessage());
    // A host the guard refuses anyway is refused as always.
    assertTrue(assertThrows(SettingError.class, () -> new TargetGuard(List.of(), "", "")
        .approveHeavierThanBurst("https://prod.stub.invalid", key, "144", what)).getMessage()
        .startsWith("refusing to load prod.stub.invalid"));
    assertEquals(0, stub.requests(), "decided from the names alone");
  }
}
