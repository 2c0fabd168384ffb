package interviews.loadtest.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import interviews.loadtest.journeys.Requests;
import interviews.loadtest.measure.ErrorCause;
import interviews.loadtest.testing.GatlingReport;
import interviews.loadtest.testing.GatlingRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redirect is never followed: a target that answers the login with 302 to another host (one the
 * guard has not allowed; the test hosts file maps it to a loopback stub that counts what reaches
 * it) gets a failed login in the report, "redirect not followed" in the summary, and the other
 * host gets nothing.
 */
class RedirectsTest {

  @TempDir
  Path results;

  private HttpServer target;
  private HttpServer elsewhere;

  @AfterEach
  void stop() {
    System.clearProperty("loadtest.target.base-url");
    if (target != null) {
      target.stop(0);
    }
    if (elsewhere != null) {
      elsewhere.stop(0);
    }
  }

  @Test
  void aLoginRedirectedToAnotherHostFailsAndSendsNothingThere() throws Exception {
    AtomicInteger reachedElsewhere = new AtomicInteger();
    elsewhere = server();
    elsewhere.createContext("/", exchange -> {
      reachedElsewhere.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    elsewhere.start();
    String otherHost = "http://prod.stub.invalid:" + elsewhere.getAddress().getPort();

    target = server();
    target.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/api/health/")) {
        byte[] body = "{\"status\": \"ok\"}".getBytes();
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } else if (exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().add("Location", otherHost + path);
        exchange.sendResponseHeaders(302, -1);
      } else {
        exchange.sendResponseHeaders(401, -1);
      }
      exchange.close();
    });
    target.start();
    System.setProperty("loadtest.target.base-url", "http://127.0.0.1:" + target.getAddress().getPort());

    GatlingRunner.Result result = GatlingRunner.run(SmokeSimulation.class, results);

    assertNotEquals(0, result.exitCode(), "the smoke failed");
    assertEquals(0, reachedElsewhere.get(), "nothing was sent to the host the redirect named");
    GatlingReport report = GatlingReport.parse(result.runDirectory());
    assertEquals(1, report.row("Log in with a wrong password (401)").ko(), "a redirect where 401 was expected");
    JsonNode summary = new ObjectMapper().readTree(result.runDirectory().resolve("summary.json").toFile());
    assertEquals(1, summary.at("/global/errorsByCause").path(ErrorCause.REDIRECT).asLong(),
        summary.at("/global/errorsByCause").toString());
    assertEquals(1, summary.at("/global/errorsByMessage").path("HTTP 302 redirect, not followed").asLong(),
        summary.at("/global/errorsByMessage").toString());
    assertFalse(report.rows().containsKey(Requests.LOG_IN), "the tour ended at its first failure");
  }

  private static HttpServer server() throws IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
  }
}
