package interviews.loadtest.capacity;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import interviews.loadtest.journeys.Booking;
import interviews.loadtest.journeys.Login;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The capacity search's settings, {@code loadtest.capacity}: which journey, which models, the
 * steps and the limits no step may pass. A wrong value, a ceiling below its start, a step that
 * does not grow, a journey that does not exist or a search longer than {@code loadtest.max-duration}
 * is refused in one line naming the key, before any load.
 *
 * @param journey Booking or Login
 * @param open the open-model search (arrival rate), or null when not run
 * @param closed the closed-model search (concurrent users), or null when not run
 * @param maxDuration the whole search's time budget, drains included
 * @param warmUp the first part of every step, measured but not judged
 * @param judged the judged part of every step (it may end early on a clear breach)
 * @param resolution refining stops once the first bad load is within this share above the last good one
 * @param borderline a step whose closest figure is within this share of its limit is measured once more
 * @param drainTimeout after a bad step, at most this long without load for the journeys still in progress to end
 * @param thinkTime the journeys' thinking ({@code loadtest.think-time}), in words: "1s to 3s"
 */
public record CapacitySettings(
    String journey,
    Open open,
    Closed closed,
    Duration maxDuration,
    Duration warmUp,
    Duration judged,
    double resolution,
    double borderline,
    Duration drainTimeout,
    String thinkTime) {

  /** The journeys a search can drive. */
  public static final List<String> JOURNEYS = List.of(Booking.NAME, Login.NAME);
  /**
   * The highest ceiling a search may have: the load generator offers journeys at the ceiling and
   * admits the step's share, so a ceiling far above the target's speed only costs the generator.
   */
  public static final double MAX_RATE = 1000;
  /** The models a search can run, in the order they run. */
  public static final List<String> MODELS = List.of("open", "closed");

  /**
   * The open model: journeys arrive at a rate whatever the system's speed.
   *
   * @param startRate journeys a second of the first step
   * @param maxRate the ceiling: no step offers more
   * @param growth each bracketing step offers this many times the last good one (> 1)
   * @param minAchieved a step is good only if this share of the offered journeys a second end
   */
  public record Open(double startRate, double maxRate, double growth, double minAchieved) {}

  /**
   * The closed model: a number of users, each starting its next journey when the last one ended.
   *
   * @param startUsers users of the first step
   * @param maxUsers the ceiling: no step runs more
   * @param growth each bracketing step runs this many times the last good one (> 1)
   */
  public record Closed(int startUsers, int maxUsers, double growth) {}

  /** Reads {@code loadtest.capacity}, checked against {@code loadtest.max-duration} too. */
  public static CapacitySettings from(Settings s) {
    String key = "loadtest.capacity.";
    String journey = s.text(key + "journey");
    String known = JOURNEYS.stream().filter(j -> j.equalsIgnoreCase(journey.trim())).findFirst().orElse(null);
    if (known == null) {
      throw SettingError.of(key + "journey", journey, "is no journey; use one of " + String.join(", ", JOURNEYS));
    }
    List<String> models;
    try {
      models = s.config().getStringList(key + "models").stream().map(m -> m.trim().toLowerCase(Locale.ROOT)).toList();
    } catch (com.typesafe.config.ConfigException e) {
      throw SettingError.of(key + "models", s.raw(key + "models"), "must be a list of open, closed or both");
    }
    if (models.isEmpty() || !MODELS.containsAll(models) || models.stream().distinct().count() != models.size()) {
      throw SettingError.of(key + "models", models, "must be [open], [closed] or [open, closed]");
    }
    Open open = null;
    if (models.contains("open")) {
      double start = s.positive(key + "open.start-rate", MAX_RATE);
      double max = s.positive(key + "open.max-rate", MAX_RATE);
      if (max < start) {
        throw SettingError.of(key + "open.max-rate", s.raw(key + "open.max-rate"),
            "is below open.start-rate (" + s.raw(key + "open.start-rate") + "): the ceiling must be at least the first step");
      }
      open = new Open(start, max, growth(s, key + "open.growth"), s.number(key + "open.min-achieved", 0.5, 1.0));
    }
    Closed closed = null;
    if (models.contains("closed")) {
      int start = s.whole(key + "closed.start-users", 1, 100_000);
      int max = s.whole(key + "closed.max-users", 1, 100_000);
      if (max < start) {
        throw SettingError.of(key + "closed.max-users", s.raw(key + "closed.max-users"),
            "is below closed.start-users (" + start + "): the ceiling must be at least the first step");
      }
      closed = new Closed(start, max, growth(s, key + "closed.growth"));
    }
    Duration budget = s.duration(key + "max-duration", Duration.ofSeconds(10), Duration.ofHours(24));
    Duration warmUp = s.duration(key + "warm-up", Duration.ZERO, Duration.ofMinutes(30));
    Duration judged = s.duration(key + "step", Duration.ofSeconds(2), Duration.ofMinutes(30));
    double resolution = s.number(key + "resolution", 0.001, 1.0);
    if (resolution == 0) {
      throw SettingError.of(key + "resolution", 0, "must be above 0");
    }
    double borderline = s.number(key + "borderline", 0, 0.5);
    Duration drain = s.duration(key + "drain-timeout", Duration.ZERO, Duration.ofMinutes(30));
    Duration oneStep = warmUp.plus(judged);
    int runs = models.size();
    if (budget.compareTo(oneStep.multipliedBy(runs)) < 0) {
      throw SettingError.of(key + "max-duration", s.raw(key + "max-duration"),
          "is shorter than one step (warm-up + step = " + oneStep.toSeconds() + "s) per model searched");
    }
    // loadtest.max-duration = auto follows the search; a fixed one must hold it.
    boolean fixedLimit = !"auto".equals(s.raw("loadtest.max-duration").trim());
    if (fixedLimit && budget.plus(SLACK).compareTo(s.duration("loadtest.max-duration", Duration.ofSeconds(1),
        Duration.ofDays(365))) > 0) {
      throw SettingError.of(key + "max-duration", s.raw(key + "max-duration"),
          "plus " + SLACK.toSeconds() + "s to end is longer than loadtest.max-duration (" + s.raw("loadtest.max-duration")
              + "); shorten the search or raise loadtest.max-duration");
    }
    String think = s.raw("loadtest.think-time.min") + " to " + s.raw("loadtest.think-time.max");
    return new CapacitySettings(known, open, closed, budget, warmUp, judged, resolution, borderline, drain, think);
  }

  /** Time the run needs beyond the search: the last journeys and the last step's bookkeeping. */
  public static final Duration SLACK = Duration.ofSeconds(15);

  private static double growth(Settings s, String key) {
    double growth = s.number(key, 0, 100);
    if (!(growth > 1)) {
      throw SettingError.of(key, s.raw(key), "must be above 1: each bracketing step must offer more than the last");
    }
    return growth;
  }

  /** How long the run's load lasts at most: the search's budget and the slack to end. */
  public Duration runLength() {
    return maxDuration.plus(SLACK);
  }

  /** The load at most: for the console, the summary and the approval above the Burst rate. */
  public String ceilings() {
    StringBuilder b = new StringBuilder();
    if (open != null) {
      b.append(String.format(Locale.ROOT, "at most %s journeys/s", Numbers.plain(open.maxRate())));
    }
    if (closed != null) {
      b.append(b.length() > 0 ? ", " : "").append("at most ").append(closed.maxUsers()).append(" concurrent users");
    }
    return b.toString();
  }

  /** One line for the console and the run summary. */
  public String describe() {
    StringBuilder b = new StringBuilder("Capacity: ").append(journey);
    if (open != null) {
      b.append(String.format(Locale.ROOT, "; open model from %s journeys/s (x%s) up to %s",
          Numbers.plain(open.startRate()), Numbers.plain(open.growth()), Numbers.plain(open.maxRate())));
    }
    if (closed != null) {
      b.append(String.format(Locale.ROOT, "; closed model from %d users (x%s) up to %d",
          closed.startUsers(), Numbers.plain(closed.growth()), closed.maxUsers()));
    }
    b.append(String.format(Locale.ROOT, "; steps %ds warm-up + %ds judged, resolution %s%%, at most %ds",
        warmUp.toSeconds(), judged.toSeconds(), Numbers.plain(resolution * 100), maxDuration.toSeconds()));
    return b.toString();
  }
}
