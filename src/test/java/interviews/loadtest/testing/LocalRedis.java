package interviews.loadtest.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A throw-away Redis server from Debian's redis-server package on 127.0.0.1 and a free port,
 * without persistence (its working folder is the test's log folder), stopped by {@link #close}.
 */
public final class LocalRedis implements AutoCloseable {

  private final int port;
  private final LocalProgram server;

  private LocalRedis(int port, LocalProgram server) {
    this.port = port;
    this.server = server;
  }

  /** Starts a server, or skips the test when redis-server is not installed. */
  public static LocalRedis start(Path logs) {
    Path redis = LocalProgram.require("redis-server", "redis-server");
    int port = LocalProgram.freePort();
    LocalProgram server = LocalProgram.start("redis-server", List.of(redis.toString(), "--port", String.valueOf(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", logs.toString()), Map.of(), logs);
    return new LocalRedis(port, server.awaitPort(port));
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }
}
