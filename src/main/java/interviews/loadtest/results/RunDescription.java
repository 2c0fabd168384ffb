package interviews.loadtest.results;

import interviews.loadtest.slo.DriftSlo;
import interviews.loadtest.slo.Slo;
import java.util.Map;

/**
 * The run's description in Gatling's report ("Description" under the simulation's name): the
 * profile, the target and the SLOs, so a published report explains itself.
 */
public final class RunDescription {

  /** Gatling shows this many characters of a description. */
  static final int MAX_LENGTH = 2300;

  private RunDescription() {}

  /**
   * One paragraph from what the run was started with, e.g. {@code "Burst: 500 journeys in 60s | target
   * http://127.0.0.1:8080 (embedded reference target) | SLOs: global p95 < 2000 ms; global errorRate < 0.0100"}.
   */
  public static String of(RunInfo info) {
    StringBuilder s = new StringBuilder(info.profile().isBlank() ? info.simulation() : info.profile());
    s.append(" | target ").append(info.target().isBlank() ? "?" : info.target());
    if (embedded(info)) {
      s.append(" (embedded reference target)");
    }
    s.append(" | SLOs: ").append(info.slos().isEmpty() ? "none for the run as a whole"
        : String.join("; ", info.slos().stream().map(slo -> slo.scope() + " " + slo.describe()).toList()));
    if (!info.drift().slos().isEmpty()) {
      s.append(" | drift, judged in runs of ").append(info.drift().shortestJudged().toMinutes()).append(" min or longer: ")
          .append(String.join("; ", info.drift().slos().stream().map(DriftSlo::line).toList()));
    }
    return latin1(s.toString());
  }

  /** {@code ours} after a description the user gave Gatling ({@code -Dgatling.runDescription}), if any. */
  static String combine(String given, String ours) {
    String text = latin1(given == null || given.isBlank() ? ours : given.strip() + " | " + ours);
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
  }

  private static boolean embedded(RunInfo info) {
    return info.config().get("target-guard") instanceof Map<?, ?> guard
        && RunInfo.EMBEDDED_TARGET.equals(guard.get("target"));
  }

  /** Gatling stores the text as Latin-1 when it can: keep to it (≤ becomes <=, ≥ >=, anything else ?). */
  static String latin1(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c <= 0xFF) {
        s.append(c);
      } else if (c == '\u2264') {
        s.append("<=");
      } else if (c == '\u2265') {
        s.append(">=");
      } else {
        s.append('?');
      }
    }
    return s.toString();
  }
}
