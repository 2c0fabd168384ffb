package interviews.loadtest.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void secretsAreMaskedAtAnyDepthButNamesOfWhereTheyAreAreNot() {
    Map<String, Object> masked = Secrets.mask(Map.of(
        "database", Map.of("password", "Winter", "username", "sa"),
        "api", Map.of("token-field", "token", "auth-scheme", "Bearer", "api-token", "abc"),
        "list", List.of(Map.of("client-secret", "xyz"))));
    assertEquals(Map.of("password", Secrets.MASK, "username", "sa"), masked.get("database"));
    assertEquals(Map.of("token-field", "token", "auth-scheme", "Bearer", "api-token", Secrets.MASK), masked.get("api"));
    assertEquals(List.of(Map.of("client-secret", Secrets.MASK)), masked.get("list"));
  }
}
