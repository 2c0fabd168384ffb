package interviews.loadtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import interviews.loadtest.safety.TargetGuard;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tests never see the environment of the shell or CI job that runs them. */
class EnvironmentTest {

  @Test
  void theTestsRunWithoutTheEnvironmentThoughThereIsOne() {
    assertEquals("none", System.getProperty(Environment.PROPERTY), "surefire sets it (pom.xml)");
    assertNotNull(System.getenv("PATH"), "the real environment is there");
    assertFalse(System.getenv().isEmpty());
    assertEquals(Map.of(), Environment.variables());
    // So the suite's two readers of the environment see nothing either.
    assertEquals(ConfigLayers.load(System.getProperties(), Map.of(), Path.of("")), ConfigLayers.load());
    assertEquals(System.getProperty("user.name", "unknown"), TargetGuard.operator());
  }

  @Test
  void withoutThePropertyTheEnvironmentIsRead() {
    String before = System.clearProperty(Environment.PROPERTY);
    try {
      assertEquals(System.getenv(), Environment.variables());
      System.setProperty(Environment.PROPERTY, "all");
      assertEquals(System.getenv(), Environment.variables(), "only 'none' switches it off");
    } finally {
      if (before == null) {
        System.clearProperty(Environment.PROPERTY);
      } else {
        System.setProperty(Environment.PROPERTY, before);
      }
    }
  }
}
