package interviews.loadtest.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import interviews.loadtest.run.Refusal;
import interviews.loadtest.testing.ForkedGatling;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal before load reaches the user as exactly one line and exit status 3 (Gatling's 2 means an SLO failed), with no
 * stack trace and no "Run crashed": each case runs Gatling in a JVM of its own, as {@code mvn
 * gatling:test} does, and counts what it printed.
 */
class RefusalsTest {

  @TempDir
  Path dir;

  /** Runs {@code simulation} with -D pairs and returns the one line it printed. */
  private String refusal(Class<?> simulation, String... keyValues) {
    ForkedGatling fork = new ForkedGatling(simulation, dir.resolve("run" + System.nanoTime()));
    for (int i = 0; i < keyValues.length; i += 2) {
      fork.property(keyValues[i], keyValues[i + 1]);
    }
    ForkedGatling.Result r = fork.run(3);
    String all = String.join("\n", r.allLines());
    assertEquals(Refusal.EXIT_CODE, r.exitCode(), all);
    assertEquals(List.of(), r.stdout(), "nothing on standard output:\n" + all);
    assertEquals(1, r.stderr().size(), "one line on standard error:\n" + all);
    String line = r.stderr().get(0);
    String name = simulation.getSimpleName().replaceFirst("Simulation$", "");
    assertTrue(line.startsWith("[loadtest] " + name + " not started: "), line);
    return line.substring(("[loadtest] " + name + " not started: ").length());
  }

  @Test
  void aBadProfileValueAnUnknownKeyAndAMissingFileAreOneLineEach() {
    assertEquals("loadtest.profiles.burst.bookings-per-minute = '-5': must be above 0 and at most 1000000",
        refusal(BurstSimulation.class, "loadtest.profiles.burst.bookings-per-minute", "-5"));
    assertTrue(refusal(BurstSimulation.class, "loadtest.profiles.burst.bookings-per-minut", "5")
        .startsWith("unknown setting loadtest.profiles.burst.bookings-per-minut"));
    assertTrue(refusal(SmokeSimulation.class, "loadtest.feeders.users", "simulations-data/nobody.csv")
        .startsWith("loadtest.feeders.users"));
  }

  @Test
  void aRefusedHostAndAnUnhealthyTargetAreOneLineEachAndGetNoLoad() throws IOException {
    assertTrue(refusal(SmokeSimulation.class, "loadtest.target.base-url", "http://staging.example.invalid")
        .startsWith("refusing to load staging.example.invalid"));
    assertTrue(refusal(SmokeSimulation.class, "loadtest.results.prometheus.url", "http://metrics.example.invalid/metrics")
        .startsWith("loadtest.results.prometheus.url = 'http://metrics.example.invalid/metrics': refusing to call"));
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    assertTrue(refusal(SmokeSimulation.class, "loadtest.target.base-url", "http://127.0.0.1:" + port)
        .endsWith("failed its health check: GET /api/health/ cannot be reached (connection refused); no load was sent"));
  }

  @Test
  void aPathTheTargetRedirectsIsRefusedBeforeLoadNamingItsKey() throws IOException {
    AtomicInteger logins = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("POST")) {
        logins.incrementAndGet();
      }
      if (path.equals("/api/health/")) {
        exchange.sendResponseHeaders(200, -1);
      } else if (!path.endsWith("/")) {
        exchange.getResponseHeaders().add("Location", path + "/");
        exchange.sendResponseHeaders(301, -1);
      } else {
        exchange.sendResponseHeaders(401, -1);
      }
      exchange.close();
    });
    server.start();
    try {
      assertEquals("loadtest.api.paths.slots = '/api/slots': the target answers GET /api/slots with 301 "
              + "(redirect to /api/slots/), and redirects are never followed; set the path it redirects to",
          refusal(SmokeSimulation.class, "loadtest.target.base-url", "http://127.0.0.1:" + server.getAddress().getPort(),
              "loadtest.api.paths.slots", "/api/slots"));
      assertEquals(0, logins.get(), "no load was sent");
    } finally {
      server.stop(0);
    }
  }
}
