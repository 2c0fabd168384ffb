package interviews.loadtest.measure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The streams of histograms.hlog and their tags. Untagged: all requests. {@code Tag=<name>}: the
 * requests of one name. {@code Tag=ok:*} and {@code Tag=ok:<name>}: the same over the Gatling-OK
 * requests only. A tag ends at a comma and may not hold whitespace, so in a name every byte outside
 * {@code [A-Za-z0-9._~-]} is written {@code %XX} (UTF-8): "Book slot" becomes "Book%20slot"; an
 * encoded name never holds {@code :} or {@code *}, so no name's tag looks like an OK stream's.
 */
public final class HlogTags {

  /** What an OK-only stream's tag starts with. */
  public static final String OK_PREFIX = "ok:";
  /** After {@link #OK_PREFIX}: all requests. */
  private static final String ALL = "*";

  /**
   * One stream of the log.
   *
   * @param name the request name, or null for all requests
   * @param okOnly the Gatling-OK requests only
   */
  public record Stream(String name, boolean okOnly) {}

  private HlogTags() {}

  /** The tag of a stream; null for all requests, which are written untagged. */
  public static String tag(String name, boolean okOnly) {
    if (!okOnly) {
      return name == null ? null : encode(name);
    }
    return OK_PREFIX + (name == null ? ALL : encode(name));
  }

  /** The stream a tag (null: untagged) stands for. */
  public static Stream stream(String tag) {
    if (tag == null) {
      return new Stream(null, false);
    }
    if (tag.startsWith(OK_PREFIX)) {
      String rest = tag.substring(OK_PREFIX.length());
      return new Stream(rest.equals(ALL) ? null : decode(rest), true);
    }
    return new Stream(decode(tag), false);
  }

  public static String encode(String name) {
    StringBuilder sb = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '~' || c == '-') {
        sb.append(c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  public static String decode(String tag) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (c == '%' && i + 2 < tag.length()) {
        out.write(Integer.parseInt(tag.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
