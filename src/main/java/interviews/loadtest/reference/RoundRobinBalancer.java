package interviews.loadtest.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP load balancer on 127.0.0.1 for the reference target's instances: each accepted connection
 * goes to the next instance in turn (round robin per connection, as a layer-4 balancer does), and
 * bytes are copied both ways until either side closes. A load generator whose virtual users each
 * open their own connection (Gatling's default) is so spread per virtual user. It binds loopback
 * only and connects only to the ports it was given on loopback.
 */
public final class RoundRobinBalancer implements AutoCloseable {

  private static final int BUFFER = 16 * 1024;

  private final List<Integer> backendPorts;
  private final ServerSocket listener;
  private final ExecutorService pumps;
  private final Thread acceptor;
  private final AtomicLong next = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Listens on an ephemeral loopback port and spreads connections over these loopback ports. */
  public RoundRobinBalancer(List<Integer> backendPorts) throws IOException {
    if (backendPorts.isEmpty()) {
      throw new IllegalArgumentException("a balancer needs at least one instance");
    }
    this.backendPorts = List.copyOf(backendPorts);
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    AtomicInteger n = new AtomicInteger();
    this.pumps = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "balancer-pump-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.acceptor = new Thread(this::acceptLoop, "balancer-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** E.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** Connections open now (for tests). */
  public int openConnections() {
    return open.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      int port = backendPorts.get((int) (next.getAndIncrement() % backendPorts.size()));
      Socket backend = new Socket();
      try {
        client.setTcpNoDelay(true);
        backend.setTcpNoDelay(true);
        backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(backend);
        continue;
      }
      sockets.add(client);
      sockets.add(backend);
      open.incrementAndGet();
      AtomicInteger halves = new AtomicInteger(2);
      Runnable done = () -> {
        if (halves.decrementAndGet() == 0) {
          closeQuietly(client);
          closeQuietly(backend);
          sockets.remove(client);
          sockets.remove(backend);
          open.decrementAndGet();
        }
      };
      pumps.execute(() -> pump(client, backend, done));
      pumps.execute(() -> pump(backend, client, done));
    }
  }

  /** Copies from one socket to the other until end of stream, then half-closes the other's output. */
  private static void pump(Socket from, Socket to, Runnable done) {
    byte[] buffer = new byte[BUFFER];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // One side went away: close both.
      closeQuietly(from);
      closeQuietly(to);
    } finally {
      done.run();
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /** Stops accepting and closes every connection. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // nothing to do
    }
    sockets.forEach(RoundRobinBalancer::closeQuietly);
    pumps.shutdownNow();
    try {
      pumps.awaitTermination(5, TimeUnit.SECONDS);
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
