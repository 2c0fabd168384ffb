package interviews.loadtest.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite's API description (src/main/resources/api/interview-scheduling.openapi.yaml) and the
 * settings it names with {@code x-loadtest-setting}: its paths, token field and auth scheme are the
 * defaults of loadtest.conf (and of reference-target.conf), so the two cannot drift apart.
 */
class ApiDescriptionTest {

  private static final String SETTING = "x-loadtest-setting";
  private static OpenAPI api;
  private static Config loadtest;

  @BeforeAll
  static void parse() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(TargetTestSupport.description(), null, options);
    assertTrue(result.getMessages() == null || result.getMessages().isEmpty(), () -> "parse messages: " + result.getMessages());
    api = result.getOpenAPI();
    assertNotNull(api);
    loadtest = ConfigFactory.parseResources(ApiDescriptionTest.class.getClassLoader(), "loadtest.conf",
        ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
  }

  @Test
  void isTheSuitesOwnOpenApi303Description() {
    assertEquals("3.0.3", api.getOpenapi());
    String description = api.getInfo().getDescription();
    assertTrue(description.contains("suite's own description of the API it drives"), description);
    assertTrue(description.contains("derived from the"), description);
  }

  @Test
  void everyPathNamesItsSettingAndTheSettingsDefaultIsThatPath() {
    Set<String> named = new TreeSet<>();
    for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
      String path = e.getKey();
      Object setting = extension(e.getValue().getExtensions(), path);
      String key = String.valueOf(setting);
      assertTrue(key.startsWith("loadtest.api.paths."), path + ": " + key);
      assertTrue(loadtest.hasPath(key), path + " names " + key + ", which loadtest.conf does not have");
      assertEquals(path, loadtest.getString(key), "the default of " + key + " is the description's path");
      assertTrue(named.add(key), key + " is named by two paths");
    }
    // And the other way round: every path setting of loadtest.conf is described.
    Set<String> settings = new TreeSet<>();
    loadtest.getConfig("loadtest.api.paths").root().keySet().forEach(k -> settings.add("loadtest.api.paths." + k));
    assertEquals(settings, named);
    assertEquals(Set.of("loadtest.api.paths.health", "loadtest.api.paths.login", "loadtest.api.paths.slots",
        "loadtest.api.paths.interviews", "loadtest.api.paths.interview"), named);
  }

  @Test
  void tokenFieldIsNamedAndIsTheDefault() {
    Operation login = api.getPaths().get("/api/login/").getPost();
    Schema<?> ok = login.getResponses().get("200").getContent().get("application/json").getSchema();
    String field = null;
    for (Map.Entry<String, Schema> p : ok.getProperties().entrySet()) {
      Map<String, Object> ext = p.getValue().getExtensions();
      if (ext != null && ext.containsKey(SETTING)) {
        assertEquals("loadtest.api.token-field", ext.get(SETTING));
        field = p.getKey();
      }
    }
    assertEquals(loadtest.getString("loadtest.api.token-field"), field, "the login response's token property");
    assertTrue(ok.getRequired().contains(field));
    assertEquals(TargetSettings.defaults().getString("auth.token-field"), field, "the reference target's default");
  }

  @Test
  void authSchemeIsNamedAndIsTheDefault() {
    assertEquals(1, api.getComponents().getSecuritySchemes().size());
    SecurityScheme scheme = api.getComponents().getSecuritySchemes().values().iterator().next();
    assertEquals("loadtest.api.auth-scheme", extension(scheme.getExtensions(), "the security scheme"));
    assertEquals(SecurityScheme.Type.HTTP, scheme.getType());
    String word = loadtest.getString("loadtest.api.auth-scheme");
    assertEquals(word.toLowerCase(Locale.ROOT), scheme.getScheme().toLowerCase(Locale.ROOT));
    assertEquals(TargetSettings.defaults().getString("auth.scheme"), word, "the reference target's default");
  }

  @Test
  void everySettingItNamesExists() {
    for (String key : new String[]{"loadtest.api.token-field", "loadtest.api.auth-scheme"}) {
      assertTrue(loadtest.hasPath(key), key);
    }
    // No other place carries the extension with a key loadtest.conf lacks.
    String text = TargetTestSupport.description();
    int n = 0;
    for (String line : text.split("\n")) {
      int at = line.indexOf(SETTING + ":");
      if (at >= 0) {
        String key = line.substring(at + SETTING.length() + 1).trim();
        assertTrue(loadtest.hasPath(key), "x-loadtest-setting " + key + " is not a setting of loadtest.conf");
        n++;
      }
    }
    assertEquals(api.getPaths().size() + 2, n, "one per path, the token field and the auth scheme");
  }

  @Test
  void idsAre64BitAndEveryOperationDocumentsThrottlingAndUnavailability() {
    for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op : e.getValue().readOperationsMap().entrySet()) {
        String name = op.getKey() + " " + e.getKey();
        for (String status : new String[]{"429", "503"}) {
          assertNotNull(op.getValue().getResponses().get(status), name + " documents " + status);
          assertTrue(op.getValue().getResponses().get(status).getHeaders().containsKey("Retry-After"), name + " " + status);
        }
      }
    }
    for (String schema : new String[]{"Slot", "Interview"}) {
      Schema<?> s = api.getComponents().getSchemas().get(schema);
      assertEquals("int64", ((Schema<?>) s.getProperties().get("id")).getFormat(), schema + ".id");
    }
    for (String schema : new String[]{"Slot", "Interview", "Error"}) {
      assertEquals(Boolean.TRUE, api.getComponents().getSchemas().get(schema).getAdditionalProperties(),
          schema + " allows extra fields");
    }
    PathItem interview = api.getPaths().get("/api/interviews/{id}/");
    // The parser moves the path item's parameters into its operations.
    List<Parameter> params = interview.getParameters() != null ? interview.getParameters() : interview.getGet().getParameters();
    assertEquals("int64", params.get(0).getSchema().getFormat(), "the id of the path");
    String delete = api.getPaths().get("/api/interviews/{id}/").getDelete().getDescription();
    assertTrue(delete.contains("204") && delete.contains("404"), delete);
  }

  @Test
  void theValidatorBuiltFromItRejectsWrongTypesAndAcceptsExtraFieldsAndBigIds() {
    String good = "{\"count\":1,\"results\":[{\"id\":5000000001,\"interviewer\":{\"id\":1,\"name\":\"A\","
        + "\"extra\":[1]},\"start\":\"2030-01-01T08:00:00Z\",\"end\":\"2030-01-01T08:30:00Z\",\"url\":\"/x/\"}],"
        + "\"next\":null,\"meta\":{\"a\":true}}";
    assertFalse(validate("/api/slots/", 200, good).hasErrors(), () -> validate("/api/slots/", 200, good).getMessages().toString());
    String bad = good.replace("5000000001", "\"5000000001\"");
    assertTrue(validate("/api/slots/", 200, bad).hasErrors(), "a string id is rejected");
    assertTrue(validate("/api/slots/", 200, "{\"results\":[]}").hasErrors(), "a missing count is rejected");
    assertFalse(validate("/api/slots/", 429, "{\"detail\":\"Request was throttled.\"}").hasErrors());
    assertTrue(validate("/api/slots/", 418, "{\"detail\":\"x\"}").hasErrors(), "an undocumented status is rejected");
  }

  private static ValidationReport validate(String path, int status, String body) {
    return TargetTestSupport.validator().validateResponse(path, Request.Method.GET,
        SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build());
  }

  private static Object extension(Map<String, Object> extensions, String where) {
    assertNotNull(extensions, where + " has no extensions");
    Object v = extensions.get(SETTING);
    assertNotNull(v, where + " has no " + SETTING);
    return v;
  }
}
