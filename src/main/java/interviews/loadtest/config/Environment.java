package interviews.loadtest.config;

import java.util.Map;

/**
 * The environment variables the suite reads ({@code LOADTEST_*} settings, the CI's build user):
 * {@code System.getenv()}, or none at all when the JVM runs with
 * {@code -Dloadtest-suite.environment=none}. The suite's own tests run that way (pom.xml), so a
 * shell or a CI job whose variables aim the load at staging cannot aim the tests there.
 */
public final class Environment {

  /** The system property that switches the environment off with the value {@code none}. */
  public static final String PROPERTY = "loadtest-suite.environment";

  private Environment() {}

  /** The process's environment variables, or an empty map when {@link #PROPERTY} is {@code none}. */
  public static Map<String, String> variables() {
    return "none".equals(System.getProperty(PROPERTY)) ? Map.of() : System.getenv();
  }
}
