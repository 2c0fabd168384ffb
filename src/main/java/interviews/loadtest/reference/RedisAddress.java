package interviews.loadtest.reference;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the Redis notification broker is, read from a {@code redis://HOST[:PORT][/DB]} URL (port
 * 6379 and database 0 when left out): the URL as written, for messages, and its parts.
 */
record RedisAddress(String url, String host, int port, int database) {

  static final int DEFAULT_PORT = 6379;
  /** What {@link #parse} takes, for messages. */
  static final String FORM = "redis://HOST[:PORT][/DB], such as redis://127.0.0.1:6379/0";
  private static final Pattern URL = Pattern.compile(
      "redis://(?<host>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+])(?::(?<port>[0-9]{1,5}))?"
          + "(?:/(?<db>[0-9]{1,5})?)?");

  /** The address of a Redis URL, or null when the text is not one (or its port is not 1 to 65535). */
  static RedisAddress parse(String url) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      return null;
    }
    String host = m.group("host");
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = m.group("port") == null ? DEFAULT_PORT : Integer.parseInt(m.group("port"));
    if (port < 1 || port > 65535) {
      return null;
    }
    int database = m.group("db") == null ? 0 : Integer.parseInt(m.group("db"));
    return new RedisAddress(url, host, port, database);
  }
}
