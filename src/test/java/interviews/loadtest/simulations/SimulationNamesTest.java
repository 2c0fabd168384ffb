package interviews.loadtest.simulations;

import interviews.loadtest.journeys.Login;
import interviews.loadtest.profiles.Burst;
import interviews.loadtest.profiles.Sustained;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** -Dsimulation=Name: the names the build accepts are exactly the simulations there are. */
class SimulationNamesTest {

  private static final Pattern RULE = Pattern.compile("<regex>([^<]+)</regex>\\s*<regexMessage>([^<]+)</regexMessage>");

  @Test
  void theBuildAcceptsExactlyTheSimulationsOfTheSuite() throws IOException, ClassNotFoundException {
    Matcher rule = RULE.matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(rule.find(), "the enforcer rule on -Dsimulation");
    TreeSet<String> accepted = new TreeSet<>(List.of(rule.group(1).split("\\|")));

    TreeSet<String> simulations = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/interviews/loadtest/simulations"))) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString().replace(".java", "");
        Class<?> type = Class.forName("interviews.loadtest.simulations." + name);
        if (Simulation.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
          simulations.add(name.replaceFirst("Simulation$", ""));
        }
      }
    }
    assertEquals(simulations, accepted);
    for (String name : simulations) {
      assertTrue(rule.group(2).contains(name), "the message lists " + name);
    }
  }

  @Test
  void anUnknownNameFailsTheBuildWithTheValidNames() throws IOException, InterruptedException {
    Process maven = new ProcessBuilder("./mvnw", "-B", "-o", "-q", "validate", "-Dsimulation=Brust")
        .redirectErrorStream(true).start();
    String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertNotEquals(0, maven.waitFor(), output);
    assertTrue(output.contains("Unknown simulation 'Brust': use -Dsimulation= one of Burst, Sustained, Login, Smoke"), output);

    Process known = new ProcessBuilder("./mvnw", "-B", "-o", "-q", "validate", "-Dsimulation=Sustained")
        .redirectErrorStream(true).start();
    String knownOutput = new String(known.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, known.waitFor(), knownOutput);
  }
}
