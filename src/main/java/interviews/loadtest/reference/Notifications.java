package interviews.loadtest.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;

/**
 * The Celery analogue: each booking enqueues one notification job on an in-memory queue; a fixed
 * number of worker threads take jobs in order, spend the configured delay on each (the e-mail and
 * calendar call; plus the {@link Drift}'s job slowdown), then set {@code notification_status = 'sent'} in the database.
 *
 * <p>A job of an interview cancelled meanwhile still runs (like a Celery task that does not check),
 * but only turns a {@code pending} status into {@code sent}. Jobs still waiting when the target
 * closes are dropped, as with a non-persistent broker.
 */
public final class Notifications implements AutoCloseable {

  record Job(long interviewId, long enqueuedNanos) {
  }

  private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final List<Thread> workers = new ArrayList<>();
  private final Database db;
  private final Knobs knobs;
  private final DoubleConsumer lagObserver;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean running = true;

  Notifications(int workerCount, Database db, Knobs knobs, DoubleConsumer lagSecondsObserver, String name) {
    this.db = db;
    this.knobs = knobs;
    this.lagObserver = lagSecondsObserver;
    for (int i = 0; i < workerCount; i++) {
      Thread t = new Thread(this::work, name + "-notification-worker-" + (i + 1));
      t.setDaemon(true);
      workers.add(t);
    }
    workers.forEach(Thread::start);
  }

  /** Queues the notification job of a booked interview. */
  public void enqueue(long interviewId) {
    if (running) {
      queue.add(new Job(interviewId, System.nanoTime()));
    }
  }

  int depth() {
    return queue.size();
  }

  /** Age of the oldest job still waiting for a worker, in seconds (0 when the queue is empty). */
  double oldestAgeSeconds() {
    Job head = queue.peek();
    return head == null ? 0.0 : Math.max(0L, System.nanoTime() - head.enqueuedNanos()) / 1e9;
  }

  long completed() {
    return completed.get();
  }

  long failed() {
    return failed.get();
  }

  int workers() {
    return workers.size();
  }

  private void work() {
    while (running) {
      Job job;
      try {
        job = queue.poll(200, TimeUnit.MILLISECONDS);
        if (job == null) {
          continue;
        }
        knobs.awaitJobDelay();
      } catch (InterruptedException e) {
        return;
      }
      try {
        db.markNotificationSent(job.interviewId());
        completed.incrementAndGet();
        lagObserver.accept((System.nanoTime() - job.enqueuedNanos()) / 1e9);
      } catch (Exception e) {
        if (!running) {
          return;
        }
        failed.incrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    workers.forEach(Thread::interrupt);
    for (Thread t : workers) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    queue.clear();
  }
}
