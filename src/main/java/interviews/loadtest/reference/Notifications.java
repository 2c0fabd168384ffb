package interviews.loadtest.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;

/**
 * The Celery analogue: each booking enqueues one notification job on the {@link Broker} (a queue
 * in memory, or a Redis list); a fixed number of worker threads take jobs in order, one at a time,
 * spend the configured delay on each (the e-mail and calendar call; plus the {@link Drift}'s job
 * slowdown), then set {@code notification_status = 'sent'} in the database.
 *
 * <p>A job of an interview cancelled meanwhile still runs (like a Celery task that does not check),
 * but only turns a {@code pending} status into {@code sent}. When the target closes, the workers
 * stop (within about a second on Redis) and the jobs still waiting are dropped from memory, or left
 * on the Redis list, as with a persistent broker.
 */
public final class Notifications implements AutoCloseable {

  /** A job: the interview to notify about, and when it was queued, on {@code System.nanoTime()}'s scale. */
  record Job(long interviewId, long enqueuedNanos) {
  }

  private final Broker broker;
  private final List<Thread> workers = new ArrayList<>();
  private final Database db;
  private final Knobs knobs;
  private final DoubleConsumer lagObserver;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean running = true;

  /** Starts the workers; the broker is theirs from now on, and closed with them. */
  Notifications(int workerCount, Broker broker, Database db, Knobs knobs, DoubleConsumer lagSecondsObserver,
      String name) {
    this.broker = broker;
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
      broker.push(interviewId);
    }
  }

  /** Jobs waiting for a worker (on Redis, the list's length). */
  int depth() {
    return broker.depth();
  }

  /** Age of the oldest job still waiting for a worker, in seconds (0 when the queue is empty). */
  double oldestAgeSeconds() {
    return broker.oldestAgeSeconds();
  }

  long completed() {
    return completed.get();
  }

  /** Jobs whose update failed, and messages on the broker that were no notification job. */
  long failed() {
    return failed.get();
  }

  int workers() {
    return workers.size();
  }

  private void work() {
    try (Broker.Consumer consumer = broker.consumer()) {
      while (running) {
        Job job;
        try {
          job = consumer.take();
          if (job == null) {
            continue;
          }
          knobs.awaitJobDelay();
        } catch (InterruptedException e) {
          return;
        } catch (IllegalArgumentException e) {
          failed.incrementAndGet(); // a message that is no notification job: taken off, and counted
          continue;
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
        break;
      }
    }
    broker.close();
  }
}
