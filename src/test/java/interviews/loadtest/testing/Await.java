package interviews.loadtest.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for a condition instead of for a time: a test polls the state it needs rather than
 * sleeping and hoping the machine was quick enough.
 *
 * <pre>{@code
 * Await.until("the worker took the job", () -> queue.depth() == 0);
 * Map<String, Double> m = Await.until("4 busy handlers", () -> scrape(client), s -> s.get("busy") == 4.0);
 * }</pre>
 *
 * <p>The deadline, {@link #PATIENCE}, only stops a test that would otherwise hang; it measures no
 * speed and is far above anything even a badly overloaded machine needs.
 */
public final class Await {

  /** How long a condition may take before the test is declared hung. */
  public static final Duration PATIENCE = Duration.ofSeconds(60);

  private Await() {}

  /** Polls {@code probe} until {@code done} holds for its value, and returns that value. */
  public static <T> T until(String what, Supplier<T> probe, Predicate<? super T> done) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() - deadline > 0) {
        String seen = String.valueOf(last);
        throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + "; last seen: "
            + (seen.length() > 2000 ? seen.substring(0, 2000) + "..." : seen));
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
      last = probe.get();
    }
    return last;
  }

  /** Polls {@code condition} until it holds. */
  public static void until(String what, BooleanSupplier condition) {
    until(what, condition::getAsBoolean, Boolean::booleanValue);
  }
}
