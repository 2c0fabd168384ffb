package interviews.loadtest.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every core of the machine busy while it is open, as a loaded CI agent or a watchdog that
 * fires because the machine is loaded would: one spinning thread per core, in this JVM, at normal
 * priority, so a forked run competes with them for every core.
 *
 * <pre>{@code
 * try (BusyCores busy = BusyCores.all()) { ... run something that must hold under load ... }
 * }</pre>
 */
public final class BusyCores implements AutoCloseable {

  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  /** Read after close, so the spinning cannot be optimised away. */
  private volatile long sink;

  private BusyCores(int count) {
    for (int i = 0; i < count; i++) {
      Thread t = new Thread(this::spin, "busy-core-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** One spinning thread per available processor. */
  public static BusyCores all() {
    return new BusyCores(Runtime.getRuntime().availableProcessors());
  }

  private void spin() {
    long x = Thread.currentThread().getId();
    while (running) {
      for (int i = 0; i < 1_000_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    sink = x;
  }

  /** How many threads spin. */
  public int threads() {
    return threads.size();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(10_000);
    }
  }
}
