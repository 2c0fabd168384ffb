package interviews.loadtest.reference.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import interviews.loadtest.reference.TargetSettings;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How the reference target's HTTP answers differ where real backends differ and the API
 * description allows either: the HTTP part of the {@code reference-target.dialect} block. Its
 * defaults are the target's original behaviour; switched on, they make it behave like a Django
 * REST framework backend served by gunicorn's sync workers. Fixed at start.
 *
 * <p>{@code idempotent-cancel} is applied by the cancel endpoint, {@code id-offset} by the database
 * and {@code token-format} at login ({@code TokenFormat}); this class holds the APPEND_SLASH
 * redirect and the extra fields of JSON bodies. {@code connection-close} is one header that the
 * JDK server honours by closing the connection after the response.
 */
final class Dialect {

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
      root = Requests.JSON.readTree(json);
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
      return Requests.JSON.writeValueAsBytes(root);
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
