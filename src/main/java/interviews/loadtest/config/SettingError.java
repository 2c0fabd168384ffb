package interviews.loadtest.config;

/**
 * A wrong setting, said in one line that names the key, the value and what is allowed.
 * It is raised before any load is sent; its stack trace is of no use to the reader.
 */
public final class SettingError extends RuntimeException {

  public SettingError(String message) {
    super(message, null, false, false);
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
