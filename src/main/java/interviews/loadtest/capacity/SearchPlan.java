package interviews.loadtest.capacity;

import java.util.OptionalDouble;

/**
 * Which load to try next: the search's plan, apart from time and measurement so that it can be
 * tested alone. It brackets fast, then refines:
 *
 * <ol>
 *   <li>from {@code start}, each good step is followed by one {@code growth} times higher (never
 *       above {@code ceiling}): 2, 4, 8, 16 journeys a second;
 *   <li>should the first step already be bad, each bad one is followed by one {@code growth} times
 *       lower, down to a floor;
 *   <li>once a good and a bad load are known, the next is half-way between the highest good and the
 *       lowest bad (bisection), until the bad one is within {@code resolution} above the good one.
 * </ol>
 *
 * A search whose every step was good up to the ceiling ends there: the answer is "at least the
 * ceiling". Loads of a closed model ({@code whole}) are whole users.
 */
final class SearchPlan {

  /** Why the plan has no next load. */
  enum End {
    /** The last good and first bad load are within the resolution. */
    RESOLVED,
    /** Every step up to the ceiling was good. */
    CEILING,
    /** Every step down to the floor was bad. */
    FLOOR
  }

  private final double start;
  private final double ceiling;
  private final double growth;
  private final double resolution;
  private final boolean whole;
  private final double floor;
  private double lastGood = Double.NaN;
  private double firstBad = Double.NaN;
  private End end;

  SearchPlan(double start, double ceiling, double growth, double resolution, boolean whole) {
    if (!(start > 0 && ceiling >= start && growth > 1 && resolution > 0)) {
      throw new IllegalArgumentException("a plan needs 0 < start <= ceiling, growth > 1 and resolution > 0");
    }
    this.start = whole ? Math.round(start) : start;
    this.ceiling = whole ? Math.floor(ceiling) : ceiling;
    this.growth = growth;
    this.resolution = resolution;
    this.whole = whole;
    // Six steps down at most: a target that fails at a 64th of the first step is not searched further.
    this.floor = whole ? 1 : start / 64;
  }

  /** The next load to try, or empty once the plan is done ({@link #end()} says why). */
  OptionalDouble next() {
    if (end != null) {
      return OptionalDouble.empty();
    }
    if (Double.isNaN(lastGood) && Double.isNaN(firstBad)) {
      return OptionalDouble.of(start);
    }
    if (Double.isNaN(firstBad)) {
      if (lastGood >= ceiling) {
        return done(End.CEILING);
      }
      double up = Math.min(ceiling, shape(lastGood * growth));
      if (whole && up <= lastGood) {
        up = Math.min(ceiling, lastGood + 1);
      }
      return OptionalDouble.of(up);
    }
    if (Double.isNaN(lastGood)) {
      double down = whole ? Math.floor(firstBad / growth) : firstBad / growth;
      if (down < floor || down >= firstBad) {
        return done(End.FLOOR);
      }
      return OptionalDouble.of(down);
    }
    if (firstBad - lastGood <= resolution * lastGood) {
      return done(End.RESOLVED);
    }
    double middle = shape((lastGood + firstBad) / 2);
    if (middle <= lastGood || middle >= firstBad) {
      return done(End.RESOLVED);
    }
    return OptionalDouble.of(middle);
  }

  private OptionalDouble done(End why) {
    end = why;
    return OptionalDouble.empty();
  }

  private double shape(double load) {
    return whole ? Math.round(load) : load;
  }

  /** The step at {@code load} held. */
  void good(double load) {
    lastGood = Double.isNaN(lastGood) ? load : Math.max(lastGood, load);
  }

  /** The step at {@code load} broke. */
  void bad(double load) {
    firstBad = Double.isNaN(firstBad) ? load : Math.min(firstBad, load);
  }

  /** Whether the next step refines between a good and a bad load (rather than bracketing). */
  boolean refining() {
    return !Double.isNaN(lastGood) && !Double.isNaN(firstBad);
  }

  /** The highest good load, NaN when none held. */
  double lastGood() {
    return lastGood;
  }

  /** The lowest bad load, NaN when none broke. */
  double firstBad() {
    return firstBad;
  }

  /** Why the plan ended, null while it goes on (or when time ended it first). */
  End end() {
    return end;
  }
}
