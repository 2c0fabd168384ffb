package interviews.loadtest.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A Prometheus text endpoint on 127.0.0.1 (random port) whose answer a test computes on every
 * request: {@code /metrics} answers {@code text.get()}, anything else 404. It keeps the last
 * Authorization header it was sent.
 */
public final class MetricsServer implements AutoCloseable {

  private final HttpServer server;
  private final AtomicInteger scrapes = new AtomicInteger();
  private volatile String lastAuthorization;

  public MetricsServer(Supplier<String> text) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", ex -> {
      try (ex) {
        lastAuthorization = ex.getRequestHeaders().getFirst("Authorization");
        boolean metrics = ex.getRequestURI().getPath().equals("/metrics");
        byte[] body = (metrics ? text.get() : "not found").getBytes(StandardCharsets.UTF_8);
        if (metrics) {
          scrapes.incrementAndGet();
        }
        ex.sendResponseHeaders(metrics ? 200 : 404, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  /** {@code http://127.0.0.1:PORT/metrics}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
  }

  /** Scrapes answered so far. */
  public int scrapes() {
    return scrapes.get();
  }

  /** The Authorization header of the latest request, or null. */
  public String lastAuthorization() {
    return lastAuthorization;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
