package interviews.loadtest.scaling;

/**
 * The plan cannot be made from these results: no capacity.json, one of another format, or a search
 * without the figure the plan needs. One line that says what is missing and what to run; no stack
 * trace.
 */
public final class ScalingInputError extends RuntimeException {

  public ScalingInputError(String message) {
    super(message, null, false, false);
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
