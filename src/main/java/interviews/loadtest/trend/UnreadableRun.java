package interviews.loadtest.trend;

/** A run folder whose summary.json (or capacity.json) cannot be used, and why, in one line. */
final class UnreadableRun extends Exception {

  UnreadableRun(String message) {
    super(message, null, false, false);
  }
}
