package interviews.loadtest.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP server on 127.0.0.1 (random port) for tests that run Gatling against something.
 *
 * <p>Paths: {@code /ok} (and any path not named here) → 200, {@code /fail} → 500, {@code /race} → 409, {@code /slow} → 200
 * after {@link #slowMillis} ms, {@code /mixed} → by a counter: every 10th request 500, every 10th
 * (offset 5) 409, every 10th (offset 7) slow, others 200. {@code /metrics} → the text set with
 * {@link #metricsText}. {@link #failAll} turns every answer into 500, {@link #slowAll} delays every
 * answer by the given milliseconds.
 */
public final class StubServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService pool;
  private final AtomicInteger counter = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private volatile boolean failAll;
  private volatile long slowAllMillis;
  private volatile long slowMillis = 120;
  private volatile String metricsText = "";

  public StubServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    pool = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "stub-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The port on 127.0.0.1, for a URL that names the stub by another host (see loopback-hosts). */
  public int port() {
    return server.getAddress().getPort();
  }

  public StubServer failAll(boolean on) {
    failAll = on;
    return this;
  }

  public StubServer slowAll(long millis) {
    slowAllMillis = millis;
    return this;
  }

  public StubServer slowMillis(long millis) {
    slowMillis = millis;
    return this;
  }

  public StubServer metricsText(String text) {
    metricsText = text;
    return this;
  }

  /** Requests answered so far. */
  public long requests() {
    return requests.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getPath();
      if (path.equals("/metrics")) {
        byte[] body = metricsText.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
        return;
      }
      requests.incrementAndGet();
      int status = 200;
      long delay = 0;
      switch (path) {
        case "/fail" -> status = 500;
        case "/race" -> status = 409;
        case "/slow" -> delay = slowMillis;
        case "/mixed" -> {
          int n = counter.getAndIncrement() % 10;
          if (n == 0) {
            status = 500;
          } else if (n == 5) {
            status = 409;
          } else if (n == 7) {
            delay = slowMillis;
          }
        }
        default -> { }
      }
      if (failAll) {
        status = 500;
      }
      delay = Math.max(delay, slowAllMillis);
      if (delay > 0) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
