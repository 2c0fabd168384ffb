package interviews.loadtest.reference.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What is read from a request: its body as one JSON object (within the size limit, as
 * {@code application/json}), its query string and the string fields of its body. A bad request
 * is an {@link ApiException} with a 400, 413 or 415.
 */
final class Requests {

  /** Reads and writes every JSON body of the API. */
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private final int maxBodyBytes;

  Requests(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Reads the request body (at most the limit + 1 bytes) and parses it as one JSON object. */
  ObjectNode jsonBody(HttpExchange ex) throws ApiException {
    Headers h = ex.getRequestHeaders();
    String length = h.getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBodyBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw new ApiException(400, "Invalid Content-Length header.");
      }
    }
    byte[] body = readBody(ex);
    if (body.length == 0) {
      throw new ApiException(400, "The request body must be a JSON object.");
    }
    String type = h.getFirst("Content-Type");
    String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!"application/json".equals(mediaType)) {
      throw new ApiException(415, "Unsupported media type \"" + clip(type == null ? "" : type)
          + "\" in request: expected application/json.");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      String msg = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
      throw new ApiException(400, "Malformed JSON: " + oneLine(msg));
    }
    if (node == null || !node.isObject()) {
      throw new ApiException(400, "The request body must be a JSON object.");
    }
    return (ObjectNode) node;
  }

  private byte[] readBody(HttpExchange ex) throws ApiException {
    int limit = maxBodyBytes;
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit + 1, 8192));
    byte[] buf = new byte[8192];
    try (InputStream in = ex.getRequestBody()) {
      int total = 0;
      while (total <= limit) {
        int n = in.read(buf, 0, Math.min(buf.length, limit + 1 - total));
        if (n < 0) {
          break;
        }
        out.write(buf, 0, n);
        total += n;
      }
      if (total > limit) {
        throw tooLarge();
      }
    } catch (IOException e) {
      throw new ApiException(400, "Could not read the request body.");
    }
    return out.toByteArray();
  }

  private ApiException tooLarge() {
    return new ApiException(413, "Request body too large: the limit is " + maxBodyBytes + " bytes.");
  }

  /** A non-blank string of at most {@code maxLength} characters, or {@code null} with the reason added to errors. */
  static String requiredString(ObjectNode body, String field, int maxLength, List<String> errors) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      errors.add(field + ": this field is required");
      return null;
    }
    if (!v.isTextual()) {
      errors.add(field + ": must be a string");
      return null;
    }
    String s = v.textValue();
    if (s.isBlank()) {
      errors.add(field + ": may not be blank");
      return null;
    }
    if (s.length() > maxLength) {
      errors.add(field + ": at most " + maxLength + " characters");
      return null;
    }
    return s;
  }

  /** The parameters of a raw query string, decoded; the last of a repeated name wins. */
  static Map<String, String> query(String raw) throws ApiException {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.put(k, v);
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "Malformed query string.");
      }
    }
    return out;
  }

  /** A client's text as quoted in an error: one line, at most 60 characters. */
  static String clip(String s) {
    String one = oneLine(s);
    return one.length() > 60 ? one.substring(0, 60) + "..." : one;
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String one = s.replaceAll("[\\r\\n\\t]+", " ").trim();
    return one.length() > 200 ? one.substring(0, 200) + "..." : one;
  }
}
