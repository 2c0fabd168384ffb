package interviews.loadtest.profiles;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The daily booking volume, an open model. The day is cut into its 24 UTC hours, each with its
 * share of the day's bookings (even, or shaped by working hours), and replayed {@code compression}
 * times faster than real time: compression 144 plays the whole day in 10 minutes at 144 times the
 * rate. The run lasts {@code duration} of wall-clock time from {@code startHour} on.
 *
 * <p>Example: 2,000 a day, even, compression 1: 0.023 journeys a second for as long as it runs.
 */
public record Sustained(double bookingsPerDay, List<Double> hourlyWeights, double compression,
    Duration duration, int startHour, String shape) {

  static final double SECONDS_PER_HOUR = 3600;

  /** Reads {@code loadtest.profiles.sustained}. */
  public static Sustained from(Settings s) {
    String prefix = "loadtest.profiles.sustained.";
    String shape = s.oneOf(prefix + "shape", List.of("even", "working-hours"));
    List<Double> weights = shape.equals("even")
        ? Collections.nCopies(24, 1.0)
        : s.numbers(prefix + "hourly-weights", 24, 0, 1_000_000);
    if (weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw SettingError.of(prefix + "hourly-weights", weights, "needs at least one hour above 0");
    }
    return new Sustained(bookingsPerDay(s), List.copyOf(weights),
        s.number(prefix + "compression", 1, 86_400),
        s.duration(prefix + "duration", Duration.ofSeconds(1), Duration.ofHours(48)),
        s.whole(prefix + "start-hour", 0, 23), shape);
  }

  private static double bookingsPerDay(Settings s) {
    String key = "loadtest.profiles.sustained.day";
    String day = s.text(key);
    if (day.matches("[0-9]+(\\.[0-9]+)?")) {
      return s.positive(key, 100_000_000);
    }
    String preset = "loadtest.profiles.sustained.presets." + day;
    if (!s.config().hasPath(preset)) {
      List<String> names = new ArrayList<>(s.config().getConfig("loadtest.profiles.sustained.presets").root().keySet());
      Collections.sort(names);
      throw SettingError.of(key, day, "must be a number of bookings a day or a preset: " + String.join(", ", names));
    }
    return s.positive(preset, 100_000_000);
  }

  /** One stretch of the run at a constant rate. */
  public record Segment(double seconds, double perSecond) {
    /** Journeys started in this stretch. */
    public double journeys() {
      return seconds * perSecond;
    }
  }

  /** How long one business hour lasts on the wall clock. */
  public double secondsPerHour() {
    return SECONDS_PER_HOUR / compression;
  }

  /** Journeys started per second of wall-clock time during business hour {@code hour}. */
  public double perSecondInHour(int hour) {
    double total = hourlyWeights.stream().mapToDouble(Double::doubleValue).sum();
    double bookingsThatHour = bookingsPerDay * hourlyWeights.get(hour) / total;
    return bookingsThatHour / secondsPerHour();
  }

  /** The run as constant-rate stretches, hour by hour from the start hour, cut at the duration. */
  public List<Segment> segments() {
    List<Segment> segments = new ArrayList<>();
    double left = Burst.seconds(duration);
    int hour = startHour;
    while (left > 1e-9) {
      double length = Math.min(secondsPerHour(), left);
      segments.add(new Segment(length, perSecondInHour(hour)));
      left -= length;
      hour = (hour + 1) % 24;
    }
    return segments;
  }

  /** Journeys the whole run starts. */
  public double expectedJourneys() {
    return segments().stream().mapToDouble(Segment::journeys).sum();
  }

  /** Gatling's injection steps. */
  public OpenInjectionStep[] injection() {
    return segments().stream()
        .map(seg -> {
          Duration length = Duration.ofNanos(Math.round(seg.seconds() * 1e9));
          return seg.perSecond() == 0 ? nothingFor(length) : constantUsersPerSec(seg.perSecond()).during(length);
        })
        .toArray(OpenInjectionStep[]::new);
  }

  /** One line for the console and the run summary. */
  public String describe() {
    return String.format(Locale.ROOT,
        "Sustained: %.0f bookings a day, %s, compression %.0fx (an hour lasts %.1fs), %ds from %02d:00 UTC, %.0f journeys",
        bookingsPerDay, shape, compression, secondsPerHour(), duration.toSeconds(), startHour, expectedJourneys());
  }
}
