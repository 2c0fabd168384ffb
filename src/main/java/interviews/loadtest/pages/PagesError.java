package interviews.loadtest.pages;

/**
 * The pages cannot be checked at all: a program missing, a browser that does not start, no page
 * where the command was pointed. One line that says what to install or set; no stack trace.
 */
public final class PagesError extends RuntimeException {

  public PagesError(String message) {
    super(message, null, false, false);
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
