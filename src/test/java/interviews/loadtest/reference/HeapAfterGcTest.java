package interviews.loadtest.reference;

import static interviews.loadtest.reference.TargetTestSupport.metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.reference.TargetTestSupport.Client;
import interviews.loadtest.testing.Await;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code jvm_memory_heap_after_gc_bytes}, the series the memory-growth drift SLO reads by default,
 * sees a leak through the young collections a busy JVM makes anyway: no full collection is asked
 * for (the JVM's own after-collection usage of G1's old generation would not move without one).
 */
class HeapAfterGcTest {

  private static final String HEAP_AFTER_GC = "jvm_memory_heap_after_gc_bytes";
  private static final long LEAK = 32L << 20;

  /** Garbage for the young collector; its sum is read so that nothing optimises it away. */
  private static long churn() {
    long sum = 0;
    for (int i = 0; i < 64; i++) {
      byte[] garbage = new byte[1 << 20];
      sum += garbage.length;
    }
    return sum;
  }

  @Test
  void aLeakShowsInTheHeapAfterTheLatestCollectionWithoutAFullOne() {
    try (ReferenceTarget target = TargetTestSupport.start(Map.of("drift.memory-leak-per-request", "512KiB",
        "drift.memory-leak-cap", LEAK))) {
      Client client = new Client(target);
      // A baseline after a few young collections.
      for (int i = 0; i < 16; i++) {
        churn();
      }
      double before = metrics(client).get(HEAP_AFTER_GC);
      assertTrue(before > 0, HEAP_AFTER_GC + " = " + before);
      while (target.drift().leakedBytes() < LEAK) {
        assertEquals(401, client.get("/api/slots/", null).status());
      }
      // Young collections promote the kept bytes; the series follows them.
      double grown = Await.until("the heap after collection to grow by half the leak",
          () -> {
            churn();
            return metrics(client).get(HEAP_AFTER_GC) - before;
          },
          g -> g >= LEAK / 2.0);
      assertTrue(grown >= LEAK / 2.0);
    }
  }
}
