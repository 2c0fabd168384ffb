package interviews.loadtest.trend;

/** Nothing to compare: no current run, a history folder that is not there. Said in one line. */
final class TrendInputError extends RuntimeException {

  TrendInputError(String message) {
    super(message, null, false, false);
  }
}
