package interviews.loadtest.reference;

import java.util.Locale;

/**
 * The route names the reference target uses everywhere: in metric labels, in the per-route
 * service-time knob and in the admin path.
 */
public enum Route {
  HEALTH(false),
  LOGIN(true),
  SLOTS(true),
  BOOK(true),
  INTERVIEW(true),
  CANCEL(true),
  METRICS(false),
  ADMIN(false),
  UNKNOWN(false);

  private final boolean pooled;

  Route(boolean pooled) {
    this.pooled = pooled;
  }

  /** The label used in metrics and knobs, e.g. {@code book}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a request on this route takes one of the bounded request handlers (and so can carry
   * an added service time). Health, metrics, admin and unknown routes never wait for a handler,
   * so monitoring keeps working while the API is saturated.
   */
  public boolean pooled() {
    return pooled;
  }

  /** The route with this label, or {@code null}. */
  public static Route fromLabel(String label) {
    for (Route r : values()) {
      if (r.label().equals(label)) {
        return r;
      }
    }
    return null;
  }

  /** Labels of the routes that accept a service time, for error messages. */
  public static String pooledLabels() {
    StringBuilder sb = new StringBuilder();
    for (Route r : values()) {
      if (r.pooled) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(r.label());
      }
    }
    return sb.toString();
  }
}
