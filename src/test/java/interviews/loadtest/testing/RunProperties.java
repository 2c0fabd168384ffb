package interviews.loadtest.testing;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@code -D} settings of the runs a test starts in this JVM: set as system properties, and
 * cleared after each test whatever happened, so none leaks into the next test. Register it with
 * {@code @RegisterExtension final RunProperties properties = new RunProperties();}.
 */
public final class RunProperties implements AfterEachCallback {

  /** The one health check before a run waits only against a hang: it has no speed to prove. */
  public static final Map<String, String> PATIENT_HEALTH_CHECK =
      Map.of("loadtest.target.health-check-timeout", Await.PATIENCE.toSeconds() + "s");

  /**
   * Recruiters that think 100 to 300 ms and look for their notification every 200 ms, so a journey
   * takes a second or two, and {@link #PATIENT_HEALTH_CHECK}.
   */
  public static final Map<String, String> FAST_RECRUITERS = with(PATIENT_HEALTH_CHECK, Map.of(
      "loadtest.think-time.min", "100ms",
      "loadtest.think-time.max", "300ms",
      "loadtest.booking.notification.poll-interval", "200ms"));

  private final Set<String> keys = new LinkedHashSet<>();

  /** {@code base} with {@code more} on top, as a new map. */
  public static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(base);
    all.putAll(more);
    return all;
  }

  /** Sets {@code settings} (keys and values of {@code -D}) until the test ends or {@link #clear()}. */
  public void set(Map<String, String> settings) {
    settings.forEach((key, value) -> {
      keys.add(key);
      System.setProperty(key, value);
    });
  }

  /** Clears every setting set so far. */
  public void clear() {
    keys.forEach(System::clearProperty);
    keys.clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clear();
  }
}
