package interviews.loadtest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster from Debian's postgresql package: initdb into a fresh folder,
 * the server on 127.0.0.1 and a free port (its socket in that folder), trust authentication for
 * the user {@code postgres}, stopped and deleted by {@link #close}. PostgreSQL refuses to run as
 * root, so under root it runs as the package's {@code postgres} user.
 */
public final class LocalPostgres implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final LocalProgram server;

  private LocalPostgres(Path dir, int port, LocalProgram server) {
    this.dir = dir;
    this.port = port;
    this.server = server;
  }

  /** Starts a cluster with that {@code max_connections}, or skips the test when PostgreSQL is not installed. */
  public static LocalPostgres start(int maxConnections, Path logs) throws IOException {
    Path initdb = LocalProgram.require("initdb", "postgresql");
    Path postgres = LocalProgram.require("postgres", "postgresql");
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("loadtest-pg-");
    if (root) {
      UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, owner);
      Files.setOwner(logs, owner);
    }
    Path data = dir.resolve("data");
    LocalProgram.run("initdb", as(root, List.of(initdb.toString(), "-D", data.toString(), "-U", "postgres",
        "--auth=trust", "--no-sync", "-E", "UTF8")), logs);
    int port = LocalProgram.freePort();
    LocalProgram server = LocalProgram.start("postgres", as(root, List.of(postgres.toString(), "-D", data.toString(),
        "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + dir,
        "-c", "max_connections=" + maxConnections, "-c", "fsync=off")), Map.of(), logs);
    return new LocalPostgres(dir, port, server.awaitPort(port));
  }

  private static List<String> as(boolean root, List<String> command) {
    if (!root) {
      return command;
    }
    List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    c.addAll(command);
    return c;
  }

  public int port() {
    return port;
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/postgres}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** The DSN postgres_exporter reads from {@code DATA_SOURCE_NAME}. */
  public String exporterDsn() {
    return "postgresql://postgres@127.0.0.1:" + port + "/postgres?sslmode=disable";
  }

  @Override
  public void close() {
    server.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left in the temporary folder
    }
  }
}
