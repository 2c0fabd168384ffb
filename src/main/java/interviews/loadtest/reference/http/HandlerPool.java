package interviews.loadtest.reference.http;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The capacity model: W request handlers, like gunicorn workers. A request on an API route holds
 * one for its whole processing; when all are busy it waits, unless {@code queue-limit} requests
 * are already waiting: then it is answered 503 at once.
 */
final class HandlerPool {

  private final int size;
  private final int queueLimit;
  private final Semaphore handlers;
  private final AtomicInteger waiting = new AtomicInteger();

  HandlerPool(int size, int queueLimit) {
    this.size = size;
    this.queueLimit = queueLimit;
    this.handlers = new Semaphore(size, true);
  }

  /** Takes a handler, waiting for one if need be; each call is followed by one {@link #release}. */
  void acquire() throws ApiException {
    try {
      if (handlers.tryAcquire(0, TimeUnit.MILLISECONDS)) {
        return;
      }
      if (waiting.incrementAndGet() > queueLimit) {
        waiting.decrementAndGet();
        throw new ApiException(503, "Server busy: all " + size + " request handlers are busy and "
            + queueLimit + " requests are waiting.").header("Retry-After", "1");
      }
      try {
        handlers.acquire();
      } finally {
        waiting.decrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "The server is shutting down.");
    }
  }

  void release() {
    handlers.release();
  }

  int busy() {
    return size - handlers.availablePermits();
  }

  int waiting() {
    return waiting.get();
  }
}
