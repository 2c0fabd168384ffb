package interviews.loadtest.reference.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error answered as {@code {"detail": "..."}} with the given status. */
final class ApiException extends Exception {

  final int status;
  final Map<String, String> headers = new LinkedHashMap<>();

  ApiException(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  ApiException header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
