package interviews.loadtest.config;

import com.typesafe.config.Config;
import interviews.loadtest.slo.DriftPlan;
import interviews.loadtest.slo.Slo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the suite reads from {@code loadtest.*}, typed and checked. Profiles read their own
 * blocks (see the profiles package); this holds what every simulation shares.
 */
public record SuiteSettings(
    String baseUrl,
    Duration healthCheckTimeout,
    ApiSettings api,
    FeederFiles feeders,
    ThinkTime thinkTime,
    BookingSettings booking,
    List<Slo> slos,
    DriftPlan drift,
    Optional<Duration> maxDuration,
    Settings settings) {

  /** Reads and checks the configuration of this JVM (-D, environment, files). */
  public static SuiteSettings load() {
    return from(ConfigLayers.load(), Path.of(""));
  }

  /** Reads and checks one configuration; file paths are resolved against {@code baseDir}. */
  public static SuiteSettings from(Config config, Path baseDir) {
    Settings s = new Settings(config);
    return new SuiteSettings(
        s.httpUrl("loadtest.target.base-url", true),
        s.duration("loadtest.target.health-check-timeout", Duration.ofMillis(100), Duration.ofMinutes(2)),
        ApiSettings.from(s),
        FeederFiles.from(s, baseDir),
        ThinkTime.from(s),
        BookingSettings.from(s),
        SloSettings.from(s),
        DriftSettings.from(s),
        maxDuration(s),
        s);
  }

  /** {@code loadtest.max-duration}: empty for {@code auto}. */
  private static Optional<Duration> maxDuration(Settings s) {
    String key = "loadtest.max-duration";
    if ("auto".equals(s.raw(key).trim())) {
      return Optional.empty();
    }
    try {
      return Optional.of(s.duration(key, Duration.ofSeconds(1), Duration.ofHours(48)));
    } catch (SettingError e) {
      throw SettingError.of(key, s.raw(key), "must be auto (the profile's length and 10m) or a duration from 1s to 48h");
    }
  }

  /** What {@code loadtest.max-duration = auto} adds to a profile's length: room for its last journeys. */
  public static final Duration AUTO_MAX_DURATION_SLACK = Duration.ofMinutes(10);

  /**
   * The hard limit of a run whose profile injects for {@code length}: {@code loadtest.max-duration},
   * or with {@code auto} the length and {@link #AUTO_MAX_DURATION_SLACK}.
   */
  public Duration maxDurationFor(Duration length) {
    return maxDuration.orElse(length.plus(AUTO_MAX_DURATION_SLACK));
  }

  /** True when no target is configured and the embedded reference target is to be started. */
  public boolean embeddedTarget() {
    return baseUrl.isEmpty();
  }

  /** The contract's paths, the token field of the login response and the Authorization scheme. */
  public record ApiSettings(
      String healthPath, String loginPath, String slotsPath, String interviewsPath,
      String interviewPath, String tokenField, String authScheme) {

    static ApiSettings from(Settings s) {
      String interview = path(s, "loadtest.api.paths.interview");
      if (!interview.contains("{id}")) {
        throw SettingError.of("loadtest.api.paths.interview", interview, "must contain {id}");
      }
      String tokenField = s.text("loadtest.api.token-field");
      if (!tokenField.matches("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*")) {
        throw SettingError.of("loadtest.api.token-field", tokenField,
            "must be a JSON field name, dots reaching into objects (token, data.access_token)");
      }
      String scheme = s.text("loadtest.api.auth-scheme");
      if (!scheme.matches("[A-Za-z][A-Za-z0-9._~+/-]*")) {
        throw SettingError.of("loadtest.api.auth-scheme", scheme, "must be one word such as Bearer or Token");
      }
      return new ApiSettings(path(s, "loadtest.api.paths.health"), path(s, "loadtest.api.paths.login"),
          path(s, "loadtest.api.paths.slots"), path(s, "loadtest.api.paths.interviews"),
          interview, tokenField, scheme);
    }

    private static String path(Settings s, String key) {
      String value = s.text(key);
      if (!value.startsWith("/") || value.contains("?") || value.contains("#") || value.contains(" ")) {
        throw SettingError.of(key, value, "must be a path starting with / without query, fragment or spaces");
      }
      return value;
    }

    /** The interview path for one id, e.g. /api/interviews/42/. */
    public String interviewPath(Object id) {
      return interviewPath.replace("{id}", String.valueOf(id));
    }

    /** JSONPath of the token in the login response. */
    public String tokenJsonPath() {
      return "$." + tokenField;
    }
  }

  /** Where the feeders and body templates are, as absolute paths. */
  public record FeederFiles(Path users, Path candidates, Path loginBody, Path bookingBody) {
    static FeederFiles from(Settings s, Path baseDir) {
      return new FeederFiles(file(s, baseDir, "loadtest.feeders.users"), file(s, baseDir, "loadtest.feeders.candidates"),
          file(s, baseDir, "loadtest.feeders.login-body"), file(s, baseDir, "loadtest.feeders.booking-body"));
    }

    private static Path file(Settings s, Path baseDir, String key) {
      return baseDir.resolve(s.text(key)).toAbsolutePath().normalize();
    }
  }

  /** A recruiter's pause between two steps, uniform in [min, max]. */
  public record ThinkTime(Duration min, Duration max) {
    static ThinkTime from(Settings s) {
      Duration min = s.duration("loadtest.think-time.min", Duration.ZERO, Duration.ofMinutes(10));
      Duration max = s.duration("loadtest.think-time.max", Duration.ZERO, Duration.ofMinutes(10));
      if (max.compareTo(min) < 0) {
        throw SettingError.of("loadtest.think-time.max", s.raw("loadtest.think-time.max"),
            "must not be shorter than loadtest.think-time.min (" + s.raw("loadtest.think-time.min") + ")");
      }
      return new ThinkTime(min, max);
    }
  }

  /** How the booking journey searches, races, waits for the notification and cancels. */
  public record BookingSettings(
      int searchDays, int pageSize, int maxRaceRetries, double cancelShare,
      Duration pollInterval, Duration notificationTimeout) {
    static BookingSettings from(Settings s) {
      Duration poll = s.duration("loadtest.booking.notification.poll-interval", Duration.ofMillis(50), Duration.ofMinutes(1));
      Duration timeout = s.duration("loadtest.booking.notification.timeout", Duration.ofMillis(100), Duration.ofMinutes(30));
      if (poll.compareTo(timeout) > 0) {
        throw SettingError.of("loadtest.booking.notification.poll-interval", s.raw("loadtest.booking.notification.poll-interval"),
            "must not be longer than loadtest.booking.notification.timeout (" + s.raw("loadtest.booking.notification.timeout") + ")");
      }
      return new BookingSettings(
          s.whole("loadtest.booking.search-days", 1, 366),
          s.whole("loadtest.booking.page-size", 1, 100),
          s.whole("loadtest.booking.max-race-retries", 0, 20),
          s.number("loadtest.booking.cancel-share", 0, 1),
          poll, timeout);
    }
  }
}
