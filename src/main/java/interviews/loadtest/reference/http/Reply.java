package interviews.loadtest.reference.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response, and how it is written. {@code body} and {@code contentType} are {@code null} for a
 * response without a body; {@code caller} is the authenticated user it was made for, or -1.
 */
record Reply(int status, byte[] body, String contentType, Map<String, String> headers, long caller) {

  static Reply json(int status, Object value) {
    try {
      return new Reply(status, Requests.JSON.writeValueAsBytes(value), "application/json", new LinkedHashMap<>(), -1);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code {"detail": "..."}} with the given status. */
  static Reply error(int status, String detail) {
    return json(status, Map.of("detail", detail));
  }

  /** The error's status, detail and headers. */
  static Reply of(ApiException e) {
    return error(e.status, e.getMessage()).headers(e.headers);
  }

  static Reply noContent() {
    return new Reply(204, null, null, new LinkedHashMap<>(), -1);
  }

  static Reply movedPermanently(String location) {
    return new Reply(301, null, null, new LinkedHashMap<>(), -1).header("Location", location);
  }

  static Reply bytes(byte[] body, String contentType) {
    return new Reply(200, body, contentType, new LinkedHashMap<>(), -1);
  }

  Reply header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Reply headers(Map<String, String> more) {
    headers.putAll(more);
    return this;
  }

  Reply forCaller(long user) {
    return new Reply(status, body, contentType, headers, user);
  }

  Reply withBody(byte[] newBody) {
    return new Reply(status, newBody, contentType, headers, caller);
  }

  boolean isJson() {
    return body != null && "application/json".equals(contentType);
  }

  /** Writes the response; a HEAD request gets the headers only. */
  void send(HttpExchange ex, String method) throws IOException {
    Headers h = ex.getResponseHeaders();
    headers.forEach(h::set);
    if (contentType != null) {
      h.set("Content-Type", contentType.contains("charset") ? contentType : contentType + "; charset=utf-8");
    }
    if (body == null || "HEAD".equals(method)) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }
}
