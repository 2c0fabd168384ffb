package interviews.loadtest.safety;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Masks values whose key names a secret, at any depth. */
public final class Secrets {

  public static final String MASK = "****";
  private static final String[] WORDS = {"password", "passwd", "secret", "token", "authorization", "apikey", "api-key", "api_key", "credential"};

  private Secrets() {}

  /**
   * True when the key names a secret ("password", "api-token"), not where one is found or how it
   * is sent ("token-field", "auth-scheme").
   */
  public static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.endsWith("field") || k.endsWith("scheme") || k.endsWith("file")) {
      return false;
    }
    for (String w : WORDS) {
      if (k.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** A copy of {@code config} (keys in order) with secret values replaced by {@link #MASK}. */
  public static Map<String, Object> mask(Map<String, ?> config) {
    Map<String, Object> out = new LinkedHashMap<>();
    config.forEach((k, v) -> out.put(k, isSecretKey(k) && v != null ? MASK : maskValue(v)));
    return out;
  }

  private static Object maskValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, val) -> copy.put(String.valueOf(k), val));
      return mask(copy);
    }
    if (v instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(x -> copy.add(maskValue(x)));
      return copy;
    }
    return v;
  }
}
