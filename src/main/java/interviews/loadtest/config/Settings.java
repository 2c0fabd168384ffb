package interviews.loadtest.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads of one configuration, each refusing a wrong value with a {@link SettingError}
 * that names the key, the value and what is allowed.
 */
public final class Settings {

  private final Config config;

  public Settings(Config config) {
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /** A text that must not be blank. */
  public String text(String key) {
    String value = raw(key);
    if (value.isBlank()) {
      throw SettingError.of(key, value, "must not be empty");
    }
    return value;
  }

  /** A text that may be empty. */
  public String optionalText(String key) {
    return raw(key);
  }

  /** A text that must be one of the allowed words. */
  public String oneOf(String key, List<String> allowed) {
    String value = raw(key);
    if (!allowed.contains(value)) {
      throw SettingError.of(key, value, "must be one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** true or false. */
  public boolean flag(String key) {
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw SettingError.of(key, raw(key), "must be true or false");
    }
  }

  /** A number within [min, max]. */
  public double number(String key, double min, double max) {
    double value;
    try {
      value = config.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw SettingError.of(key, raw(key), "must be a number from " + plain(min) + " to " + plain(max));
    }
    if (!(value >= min && value <= max)) {
      throw SettingError.of(key, plain(value), "must be a number from " + plain(min) + " to " + plain(max));
    }
    return value;
  }

  /** A number above zero and at most max. */
  public double positive(String key, double max) {
    double value = number(key, -Double.MAX_VALUE, Double.MAX_VALUE);
    if (!(value > 0 && value <= max)) {
      throw SettingError.of(key, plain(value), "must be above 0 and at most " + plain(max));
    }
    return value;
  }

  /** A whole number within [min, max]. */
  public int whole(String key, int min, int max) {
    double value = number(key, min, max);
    if (value != Math.rint(value)) {
      throw SettingError.of(key, plain(value), "must be a whole number from " + min + " to " + max);
    }
    return (int) value;
  }

  /**
   * A whole number within [min, max], where the range is too wide for {@link #whole}, such as an
   * id. Every failure says the same: the value must be a whole number from min to max.
   */
  public long wholeLong(String key, long min, long max) {
    String allowed = "must be a whole number from " + min + " to " + max;
    Number value;
    try {
      value = config.getNumber(key);
    } catch (ConfigException.WrongType e) {
      throw SettingError.of(key, raw(key), allowed);
    }
    long whole;
    if (value instanceof Double) {
      double d = value.doubleValue();
      if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
        throw SettingError.of(key, raw(key), allowed);
      }
      whole = (long) d;
    } else {
      whole = value.longValue();
    }
    if (whole < min || whole > max) {
      throw SettingError.of(key, raw(key), allowed);
    }
    return whole;
  }

  /** A duration within [min, max], written like 30s, 500ms or 10m. */
  public Duration duration(String key, Duration min, Duration max) {
    Duration value;
    try {
      value = config.getDuration(key);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw SettingError.of(key, raw(key), "must be a duration such as 500ms, 30s or 10m");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw SettingError.of(key, raw(key), "must be a duration from " + human(min) + " to " + human(max));
    }
    return value;
  }

  /**
   * A duration within [min, max] that is a whole number of {@code unit}, such as milliseconds or
   * seconds, for what is kept or sent in that unit: {@code 1500ms} is no Retry-After.
   */
  public Duration duration(String key, Duration min, Duration max, ChronoUnit unit) {
    Duration value = duration(key, min, max);
    if (!value.equals(value.truncatedTo(unit))) {
      String units = unit == ChronoUnit.MILLIS ? "milliseconds" : unit.toString().toLowerCase(Locale.ROOT);
      throw SettingError.of(key, raw(key), "must be a whole number of " + units + " from " + human(min) + " to " + human(max));
    }
    return value;
  }

  /** An absolute http or https URL, or empty when {@code emptyAllowed}. */
  public String httpUrl(String key, boolean emptyAllowed) {
    String value = raw(key).trim();
    if (value.isEmpty() && emptyAllowed) {
      return "";
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw SettingError.of(key, value, "must be an absolute http:// or https:// URL with a host");
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        throw SettingError.of(key, value, "must be a base URL without query or fragment");
      }
    } catch (URISyntaxException e) {
      throw SettingError.of(key, value, "is not a URL: " + e.getReason());
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  /** A list of numbers, each within [min, max], of exactly {@code size} entries. */
  public List<Double> numbers(String key, int size, double min, double max) {
    List<Double> values;
    try {
      values = config.getDoubleList(key);
    } catch (ConfigException e) {
      throw SettingError.of(key, raw(key), "must be a list of " + size + " numbers");
    }
    if (values.size() != size) {
      throw SettingError.of(key, values, "must be a list of exactly " + size + " numbers, has " + values.size());
    }
    for (double value : values) {
      if (!(value >= min && value <= max)) {
        throw SettingError.of(key, values, "every entry must be from " + plain(min) + " to " + plain(max));
      }
    }
    return values;
  }

  /** The value as written, for error messages. */
  public String raw(String key) {
    if (!config.hasPath(key)) {
      throw new SettingError(key + " is missing");
    }
    Object value = config.getValue(key).unwrapped();
    return String.valueOf(value);
  }

  static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
  }

  static String human(Duration duration) {
    if (duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.toSeconds();
    if (seconds == 0) {
      return "0s";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
