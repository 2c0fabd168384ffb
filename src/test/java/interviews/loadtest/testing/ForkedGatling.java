package interviews.loadtest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs a simulation in a JVM of its own, as {@code mvn gatling:test} does: Gatling's main class,
 * the test class path, and the JVM arguments the pom gives the gatling-maven-plugin (read from
 * pom.xml, so a flag dropped there is dropped here too). Nothing of this JVM's environment reaches
 * the child but PATH; the child may be wrapped in another command (a tracer, a network namespace).
 *
 * <pre>{@code
 * ForkedGatling.Result r = new ForkedGatling(SmokeSimulation.class, dir).property("loadtest.x", "y").run();
 * assertEquals(0, r.exitCode());
 * }</pre>
 */
public final class ForkedGatling {

  /** What the child printed and how it ended. */
  public record Result(int exitCode, List<String> stdout, List<String> stderr) {
    /** Both streams, standard output first. */
    public List<String> allLines() {
      List<String> all = new ArrayList<>(stdout);
      all.addAll(stderr);
      return all;
    }
  }

  private final Class<?> simulation;
  private final Path resultsFolder;
  private final List<String> properties = new ArrayList<>();
  private final List<String> wrapper = new ArrayList<>();
  /** A signal ("TERM", "INT") sent {@link #signalDelay} after Gatling says the simulation started; null: none. */
  private String signal;
  private java.time.Duration signalDelay;

  public ForkedGatling(Class<?> simulation, Path resultsFolder) {
    this.simulation = simulation;
    this.resultsFolder = resultsFolder;
  }

  /** The folder the child's run folder and output go into. */
  public Path resultsFolder() {
    return resultsFolder;
  }

  /** A {@code -Dkey=value} for the child. */
  public ForkedGatling property(String key, String value) {
    properties.add("-D" + key + "=" + value);
    return this;
  }

  /** Runs the child as an argument of {@code command} ("strace", "-o", "f", ...). */
  public ForkedGatling wrappedIn(List<String> command) {
    wrapper.addAll(command);
    return this;
  }

  /**
   * Sends the child {@code signal} ("TERM" as a Jenkins abort does, "INT" as Ctrl-C does)
   * {@code delay} after it printed that its simulation started.
   */
  public ForkedGatling signalAfterStart(String signal, java.time.Duration delay) {
    this.signal = signal;
    this.signalDelay = delay;
    return this;
  }

  /** Runs the child to its end (at most {@code minutes}), collecting its output. */
  public Result run(int minutes) {
    try {
      Files.createDirectories(resultsFolder);
      Path out = resultsFolder.resolve("child.out");
      Path err = resultsFolder.resolve("child.err");
      List<String> command = new ArrayList<>(wrapper);
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(pluginJvmArgs());
      command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
      command.addAll(properties);
      // The run's result files go beside Gatling's run folder, under the test's folder.
      command.add("-Dloadtest.results.directory=" + resultsFolder.toAbsolutePath());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("io.gatling.app.Gatling");
      command.addAll(List.of("--simulation", simulation.getName(),
          "--results-folder", resultsFolder.toAbsolutePath().toString(), "--launcher", "maven"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      Map<String, String> env = builder.environment();
      String path = env.get("PATH");
      env.clear();
      env.put("PATH", path == null ? "/usr/bin:/bin" : path);
      Process process = builder.start();
      if (signal != null) {
        signalOnceStarted(process, out, minutes);
      }
      if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("the forked run of " + simulation.getSimpleName() + " did not end within "
            + minutes + " min");
      }
      return new Result(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
          Files.readAllLines(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Waits (at most {@code minutes}) for Gatling's "Simulation ... started", then the delay, then signals. */
  private void signalOnceStarted(Process process, Path out, int minutes) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    while (process.isAlive() && System.nanoTime() < deadline
        && Files.readAllLines(out, StandardCharsets.UTF_8).stream().noneMatch(l -> l.matches("Simulation .* started.*"))) {
      Thread.sleep(100);
    }
    Thread.sleep(signalDelay.toMillis());
    if (process.isAlive()) {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(1, TimeUnit.MINUTES) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
      }
    }
  }

  /** The {@code <jvmArgs>} of the gatling-maven-plugin in pom.xml. */
  public static List<String> pluginJvmArgs() {
    try {
      Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
      NodeList plugins = pom.getElementsByTagName("plugin");
      for (int i = 0; i < plugins.getLength(); i++) {
        Element plugin = (Element) plugins.item(i);
        if ("gatling-maven-plugin".equals(plugin.getElementsByTagName("artifactId").item(0).getTextContent().trim())) {
          List<String> args = new ArrayList<>();
          NodeList jvmArgs = plugin.getElementsByTagName("jvmArg");
          for (int j = 0; j < jvmArgs.getLength(); j++) {
            args.add(jvmArgs.item(j).getTextContent().trim());
          }
          return args;
        }
      }
      throw new AssertionError("pom.xml has no gatling-maven-plugin");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new AssertionError("pom.xml cannot be read: " + e, e);
    }
  }
}
