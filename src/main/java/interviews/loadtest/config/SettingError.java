package interviews.loadtest.config;

/**
 * A wrong setting, said in one line that names the key, the value and what is allowed.
 * It is raised before any load is sent; its stack trace is of no use to the reader.
 */
public final class SettingError extends IllegalArgumentException {

  public SettingError(String message) {
    super(message);
  }

  /** Its stack trace would only point into the suite; the message says it all. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /** A key whose value is not allowed: {@code loadtest.x = 'v': must be ...}. */
  public static SettingError of(String key, Object value, String allowed) {
    return new SettingError(key + " = '" + value + "': " + allowed);
  }

  @Override
  public String toString() {
    return "Setting error: " + getMessage();
  }
}
