package interviews.loadtest.reference.http;

import interviews.loadtest.reference.Route;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a request's path to its {@link Route} and the methods the path allows. With the
 * APPEND_SLASH dialect, a known path less its trailing slash resolves to a redirect to it.
 */
final class Router {

  private static final Pattern INTERVIEW_PATH = Pattern.compile("^/api/interviews/([0-9]{1,18})/$");

  /**
   * A request resolved to a route; {@code allow} lists the methods of its path, {@code id} is the
   * interview id of the path. {@code redirect} is the Location of an APPEND_SLASH redirect to the
   * route's path, else {@code null}.
   */
  record Resolved(Route route, String allow, long id, String redirect) {
    Resolved(Route route, String allow, long id) {
      this(route, allow, id, null);
    }

    boolean allows(String method) {
      for (String m : allow.split(",\\s*")) {
        if (m.equals(method)) {
          return true;
        }
      }
      return false;
    }
  }

  private final boolean adminEnabled;
  private final Dialect dialect;

  Router(boolean adminEnabled, Dialect dialect) {
    this.adminEnabled = adminEnabled;
    this.dialect = dialect;
  }

  /** The route of the request; with the APPEND_SLASH dialect, a known path less its slash redirects. */
  Resolved resolve(String method, URI uri) {
    String path = uri.getRawPath();
    Resolved r = resolve(method, path);
    String slashed = dialect.withSlash(path);
    if (r.route() == Route.UNKNOWN && slashed != null) {
      Resolved target = resolve(method, slashed);
      if (target.route() != Route.UNKNOWN) {
        return new Resolved(target.route(), target.allow(), target.id(), Dialect.location(slashed, uri.getRawQuery()));
      }
    }
    return r;
  }

  private Resolved resolve(String method, String path) {
    if (path == null) {
      return new Resolved(Route.UNKNOWN, "", 0);
    }
    switch (path) {
      case "/api/health/":
        return new Resolved(Route.HEALTH, "GET", 0);
      case "/api/login/":
        return new Resolved(Route.LOGIN, "POST", 0);
      case "/api/slots/":
        return new Resolved(Route.SLOTS, "GET", 0);
      case "/api/interviews/":
        return new Resolved(Route.BOOK, "POST", 0);
      case "/metrics":
        return new Resolved(Route.METRICS, "GET", 0);
      case "/admin/knobs":
        return adminEnabled ? new Resolved(Route.ADMIN, "GET, POST", 0) : new Resolved(Route.UNKNOWN, "", 0);
      default:
        Matcher m = INTERVIEW_PATH.matcher(path);
        if (m.matches()) {
          long id = Long.parseLong(m.group(1));
          return new Resolved("DELETE".equals(method) ? Route.CANCEL : Route.INTERVIEW, "GET, DELETE", id);
        }
        return new Resolved(Route.UNKNOWN, "", 0);
    }
  }
}
