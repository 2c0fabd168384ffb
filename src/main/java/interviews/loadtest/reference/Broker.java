package interviews.loadtest.reference;

/**
 * Where the notification jobs wait for a worker, Celery's broker: a queue in the target's memory
 * ({@link InMemoryBroker}, the default) or a list on a Redis server ({@link RedisBroker}), as
 * {@code notifications.broker-url} says. Thread-safe; each worker takes jobs through a
 * {@link Consumer} of its own.
 */
interface Broker extends AutoCloseable {

  /**
   * The broker the settings name: a Redis list for a {@code broker-url}, with a connection for each
   * worker and request handler and one for the metrics; else a queue in memory.
   *
   * @throws IllegalStateException with one line naming the URL when the Redis server cannot be reached
   */
  static Broker of(TargetSettings s, String name) {
    if (s.broker == null) {
      return new InMemoryBroker();
    }
    return new RedisBroker(s.broker, s.queue, s.workers + s.handlers + 1, name + "-notifications");
  }

  /** Queues the notification job of a booked interview, stamped with the time now. */
  void push(long interviewId);

  /** A new way of taking jobs, for one worker. */
  Consumer consumer();

  /** Jobs waiting for a worker. */
  int depth();

  /** Age of the oldest job waiting for a worker, in seconds (0 when there is none). */
  double oldestAgeSeconds();

  /** Drops every job waiting: they name interviews of tables the target is about to re-create. */
  void purge();

  @Override
  void close();

  /** One worker's way of taking jobs, one at a time (no prefetch). */
  interface Consumer extends AutoCloseable {

    /**
     * The oldest job, taken off the broker, or null when none came within a short wait (at most
     * about a second), so that the worker can see that it should stop.
     *
     * @throws IllegalArgumentException for a message that is not a notification job (it is taken off, too)
     */
    Notifications.Job take() throws InterruptedException;

    @Override
    void close();
  }
}
