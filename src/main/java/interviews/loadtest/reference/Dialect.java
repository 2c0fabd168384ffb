package interviews.loadtest.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the reference target behaves where real backends differ and the API description allows
 * either: the {@code reference-target.dialect} block. Its defaults are the target's original
 * behaviour; switched on, they make it behave like a Django REST framework backend served by
 * gunicorn's sync workers. Fixed at start.
 *
 * <p>{@code idempotent-cancel} is applied by the cancel endpoint and {@code id-offset} by the
 * database; this class holds the rest: the APPEND_SLASH redirect, the extra fields of JSON bodies
 * and the token formats. {@code connection-close} is one header that the JDK server honours by
 * closing the connection after the response.
 */
final class Dialect {

  /** Longest token the target issues or looks up. */
  static final int MAX_TOKEN_LENGTH = 512;

  /** The login token's format ({@code dialect.token-format}). */
  enum TokenFormat {
    /** 40 lower-case hex characters, like Django REST framework's TokenAuthentication. */
    HEX,
    /** A random UUID, 36 characters with '-'. */
    UUID,
    /**
     * A JSON Web Token signed with HS256, like djangorestframework-simplejwt's access tokens: three
     * base64url parts joined by dots, about 230 characters, always containing '-' and '_'.
     */
    JWT;

    private static final byte[] SIGNING_KEY = new byte[32];

    static {
      new SecureRandom().nextBytes(SIGNING_KEY);
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The format with this label, or {@code null}. */
    static TokenFormat fromLabel(String label) {
      for (TokenFormat f : values()) {
        if (f.label().equals(label)) {
          return f;
        }
      }
      return null;
    }

    static String labels() {
      return "hex, uuid or jwt";
    }

    /** A new random token of this format for the user. */
    String issue(long userId, Instant now, SecureRandom random) {
      switch (this) {
        case UUID:
          return java.util.UUID.randomUUID().toString();
        case JWT:
          return jwt(userId, now, random);
        default:
          byte[] b = new byte[20];
          random.nextBytes(b);
          return PasswordHasher.hex(b);
      }
    }

    private static String jwt(long userId, Instant now, SecureRandom random) {
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
      long iat = now.getEpochSecond();
      // Drawn until the token has both '-' and '_', so that every token shows a client all of
      // base64url's characters (about one draw in four has both).
      for (int attempt = 0; ; attempt++) {
        byte[] jti = new byte[24];
        random.nextBytes(jti);
        String payload = b64.encodeToString(("{\"token_type\":\"access\",\"exp\":" + (iat + 365L * 24 * 3600)
            + ",\"iat\":" + iat + ",\"jti\":\"" + b64.encodeToString(jti) + "\",\"user_id\":" + userId + "}")
            .getBytes(StandardCharsets.UTF_8));
        String token = header + "." + payload + "." + b64.encodeToString(hmacSha256(header + "." + payload));
        if (token.indexOf('-') >= 0 && token.indexOf('_') >= 0 || attempt >= 1000) {
          return token;
        }
      }
    }

    private static byte[] hmacSha256(String data) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_KEY, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available", e);
      }
    }
  }

  final boolean idempotentCancel;
  final boolean connectionClose;
  final boolean appendSlashRedirect;
  final boolean extraFields;

  Dialect(TargetSettings s) {
    this.idempotentCancel = s.idempotentCancel;
    this.connectionClose = s.connectionClose;
    this.appendSlashRedirect = s.appendSlashRedirect;
    this.extraFields = s.extraFields;
  }

  /**
   * The path to try with a slash appended, as Django's CommonMiddleware does with APPEND_SLASH, or
   * {@code null} when the dialect does not redirect or the path already ends with one.
   */
  String withSlash(String rawPath) {
    return appendSlashRedirect && rawPath != null && !rawPath.endsWith("/") ? rawPath + "/" : null;
  }

  /** The Location of the redirect: the path with its slash and the query string, if any. */
  static String location(String rawPathWithSlash, String rawQuery) {
    return rawQuery == null || rawQuery.isEmpty() ? rawPathWithSlash : rawPathWithSlash + "?" + rawQuery;
  }

  /**
   * Adds fields a client must ignore to every JSON object of a response body, at any depth:
   * {@code meta} everywhere, {@code url} on objects with an id, {@code created_by} on interviews,
   * {@code next} and {@code previous} on the slot page, {@code code} and {@code status_code} on
   * errors. {@code caller} is the authenticated user, or -1.
   */
  static byte[] withExtraFields(byte[] json, int status, long caller) {
    JsonNode root;
    try {
      root = HttpApi.JSON.readTree(json);
    } catch (IOException e) {
      return json;
    }
    if (root == null || !root.isObject()) {
      return json;
    }
    // Collected first, so that the added objects are not decorated in turn.
    List<Map.Entry<String, ObjectNode>> objects = new ArrayList<>();
    collect(null, root, objects);
    for (Map.Entry<String, ObjectNode> e : objects) {
      String parent = e.getKey();
      ObjectNode o = e.getValue();
      ObjectNode meta = o.putObject("meta");
      meta.put("api_version", "1.0");
      meta.put("deprecated", false);
      meta.putArray("tags").add("reference-target");
      meta.putNull("comment");
      JsonNode id = o.get("id");
      if (id != null && id.isIntegralNumber()) {
        o.put("url", "/api/" + collection(parent) + "/" + id.asText() + "/");
      }
      if (o.has("slot_id") && caller >= 0) {
        ObjectNode by = o.putObject("created_by");
        by.put("id", caller);
        by.put("url", "/api/users/" + caller + "/");
        by.put("role", "recruiter");
      }
      if (parent == null && o.has("results")) {
        o.putNull("next");
        o.putNull("previous");
      }
      if (parent == null && o.has("detail")) {
        o.put("code", errorCode(status));
        o.put("status_code", status);
      }
    }
    try {
      return HttpApi.JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(String parent, JsonNode node, List<Map.Entry<String, ObjectNode>> out) {
    if (node.isObject()) {
      out.add(new AbstractMap.SimpleImmutableEntry<>(parent, (ObjectNode) node));
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        collect(f.getKey(), f.getValue(), out);
      }
    } else if (node.isArray()) {
      for (JsonNode item : (ArrayNode) node) {
        collect(parent, item, out);
      }
    }
  }

  /** The collection an object with an id belongs to, by where it sits: the root is an interview. */
  private static String collection(String parent) {
    if (parent == null) {
      return "interviews";
    }
    switch (parent) {
      case "results":
        return "slots";
      case "user":
        return "users";
      default:
        return parent + "s";
    }
  }

  private static String errorCode(int status) {
    switch (status) {
      case 400:
        return "invalid";
      case 401:
        return "not_authenticated";
      case 404:
        return "not_found";
      case 405:
        return "method_not_allowed";
      case 409:
        return "conflict";
      case 413:
        return "request_too_large";
      case 415:
        return "unsupported_media_type";
      case 429:
        return "throttled";
      case 503:
        return "service_unavailable";
      default:
        return "error";
    }
  }
}
