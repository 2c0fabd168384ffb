package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.assertMatchesContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.atlassian.oai.validator.model.Request.Method;
import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.reference.TargetTestSupport.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code dialect.connection-close}: every response carries {@code Connection: close} and the
 * server really closes the connection (checked on a raw socket); by default connections are kept
 * alive and reused.
 */
class ConnectionCloseTest {

  /** Only a hang guard: a closing server answers at once. */
  private static final int READ_GUARD_MS = 60_000;

  @Test
  void closingDialectClosesTheConnectionAfterEveryResponse() throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("dialect.connection-close", true))) {
      Client client = new Client(target);
      String token = client.login(0);
      String[] a = TargetTestSupport.ACCOUNTS.get(0);
      String login = "{\"email\":\"" + a[0] + "\",\"password\":\"" + a[1] + "\"}";
      String[][] requests = {
        {"GET", "/api/health/", null, null},
        {"POST", "/api/login/", null, login},
        {"GET", "/api/slots/?limit=2", token, null},
        {"GET", "/api/slots/", null, null},
        {"GET", "/api/nothing/", null, null},
        {"DELETE", "/api/slots/", token, null},
        {"GET", "/metrics", null, null},
      };
      for (String[] r : requests) {
        RawResponse raw = exchangeThenExpectClose(target.port(), request(r[0], r[1], r[2], r[3]));
        assertEquals("close", raw.header("connection"), r[0] + " " + r[1]);
        assertTrue(raw.status > 0, r[0] + " " + r[1]);
      }
      // Booking, reading and cancelling through the JDK client, which opens a new connection each time.
      long slot = client.get("/api/slots/?limit=1", token).json().get("results").get(0).get("id").asLong();
      Reply booked = client.book(token, slot);
      assertEquals(201, booked.status());
      assertEquals("close", booked.header("Connection"));
      assertMatchesContract("/api/interviews/", Method.POST, booked);
      String path = "/api/interviews/" + booked.json().get("id").asLong() + "/";
      Reply read = client.get(path, token);
      assertEquals("close", read.header("Connection"));
      assertMatchesContract("/api/interviews/{id}/", Method.GET, read);
      RawResponse cancelled = exchangeThenExpectClose(target.port(), request("DELETE", path, token, null));
      assertEquals(204, cancelled.status);
      assertEquals("close", cancelled.header("connection"));
    }
  }

  @Test
  void byDefaultTheConnectionIsKeptAliveAndReused() throws Exception {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of())) {
      String token = new Client(target).login(0);
      try (Socket s = connect(target.port())) {
        for (int i = 0; i < 3; i++) {
          RawResponse r = exchange(s, request("GET", "/api/slots/?limit=1", token, null));
          assertEquals(200, r.status, "request " + (i + 1) + " on the same connection");
          assertNotEquals("close", r.header("connection"));
        }
        RawResponse health = exchange(s, request("GET", "/api/health/", null, null));
        assertEquals(200, health.status);
        assertNull(health.header("connection"));
      }
    }
  }

  // ---------------------------------------------------------------- a minimal HTTP/1.1 client

  record RawResponse(int status, Map<String, String> headers, String body) {
    String header(String lowerCaseName) {
      return headers.get(lowerCaseName);
    }
  }

  private static String request(String method, String path, String token, String jsonBody) {
    StringBuilder sb = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (token != null) {
      sb.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    if (jsonBody != null) {
      sb.append("Content-Type: application/json\r\nContent-Length: ")
          .append(jsonBody.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
    }
    return sb.append("\r\n").append(jsonBody == null ? "" : jsonBody).toString();
  }

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), READ_GUARD_MS);
    s.setSoTimeout(READ_GUARD_MS);
    return s;
  }

  /** Sends one request on a new connection, reads the response, then expects the server to close. */
  private static RawResponse exchangeThenExpectClose(int port, String request) throws IOException {
    try (Socket s = connect(port)) {
      RawResponse r = exchange(s, request);
      try {
        int next = s.getInputStream().read();
        assertEquals(-1, next, "nothing after the response but the end of the stream");
      } catch (SocketTimeoutException e) {
        fail("the server kept the connection open after " + request.lines().findFirst().orElse(""));
      }
      return r;
    }
  }

  /** Writes a request and reads exactly one response (by Content-Length; none for 204 and HEAD). */
  private static RawResponse exchange(Socket s, String request) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.UTF_8));
    out.flush();
    InputStream in = s.getInputStream();
    String head = readHead(in);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    int length = headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length")) : 0;
    byte[] body = in.readNBytes(length);
    assertEquals(length, body.length, "the whole body");
    return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int c = in.read();
      if (c < 0) {
        fail("the connection closed before a whole response head: " + head.toString(StandardCharsets.UTF_8));
      }
      head.write(c);
      matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    String h = head.toString(StandardCharsets.UTF_8);
    return h.substring(0, h.length() - 4);
  }
}
