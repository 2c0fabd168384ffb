package interviews.loadtest.results.summary;

/** How summary.json rounds its figures: means to 3 decimals, shares and server values to 6. */
public final class Rounding {

  private Rounding() {}

  /** {@code v} to 3 decimals: 120.4567 gives 120.457. */
  public static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /** {@code v} to 6 decimals: a share such as 0.0050001 gives 0.005. */
  public static double round6(double v) {
    return Math.round(v * 1_000_000.0) / 1_000_000.0;
  }
}
