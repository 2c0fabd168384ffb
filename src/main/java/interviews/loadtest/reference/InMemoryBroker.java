package interviews.loadtest.reference;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The default broker: the jobs wait in a queue in the target's memory, so jobs still waiting when
 * the target closes are dropped, as with a non-persistent broker.
 */
final class InMemoryBroker implements Broker {

  private final LinkedBlockingQueue<Notifications.Job> queue = new LinkedBlockingQueue<>();

  @Override
  public void push(long interviewId) {
    queue.add(new Notifications.Job(interviewId, System.nanoTime()));
  }

  @Override
  public Consumer consumer() {
    return new Consumer() {
      @Override
      public Notifications.Job take() throws InterruptedException {
        return queue.poll(200, TimeUnit.MILLISECONDS);
      }

      @Override
      public void close() {
        // Nothing of its own.
      }
    };
  }

  @Override
  public int depth() {
    return queue.size();
  }

  @Override
  public double oldestAgeSeconds() {
    Notifications.Job head = queue.peek();
    return head == null ? 0.0 : Math.max(0L, System.nanoTime() - head.enqueuedNanos()) / 1e9;
  }

  @Override
  public void purge() {
    queue.clear();
  }

  @Override
  public void close() {
    queue.clear();
  }
}
