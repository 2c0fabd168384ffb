package interviews.loadtest.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.simulations.SmokeSimulation;
import interviews.loadtest.testing.ConnectTrace;
import interviews.loadtest.testing.ForkedGatling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing the suite runs calls beyond this machine: no usage analytics, no warm-up request, no
 * latest-release check, no name lookup. A real Gatling run (Smoke against the embedded target, in
 * a JVM of its own as {@code mvn gatling:test} starts it) is traced with strace inside a network
 * namespace that has loopback only, and every address it connects or sends to must be loopback.
 * Needs Linux, root (or user namespaces), strace and iproute2; {@code .ci/run} installs them.
 */
class NoOutsideConnectionsTest {

  @Test
  void aTracedSmokeRunConnectsToLoopbackOnlyAndLooksNothingUp(@TempDir Path dir) throws IOException {
    assumeTracingWorks();
    Path trace = dir.resolve("connect.trace");
    Path userPrefs = dir.resolve("user-prefs");
    ForkedGatling.Result run = new ForkedGatling(SmokeSimulation.class, dir.resolve("results"))
        .property("java.util.prefs.userRoot", userPrefs.toString())
        .wrappedIn(List.of("unshare", "--net", "--", "sh", "-c", "ip link set lo up && exec \"$@\"", "sh",
            "strace", "-f", "-qq", "-e", "signal=none", "-e", "trace=connect,sendto,sendmsg", "-o", trace.toString()))
        .run(5);

    assertEquals(0, run.exitCode(), () -> "the traced Smoke run failed:\n" + String.join("\n", run.allLines()));
    List<String> lines = Files.readAllLines(trace);
    assertEquals(List.of(), ConnectTrace.outside(lines), "connections beyond loopback or name lookups");
    assertTrue(ConnectTrace.endpoints(lines).stream().anyMatch(ConnectTrace.Endpoint::loopback),
        "the trace holds the run's own loopback connections, so the tracer saw the run");
    assertFalse(Files.exists(userPrefs), "the user's Java preferences were neither read into being nor written");
  }

  @Test
  void theTraceReaderFlagsALookupAndAnOutsideAddressButNotLoopback() {
    List<String> trace = List.of(
        "4711  connect(182, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"10.255.255.53\")}, 16) = -1 ENETUNREACH",
        "4712  connect(7, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
            + "inet_pton(AF_INET6, \"2a04:4e42::209\", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH",
        "4713  sendto(9, \"x\", 1, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"127.0.0.53\")}, 16) = 1",
        "4714  connect(194, {sa_family=AF_INET, sin_port=htons(41234), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
        "4715  connect(195, {sa_family=AF_INET6, sin6_port=htons(8000), sin6_flowinfo=htonl(0), "
            + "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0",
        "4716  connect(4, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 ENOENT",
        "4717  sendto(194, \"GET /api/health/ HTTP/1.1\\r\\n\"..., 117, 0, NULL, 0) = 117");
    List<String> outside = ConnectTrace.outside(trace);
    assertEquals(3, outside.size(), outside.toString());
    assertTrue(outside.get(0).startsWith("4711"));
    assertTrue(outside.get(1).startsWith("4712"));
    assertTrue(outside.get(2).startsWith("4713"), "a lookup on a loopback name server is still a lookup");
    assertEquals(5, ConnectTrace.endpoints(trace).size());
  }

  @Test
  void gatlingsReleaseCheckFindsAValidCheckInTheSuitesOwnPreferences() {
    Preferences root = Preferences.userRoot();
    assertTrue(root.getClass().getName().startsWith(OfflinePreferences.class.getName()),
        "the JDK picked the suite's preferences: " + root.getClass().getName());
    Preferences check = root.node(OfflinePreferences.RELEASE_CHECK_NODE);
    assertEquals(Long.MAX_VALUE, check.getLong("lastCheckTimestamp", 0), "a check Gatling takes as still valid");
    assertFalse(check.getBoolean("lastCheckSuccess", true), "and as having found nothing to announce");
    assertTrue(io.gatling.commons.util.GatlingVersion$.MODULE$.LatestRelease().isEmpty(),
        "Gatling knows of no newer release, so it neither fetched nor announces one");
  }

  private static void assumeTracingWorks() {
    try {
      Process p = new ProcessBuilder("unshare", "--net", "--", "strace", "-qq", "-e", "trace=none", "true")
          .redirectErrorStream(true).start();
      boolean ended = p.waitFor(30, TimeUnit.SECONDS);
      String out = new String(p.getInputStream().readAllBytes());
      Assumptions.assumeTrue(ended && p.exitValue() == 0,
          "strace in a network namespace does not work here (" + out.strip() + "): install strace and iproute2, run as root");
      Process ip = new ProcessBuilder("ip", "-V").redirectErrorStream(true).start();
      Assumptions.assumeTrue(ip.waitFor(30, TimeUnit.SECONDS) && ip.exitValue() == 0, "ip (iproute2) is missing");
    } catch (IOException e) {
      Assumptions.abort("strace, unshare or ip is missing (" + e.getMessage() + "): apt-get install strace iproute2");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Assumptions.abort("interrupted");
    }
  }
}
