package interviews.loadtest.results;

import interviews.loadtest.slo.DriftVerdict;
import interviews.loadtest.slo.Slo;
import interviews.loadtest.slo.SloVerdict;
import java.util.List;
import java.util.Locale;

/**
 * {@code slo-junit.xml}: the SLO verdicts as a JUnit report. One testcase per SLO per scope
 * (classname {@code slo.<scope>}, name e.g. {@code p95 < 2000 ms}); a breached SLO is a
 * {@code <failure>}, and so is a scope without data. One testcase per drift SLO (classname
 * {@code drift.<name>}): a failure when it failed, skipped when it could not be judged. With the
 * watchdog on, one more testcase ({@code run.watchdog}) fails when the watchdog stopped the run;
 * a run interrupted (SIGTERM, Ctrl-C) has a failed testcase {@code run.interrupted}.
 */
public final class SloJUnitXml {

  private SloJUnitXml() {}

  public static String render(String simulation, List<SloVerdict> verdicts, List<DriftVerdict> drift, boolean watchdogOn,
      String stoppedBy, String stoppedReason, double seconds) {
    boolean interrupted = stoppedReason != null && EarlyStop.By.INTERRUPTED.key.equals(stoppedBy);
    int tests = verdicts.size() + drift.size() + (watchdogOn ? 1 : 0) + (interrupted ? 1 : 0);
    long failures = verdicts.stream().filter(SloVerdict::failed).count() + drift.stream().filter(DriftVerdict::failed).count()
        + (stoppedReason != null && (watchdogOn || interrupted) ? 1 : 0);
    long skipped = verdicts.stream().filter(v -> !v.passed() && !v.failed()).count()
        + drift.stream().filter(v -> !v.passed() && !v.failed()).count();
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    String suite = "slo." + simulation;
    sb.append(String.format(Locale.ROOT,
        "<testsuites name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">\n",
        esc(suite), tests, failures, skipped, seconds));
    sb.append(String.format(Locale.ROOT,
        "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">\n",
        esc(suite), tests, failures, skipped, seconds));
    for (SloVerdict v : verdicts) {
      sb.append("    <testcase classname=\"").append(esc("slo." + v.scope())).append("\" name=\"")
          .append(esc(new Slo(v.scope(), v.metric(), v.limit()).describe())).append("\" time=\"0\"");
      if (v.passed()) {
        sb.append("/>\n");
      } else if (v.failed()) {
        sb.append(">\n      <failure type=\"SloBreached\" message=\"").append(esc(v.message())).append("\">")
            .append(esc(v.message())).append("</failure>\n    </testcase>\n");
      } else {
        sb.append(">\n      <skipped message=\"").append(esc(v.message())).append("\"/>\n    </testcase>\n");
      }
    }
    for (DriftVerdict v : drift) {
      sb.append("    <testcase classname=\"").append(esc("drift." + v.name())).append("\" name=\"")
          .append(esc(v.what())).append("\" time=\"0\"");
      if (v.passed()) {
        sb.append("/>\n");
      } else if (v.failed()) {
        sb.append(">\n      <failure type=\"DriftSloBreached\" message=\"").append(esc(v.message())).append("\">")
            .append(esc(v.message())).append("</failure>\n    </testcase>\n");
      } else {
        sb.append(">\n      <skipped message=\"").append(esc(v.message())).append("\"/>\n    </testcase>\n");
      }
    }
    if (watchdogOn) {
      sb.append("    <testcase classname=\"run\" name=\"watchdog\" time=\"0\"");
      if (stoppedReason == null || interrupted) {
        sb.append("/>\n");
      } else {
        sb.append(">\n      <failure type=\"StoppedEarly\" message=\"").append(esc(stoppedReason)).append("\">")
            .append(esc(stoppedReason)).append("</failure>\n    </testcase>\n");
      }
    }
    if (interrupted) {
      sb.append("    <testcase classname=\"run\" name=\"interrupted\" time=\"0\">\n      <failure type=\"Interrupted\" message=\"")
          .append(esc(stoppedReason)).append("\">").append(esc(stoppedReason)).append("</failure>\n    </testcase>\n");
    }
    sb.append("  </testsuite>\n</testsuites>\n");
    return sb.toString();
  }

  /** XML text: the five entities escaped, characters XML 1.0 does not allow left out (shared by trend-junit.xml). */
  public static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
