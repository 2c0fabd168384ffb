package interviews.loadtest.measure;

import java.util.List;
import java.util.Locale;

/**
 * Why a request failed, in a few words: the keys of {@code errorsByCause} in summary.json.
 *
 * <p>A failure without a response is classified from Gatling's own failure message (which the
 * results layer reads off Gatling's statistics, see {@code gatling.StatsTap}); one with a response from
 * its status and whether it was Gatling's status check that failed.
 *
 * <ul>
 *   <li>{@value #CONNECTION_REFUSED}: nothing listens on the target's port (the target is down,
 *       restarting, or refuses connections).
 *   <li>{@value #CONNECTION_CLOSED}: the connection was reset or closed before a whole response
 *       arrived (the target died or dropped the connection mid-request).
 *   <li>{@value #TIMEOUT}: no response within {@code gatling.http.requestTimeout}, or no TCP
 *       connection within {@code gatling.socket.connectTimeout}.
 *   <li>{@value #OTHER_NETWORK}: no response for another reason (DNS, TLS, a request Gatling could
 *       not build); Gatling's report has the message.
 *   <li>{@value #NO_RESPONSE}: no response, and Gatling's message was not available (only if the
 *       results layer could not read it from this Gatling version).
 *   <li>{@value #THROTTLED}: the target answered 429 Too Many Requests: a rate limit, not a crash,
 *       but the recruiter was not served.
 *   <li>{@value #HTTP_5XX} / {@value #HTTP_4XX}: the status check failed on a 5xx / 4xx status,
 *       e.g. a 500 where 200 was expected, or a 409 the request does not accept.
 *   <li>{@value #REDIRECT}: the target answered a 3xx redirect. The suite never follows one, so
 *       that no request can be led to a host the target guard has not allowed; a redirect usually
 *       means a path set without its trailing slash.
 *   <li>{@value #UNEXPECTED_STATUS}: the status check failed on a 1xx or 2xx status, e.g. 200
 *       where 201 was expected.
 *   <li>{@value #CHECK_FAILED}: the status was as expected but another check failed, e.g. the
 *       notification was not sent in time, or a field was missing from the body.
 * </ul>
 */
public final class ErrorCause {

  public static final String CONNECTION_REFUSED = "connection refused";
  public static final String CONNECTION_CLOSED = "connection closed";
  public static final String TIMEOUT = "timeout";
  public static final String OTHER_NETWORK = "other network error";
  public static final String NO_RESPONSE = "no response";
  public static final String THROTTLED = "throttled (429)";
  public static final String HTTP_5XX = "HTTP 5xx";
  public static final String HTTP_4XX = "HTTP 4xx";
  public static final String REDIRECT = "redirect not followed";
  public static final String UNEXPECTED_STATUS = "unexpected status";
  public static final String CHECK_FAILED = "check failed";

  /** Every cause, in the order the console line lists them. */
  public static final List<String> ALL = List.of(CONNECTION_REFUSED, CONNECTION_CLOSED, TIMEOUT, OTHER_NETWORK,
      NO_RESPONSE, THROTTLED, HTTP_5XX, HTTP_4XX, REDIRECT, UNEXPECTED_STATUS, CHECK_FAILED);

  /** Gatling names its status check "status", so its failure messages start with this. */
  private static final String STATUS_CHECK = "status.";

  private ErrorCause() {}

  /**
   * The cause of a failed request.
   *
   * @param status the response's HTTP status, or 0 when there was no response
   * @param gatlingMessage Gatling's failure message, or null when it is not known
   * @return one of the constants of this class
   */
  public static String of(int status, String gatlingMessage) {
    if (status == 0) {
      return noResponse(gatlingMessage);
    }
    // No request of the suite expects a 3xx (redirects are never followed), so without Gatling's
    // message a 3xx, like a 4xx or 5xx, failed the status check.
    boolean statusCheck = gatlingMessage == null ? status >= 300 : gatlingMessage.startsWith(STATUS_CHECK);
    if (!statusCheck) {
      return CHECK_FAILED;
    }
    if (status == 429) {
      return THROTTLED;
    }
    if (status >= 300 && status < 400) {
      return REDIRECT;
    }
    return status >= 500 ? HTTP_5XX : status >= 400 ? HTTP_4XX : UNEXPECTED_STATUS;
  }

  /** The cause of a failure without a response, from Gatling's message (an exception's). */
  static String noResponse(String gatlingMessage) {
    if (gatlingMessage == null) {
      return NO_RESPONSE;
    }
    String m = gatlingMessage.toLowerCase(Locale.ROOT);
    if (m.contains("refused")) {
      return CONNECTION_REFUSED;
    }
    if (m.contains("timeout") || m.contains("timed out")) {
      return TIMEOUT;
    }
    if (m.contains("reset") || m.contains("close") || m.contains("broken pipe") || m.contains("eof")
        || m.contains("aborted")) {
      return CONNECTION_CLOSED;
    }
    return OTHER_NETWORK;
  }

  /** The errorsByMessage key of a failure without a response. */
  static String noResponseMessage(String cause) {
    return switch (cause) {
      case CONNECTION_REFUSED -> "no response: connection refused";
      case CONNECTION_CLOSED -> "no response: connection closed";
      case TIMEOUT -> "no response: timeout";
      case OTHER_NETWORK -> "no response: other network error";
      default -> "no response (cause unknown)";
    };
  }
}
