package interviews.loadtest.capacity;

import java.util.List;

/**
 * What one model's search found.
 *
 * @param model open or closed
 * @param found the highest load that held (journeys a second or users), NaN when none did
 * @param atLeast true when no step broke: the answer is "at least" found
 * @param firstBad the lowest load that broke, NaN when none did
 * @param limitedBy what broke at firstBad ("response-time: global p95 2345 >= 2000 ms", or that
 *     throughput stopped following), empty when nothing broke
 * @param endedBy why the search of this model ended: resolution, ceiling, floor or time
 * @param foundStep the step that held at found (its last measurement), null when none held
 * @param badStep the step that broke at firstBad, null when none broke
 * @param steps every step of this model, in order
 */
record ModelResult(String model, double found, boolean atLeast, double firstBad, String limitedBy, String endedBy,
    Step foundStep, Step badStep, List<Step> steps) {

  /** The plain-words answer: "at least 40 journeys/s", "20.6 journeys/s", "none (below 1 users)". */
  String answer() {
    String unit = "open".equals(model) ? " journeys/s" : " users";
    if (noStepJudged()) {
      return "not known: " + notJudged();
    }
    if (Double.isNaN(found)) {
      return "none held (the lowest step, " + Numbers.plain(firstBad) + unit + ", broke)";
    }
    return (atLeast ? "at least " : "") + Numbers.plain(Numbers.round(found, 2)) + unit;
  }

  /** True when no step held and none broke: the search ended before it judged one. */
  boolean noStepJudged() {
    return Double.isNaN(found) && Double.isNaN(firstBad);
  }

  /** "no step was judged (search ended by interrupted)". */
  String notJudged() {
    return "no step was judged (search ended by " + endedBy + ")";
  }
}
