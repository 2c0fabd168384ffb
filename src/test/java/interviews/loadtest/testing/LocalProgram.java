package interviews.loadtest.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real program from the distribution's packages (node_exporter, redis-server, PostgreSQL,
 * Prometheus...) started by a test on 127.0.0.1 and a port the test chose, and stopped by it.
 * {@link #require} skips the test with the package to install when the program is absent; CI
 * installs them all (.ci/run), so there they always run. Output goes to a log file the failure
 * message points at.
 */
public final class LocalProgram implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private LocalProgram(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** The program's path, or the test is skipped saying which Debian package brings it. */
  public static Path require(String program, String debianPackage) {
    Optional<Path> found = find(program);
    Assumptions.assumeTrue(found.isPresent(), program + " is not installed here: apt-get install " + debianPackage
        + " (.ci/run installs it, so CI runs this test)");
    return found.get();
  }

  /** {@code program} on the PATH, in /usr/sbin, or in PostgreSQL's versioned bin folder. */
  public static Optional<Path> find(String program) {
    List<Path> dirs = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      dirs.add(Path.of(d));
    }
    dirs.add(Path.of("/usr/sbin"));
    Path pg = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(pg)) {
      try (Stream<Path> versions = Files.list(pg)) {
        versions.sorted(Comparator.reverseOrder()).forEach(v -> dirs.add(v.resolve("bin")));
      } catch (IOException e) {
        // none
      }
    }
    return dirs.stream().map(d -> d.resolve(program)).filter(Files::isExecutable).findFirst();
  }

  /** A port on 127.0.0.1 that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts {@code command} with these extra environment variables, its output in {@code logDir}. */
  public static LocalProgram start(String name, List<String> command, Map<String, String> env, Path logDir) {
    try {
      Path log = logDir.resolve(name + ".log");
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      return new LocalProgram(name, pb.start(), log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** Waits until the program accepts TCP connections on 127.0.0.1:{@code port}. */
  public LocalProgram awaitPort(int port) {
    Await.until(name + " listening on 127.0.0.1:" + port + " (log: " + log + ")", () -> {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ": " + tail());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return true;
      } catch (IOException e) {
        return false;
      }
    });
    return this;
  }

  /** The last lines of its output. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Runs a short command to its end (initdb), failing with its output when it fails. */
  public static void run(String name, List<String> command, Path logDir) {
    LocalProgram p = start(name, command, Map.of(), logDir);
    try {
      if (!p.process.waitFor(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        p.close();
        throw new AssertionError(name + " did not finish: " + p.tail());
      }
      if (p.process.exitValue() != 0) {
        throw new AssertionError(name + " failed with " + p.process.exitValue() + ": " + p.tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Stops it: TERM, then KILL after 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
