package interviews.loadtest.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON Schema of summary.json ({@code results/summary.schema.json}, draft 2020-12), for tests
 * that check real output against it: {@code SummarySchema.assertValid(runDir.resolve("summary.json"))}.
 *
 * <p>Beyond the schema's rules, a summary's fields must come in the order the schema lists them,
 * at every level: the order is part of the format (people read the file top to bottom).
 */
public final class SummarySchema {

  public static final String RESOURCE = "results/summary.schema.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode SCHEMA_NODE = load();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA_NODE);

  private SummarySchema() {}

  /** The schema as a JSON tree. */
  public static JsonNode node() {
    return SCHEMA_NODE;
  }

  /** Reads {@code file}, checks it against the schema and the schema's field order, returns it. */
  public static JsonNode assertValid(Path file) {
    JsonNode summary;
    try {
      summary = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + " is not JSON", e);
    }
    assertValid(summary, file.toString());
    return summary;
  }

  /** Checks {@code summary} against the schema and the schema's field order. */
  public static void assertValid(JsonNode summary, String what) {
    List<Error> errors = SCHEMA.validate(summary);
    if (!errors.isEmpty()) {
      fail(what + " does not match " + RESOURCE + ":\n  "
          + String.join("\n  ", errors.stream().map(Error::toString).toList()));
    }
    assertOrder(SCHEMA_NODE, summary, "");
  }

  /** The schema node a {@code $ref} points to (only local refs, {@code #/$defs/...}). */
  public static JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      String ref = schema.path("$ref").asText();
      assertTrue(ref.startsWith("#/"), "only local $refs: " + ref);
      schema = SCHEMA_NODE.at(ref.substring(1));
      assertTrue(!schema.isMissingNode(), "dangling $ref " + ref);
    }
    return schema;
  }

  /**
   * The instance's fields come in the order of the schema's {@code properties}, at every level. Of
   * a {@code oneOf}, the branch whose required fields the instance has is followed.
   */
  private static void assertOrder(JsonNode schema, JsonNode instance, String path) {
    schema = resolve(schema);
    if (schema.has("oneOf")) {
      for (JsonNode branch : schema.path("oneOf")) {
        JsonNode b = resolve(branch);
        if (instance.isObject() && b.has("properties") && hasAll(instance, b.path("required"))) {
          assertOrder(b, instance, path);
        }
      }
      return;
    }
    if (instance.isArray() && schema.has("items")) {
      int i = 0;
      for (JsonNode item : instance) {
        assertOrder(schema.path("items"), item, path + "/" + i++);
      }
      return;
    }
    if (!instance.isObject()) {
      return;
    }
    if (schema.has("properties")) {
      List<String> listed = new ArrayList<>();
      schema.path("properties").fieldNames().forEachRemaining(listed::add);
      List<String> actual = new ArrayList<>();
      instance.fieldNames().forEachRemaining(actual::add);
      assertEquals(listed.stream().filter(actual::contains).toList(), actual,
          "fields of " + (path.isEmpty() ? "the summary" : path) + " in the schema's order");
      for (String name : actual) {
        assertOrder(schema.path("properties").path(name), instance.path(name), path + "/" + name);
      }
    } else if (schema.path("additionalProperties").isObject()) {
      for (Iterator<String> it = instance.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        assertOrder(schema.path("additionalProperties"), instance.path(name), path + "/" + name);
      }
    }
  }

  private static boolean hasAll(JsonNode instance, JsonNode required) {
    for (JsonNode r : required) {
      if (!instance.has(r.asText())) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode load() {
    try (InputStream in = SummarySchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
