package interviews.loadtest.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Starting targets for tests, a small HTTP client, and validation against the contract. */
final class TargetTestSupport {

  static final ObjectMapper JSON = new ObjectMapper();
  /** Synthetic test accounts, written to a temporary users file. */
  static final List<String[]> ACCOUNTS = List.of(
      new String[]{"tester01@example.com", "Syn-test-pass-01"},
      new String[]{"tester02@example.com", "Syn-test-pass-02"},
      new String[]{"tester03@example.com", "Syn-test-pass-03"},
      new String[]{"tester04@example.com", "Syn-test-pass-04"});
  /** The suite's API description, on the classpath (from src/main/resources). */
  static final String DESCRIPTION = "api/interview-scheduling.openapi.yaml";
  /**
   * The largest service time or job delay a knob takes (10 minutes). A knob set to it holds the
   * requests or jobs that wait it out until the test sets it back, so the test can look at them
   * without racing the clock.
   */
  static final long HELD_MS = 600_000;

  private static OpenApiInteractionValidator validator;
  private static Path usersFile;

  private TargetTestSupport() {
  }

  static synchronized Path usersFile() {
    if (usersFile == null) {
      try {
        usersFile = Files.createTempFile("reference-target-users", ".csv");
        usersFile.toFile().deleteOnExit();
        StringBuilder sb = new StringBuilder("email,password\n");
        for (String[] a : ACCOUNTS) {
          sb.append(a[0]).append(',').append(a[1]).append('\n');
        }
        Files.writeString(usersFile, sb, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return usersFile;
  }

  /** Test defaults: a few accounts, cheap hashes, no hash cache, few slots; overridden by the given keys. */
  static Config config(Map<String, Object> overrides) {
    Map<String, Object> m = new HashMap<>();
    m.put("seed.users-file", usersFile().toString());
    m.put("seed.hash-iterations", 1000);
    m.put("seed.hash-cache-dir", "");
    m.put("seed.slots", 2000);
    m.put("seed.interviewers", 40);
    m.put("notifications.job-delay", "20ms");
    m.put("drain-timeout", "1s");
    m.putAll(overrides);
    return ConfigFactory.parseMap(m);
  }

  static ReferenceTarget start(Map<String, Object> overrides) {
    return ReferenceTarget.start(config(overrides));
  }

  /** The text of the suite's API description, read from the classpath. */
  static String description() {
    try (InputStream in = TargetTestSupport.class.getClassLoader().getResourceAsStream(DESCRIPTION)) {
      assertNotNull(in, "API description not on the classpath: " + DESCRIPTION);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static synchronized OpenApiInteractionValidator validator() {
    if (validator == null) {
      validator = OpenApiInteractionValidator.createForInlineApiSpecification(description()).build();
    }
    return validator;
  }

  /** A response of the target, with its body parsed where it is JSON. */
  record Reply(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  static final class Client {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Await.PATIENCE).build();
    final String base;
    String scheme = "Bearer";

    Client(ReferenceTarget t) {
      this(t.baseUrl());
    }

    Client(String baseUrl) {
      this.base = baseUrl;
    }

    Reply send(String method, String path, String token, String contentType, String body) {
      // The timeout only stops a request that would hang the test; it measures no speed.
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Await.PATIENCE);
      if (token != null) {
        b.header("Authorization", scheme + " " + token);
      }
      if (contentType != null) {
        b.header("Content-Type", contentType);
      }
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      return send(b.build());
    }

    Reply send(HttpRequest request) {
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    Reply get(String path, String token) {
      return send("GET", path, token, null, null);
    }

    Reply postJson(String path, String token, String body) {
      return send("POST", path, token, "application/json", body);
    }

    Reply delete(String path, String token) {
      return send("DELETE", path, token, null, null);
    }

    String login(int account) {
      String[] a = ACCOUNTS.get(account);
      Reply r = postJson("/api/login/", null, "{\"email\":\"" + a[0] + "\",\"password\":\"" + a[1] + "\"}");
      assertEquals(200, r.status(), r.body());
      return r.json().get("token").asText();
    }

    Reply book(String token, long slotId) {
      return postJson("/api/interviews/", token, bookingBody(slotId));
    }
  }

  static String bookingBody(long slotId) {
    return "{\"slot_id\":" + slotId + ",\"candidate_name\":\"Synthetic Candidate\","
        + "\"candidate_email\":\"candidate@example.org\",\"position\":\"Engineer\"}";
  }

  /** The target's metrics now: series (name with labels, as printed) to value. */
  static Map<String, Double> metrics(Client client) {
    Reply r = client.get("/metrics", null);
    assertEquals(200, r.status());
    return parseMetrics(r.body());
  }

  /**
   * Scrapes the metrics until {@code done} holds for one scrape, and returns that scrape. A scrape
   * reads its series one after the other, not at one instant, so conditions on several series go
   * into one wait. A timeout names the values of the series {@code shown}.
   */
  static Map<String, Double> awaitMetrics(Client client, String what, Predicate<Map<String, Double>> done,
      String... shown) {
    return Await.until(what, () -> new Scrape(metrics(client), List.of(shown)), s -> done.test(s.series())).series();
  }

  /** One scrape; prints only the series a wait is about. */
  private record Scrape(Map<String, Double> series, List<String> shown) {
    @Override
    public String toString() {
      Map<String, Double> m = new java.util.LinkedHashMap<>();
      shown.forEach(name -> m.put(name, series.get(name)));
      return m.toString();
    }
  }

  /** Series (name with labels, as printed) to value, from the Prometheus text format. */
  static Map<String, Double> parseMetrics(String text) {
    Map<String, Double> m = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int sp = line.lastIndexOf(' ');
      m.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
    }
    return m;
  }

  /** Asserts the response is valid for this operation of the contract. */
  static void assertMatchesContract(String path, Request.Method method, Reply r) {
    SimpleResponse.Builder b = SimpleResponse.Builder.status(r.status());
    r.raw().headers().firstValue("Content-Type").ifPresent(b::withContentType);
    if (r.body() != null && !r.body().isEmpty()) {
      b.withBody(r.body());
    }
    ValidationReport report = validator().validateResponse(path, method, b.build());
    assertFalse(report.hasErrors(), () -> method + " " + path + " -> " + r.status() + " " + r.body() + ": " + report.getMessages());
  }

  /** Asserts an error body {"detail": "..."} with a non-empty one-line detail (for statuses the contract does not list). */
  static void assertErrorBody(Reply r) {
    JsonNode n = r.json();
    assertTrue(n.isObject() && n.size() == 1 && n.has("detail") && n.get("detail").isTextual(), "error body: " + r.body());
    String d = n.get("detail").asText();
    assertFalse(d.isBlank() || d.contains("\n"), "detail: " + d);
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
  }
}
