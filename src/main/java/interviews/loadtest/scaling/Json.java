package interviews.loadtest.scaling;

import com.fasterxml.jackson.databind.JsonNode;

/** Lenient reads of capacity.json's fields: a missing field, or one of the wrong kind, is no value. */
final class Json {

  private Json() {}

  /** A number, or NaN. */
  static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }

  /** A text, or null. */
  static String text(JsonNode n) {
    return n.isTextual() ? n.asText() : null;
  }

  /** A text, or {@code otherwise}. */
  static String textOr(JsonNode n, String otherwise) {
    return n.isTextual() ? n.asText() : otherwise;
  }
}
