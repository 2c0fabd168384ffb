package interviews.loadtest.profiles;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The daily booking volume, an open model. The day is cut into its 24 UTC hours, each with its
 * share of the day's bookings (even, or shaped by working hours), and replayed at real-time rates
 * ({@code compression} 1, the default) or {@code compression} times faster: compression 144 plays
 * the whole day in 10 minutes at 144 times the rate. The run lasts {@code duration} of wall-clock
 * time from {@code startHour} on, by default the day's busiest hour.
 *
 * <p>Example: a busy day (4,000) by working hours, real time, 1 h from the busiest hour (09:00,
 * 10/95.2 of the day): 420 journeys, 0.117 a second, 0.014 times the Burst rate (8.33 a second).
 * Compressed 144 times, that hour peaks at 16.8 a second, twice the Burst rate.
 */
public record Sustained(double bookingsPerDay, List<Double> hourlyWeights, double compression,
    Duration duration, int startHour, String shape, double burstPerSecond) {

  static final double SECONDS_PER_HOUR = 3600;
  static final String PREFIX = "loadtest.profiles.sustained.";
  /** The start hour that means the day's busiest hour. */
  public static final String BUSIEST = "busiest";

  /** Reads {@code loadtest.profiles.sustained}, and Burst's rate to compare with. */
  public static Sustained from(Settings s) {
    String shape = s.oneOf(PREFIX + "shape", List.of("even", "working-hours"));
    List<Double> weights = shape.equals("even")
        ? Collections.nCopies(24, 1.0)
        : s.numbers(PREFIX + "hourly-weights", 24, 0, 1_000_000);
    if (weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw SettingError.of(PREFIX + "hourly-weights", weights, "needs at least one hour above 0");
    }
    return new Sustained(bookingsPerDay(s), List.copyOf(weights),
        s.number(PREFIX + "compression", 1, 86_400),
        s.duration(PREFIX + "duration", Duration.ofSeconds(1), Duration.ofHours(48)),
        startHour(s, weights), shape,
        s.positive("loadtest.profiles.burst.bookings-per-minute", 1_000_000) / 60.0);
  }

  private static int startHour(Settings s, List<Double> weights) {
    String key = PREFIX + "start-hour";
    String hour = s.text(key).trim();
    if (hour.equals(BUSIEST)) {
      return busiestHour(weights);
    }
    if (!hour.matches("[0-9]{1,2}") || Integer.parseInt(hour) > 23) {
      throw SettingError.of(key, hour, "must be " + BUSIEST + " or a whole hour from 0 to 23");
    }
    return Integer.parseInt(hour);
  }

  /** The first hour of the day with the highest weight. */
  static int busiestHour(List<Double> weights) {
    int busiest = 0;
    for (int hour = 1; hour < weights.size(); hour++) {
      if (weights.get(hour) > weights.get(busiest)) {
        busiest = hour;
      }
    }
    return busiest;
  }

  /** The first hour of the day with the highest weight. */
  public int busiestHour() {
    return busiestHour(hourlyWeights);
  }

  private static double bookingsPerDay(Settings s) {
    String key = PREFIX + "day";
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

  /** The highest rate the run offers, journeys per second of wall-clock time. */
  public double peakPerSecond() {
    return segments().stream().mapToDouble(Segment::perSecond).max().orElse(0);
  }

  /** The mean rate over the run, journeys per second of wall-clock time. */
  public double meanPerSecond() {
    return expectedJourneys() / Burst.seconds(duration);
  }

  /** The peak rate as a multiple of the Burst rate ({@code loadtest.profiles.burst.bookings-per-minute}). */
  public double peakToBurst() {
    return peakPerSecond() / burstPerSecond;
  }

  /** True when the run offers more than the Burst rate at its peak. */
  public boolean heavierThanBurst() {
    return peakPerSecond() > burstPerSecond;
  }

  /**
   * What the run offers, e.g. "real time: peak 0.117/s = 0.014 x Burst, mean 0.117/s" or
   * "compressed 144x: peak 16.8/s = 2.0 x Burst, mean 8.07/s".
   */
  public String rates() {
    String pace = compression == 1 ? "real time" : "compressed " + significant(compression, 3) + "x";
    return pace + ": peak " + significant(peakPerSecond(), 3) + "/s = " + ratio(peakToBurst()) + " x Burst, mean "
        + significant(meanPerSecond(), 3) + "/s";
  }

  /** One line for the console and the run summary. */
  public String describe() {
    return String.format(Locale.ROOT,
        "Sustained: %s; %.0f bookings a day, %s, %ds from %02d:00 UTC%s (an hour lasts %ss), %.0f journeys",
        rates(), bookingsPerDay, shape, duration.toSeconds(), startHour,
        startHour == busiestHour() ? ", the busiest hour" : "", significant(secondsPerHour(), 4), expectedJourneys());
  }

  /** {@code value} to {@code digits} significant digits, without trailing zeros: 16.8, 0.117, 8.4, 144. */
  static String significant(double value, int digits) {
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
  }

  /** A ratio to two significant digits, trailing zero kept: 2.0, 0.014. */
  static String ratio(double value) {
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value).round(new MathContext(2, RoundingMode.HALF_UP)).toPlainString();
  }
}
