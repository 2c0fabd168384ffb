package interviews.loadtest.measure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Request names as HdrHistogram log tags. A tag ends at a comma and may not hold whitespace, so
 * every byte outside {@code [A-Za-z0-9._~-]} is written {@code %XX} (UTF-8): "Book slot" becomes
 * "Book%20slot".
 */
public final class HlogTags {

  private HlogTags() {}

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
