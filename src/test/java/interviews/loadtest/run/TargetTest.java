package interviews.loadtest.run;

import static interviews.loadtest.config.TestConfigs.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The target is checked before any load: healthy, or the run does not start. */
class TargetTest {

  /** A health-check timeout that only guards against a hang, where the check has to pass. */
  static final String PATIENT = Await.PATIENCE.toSeconds() + "s";

  @Test
  void withoutABaseUrlTheEmbeddedTargetStartsOnLoopbackAndIsClosedAfterwards() throws Exception {
    String url;
    try (Target target = Target.open(suite("reference-target.seed.slots", "100",
        "loadtest.target.health-check-timeout", PATIENT))) {
      assertTrue(target.embedded());
      url = target.baseUrl();
      assertTrue(url.startsWith("http://127.0.0.1:"), url);
      assertEquals(200, get(url + "/api/health/"));
    }
    assertThrows(IOException.class, () -> get(url + "/api/health/"), "closed with the run");
  }

  @Test
  void aWrongSettingOfTheEmbeddedTargetIsOneLine() {
    SettingError e = assertThrows(SettingError.class, () -> Target.open(suite("reference-target.handlers.count", "0")));
    assertEquals("reference-target.handlers.count = '0': must be a whole number from 1 to 10000", e.getMessage());
  }

  @Test
  void aTargetThatIsDownFailsTheHealthCheck() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Target.TargetUnavailable e = assertThrows(Target.TargetUnavailable.class,
        () -> Target.open(suite("loadtest.target.base-url", "http://127.0.0.1:" + port)));
    assertEquals("target http://127.0.0.1:" + port + " failed its health check: GET /api/health/ cannot be reached "
        + "(connection refused); no load was sent", e.getMessage());
  }

  @Test
  void aTargetAnsweringAnErrorOrTooSlowlyFailsTheHealthCheck() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/health/", exchange -> {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    // The slow health check answers only once the test is over: no timeout can be too short for it.
    java.util.concurrent.CountDownLatch testOver = new java.util.concurrent.CountDownLatch(1);
    server.createContext("/slow/api/health/", exchange -> {
      try {
        testOver.await();
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      assertEquals("target " + url + " failed its health check: GET /api/health/ answered 500; no load was sent",
          assertThrows(Target.TargetUnavailable.class,
              () -> Target.open(suite("loadtest.target.base-url", url,
                  "loadtest.target.health-check-timeout", PATIENT))).getMessage());
      assertEquals("target " + url + "/slow failed its health check: GET /api/health/ did not answer within 300 ms; no load was sent",
          assertThrows(Target.TargetUnavailable.class, () -> Target.open(suite(
              "loadtest.target.base-url", url + "/slow", "loadtest.target.health-check-timeout", "300ms"))).getMessage());
    } finally {
      testOver.countDown();
      server.stop(0);
    }
  }

  private static int get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
