package interviews.loadtest.pages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One page checked.
 *
 * @param page the page
 * @param kind which charts it was expected to hold
 * @param charts its charts found
 * @param points their data points
 * @param problems what failed (none: passed)
 * @param screenshot the PNG written next to it, or null when none could be taken
 * @param time opening, waiting for the charts, reading the errors and the screenshot
 */
public record PageResult(Path page, PageKind kind, int charts, long points, List<String> problems, Path screenshot,
    Duration time) {

  public boolean passed() {
    return problems.isEmpty();
  }

  /** The command's line for it: {@code [pages] passed <page>: ...} or {@code [pages] FAILED <page>: <problems>}. */
  public String line() {
    String seconds = String.format(Locale.ROOT, "%.1f s", time.toMillis() / 1000.0);
    String shot = screenshot == null ? "no screenshot" : "screenshot " + screenshot.getFileName();
    if (passed()) {
      return "[pages] passed " + page + ": " + kind.label + ", " + charts + (charts == 1 ? " chart, " : " charts, ")
          + points + " points drawn, no script error; " + shot + " (" + seconds + ")";
    }
    return "[pages] FAILED " + page + ": " + String.join("; ", problems) + "; " + shot + " (" + seconds + ")";
  }
}
