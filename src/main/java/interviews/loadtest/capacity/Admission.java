package interviews.loadtest.capacity;

/**
 * What the load generator may do right now, set by the search and asked by every Gatling user.
 * Gatling fixes its injection when the run is built, so the run offers the ceiling and this
 * decides who goes:
 *
 * <ul>
 *   <li>open model: journeys arrive at the ceiling rate; each asks {@link #admitArrival()}, which
 *       lets through exactly the step's share of them, evenly spaced (a credit of rate / ceiling per
 *       arrival, one journey per whole credit); the others end at once and send nothing;
 *   <li>closed model: the ceiling number of users, seat 1 to the ceiling, wait; a seat runs journeys
 *       one after the other while its number is at most the step's users ({@link #seatActive}).
 * </ul>
 *
 * So no step ever loads the target more than the ceiling. Thread-safe.
 */
public final class Admission {

  private final double ceilingRate;
  private volatile String model = "";
  private volatile double rate;
  private volatile int users;
  private volatile boolean done;
  private double credit;

  /** @param ceilingRate the rate at which journeys arrive (the open model's ceiling), 0 when there is no open model */
  Admission(double ceilingRate) {
    this.ceilingRate = ceilingRate;
  }

  /** Open model at {@code journeysPerSecond} (at most the ceiling). */
  synchronized void open(double journeysPerSecond) {
    if (journeysPerSecond > ceilingRate) {
      throw new IllegalArgumentException("rate " + journeysPerSecond + " above the ceiling " + ceilingRate);
    }
    model = "open";
    rate = journeysPerSecond;
    credit = Math.min(credit, 1);
  }

  /** Closed model with {@code count} users busy. */
  synchronized void closed(int count) {
    model = "closed";
    users = count;
  }

  /** No new journey at all (between steps, while the target drains). */
  synchronized void pause() {
    model = "";
    rate = 0;
    users = 0;
    credit = 0;
  }

  /** The search is over: every user ends, and the run with them. */
  void finish() {
    pause();
    done = true;
  }

  boolean done() {
    return done;
  }

  /** An arriving journey of the open model: true lets it run, false ends it at once. */
  public synchronized boolean admitArrival() {
    if (!"open".equals(model) || ceilingRate <= 0) {
      return false;
    }
    credit += rate / ceilingRate;
    if (credit >= 1 - 1e-9) {
      credit -= 1;
      return true;
    }
    return false;
  }

  /** Whether the closed model's seat {@code seat} (1, 2, ...) runs a journey now. */
  public boolean seatActive(long seat) {
    return "closed".equals(model) && seat <= users;
  }
}
