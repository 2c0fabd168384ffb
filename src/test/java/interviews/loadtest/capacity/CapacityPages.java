package interviews.loadtest.capacity;

import interviews.loadtest.config.TestConfigs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A capacity.html for other packages' tests (the page check), written from a search made up here:
 * an open model that held up to 20 journeys/s and broke at 40, a closed one that held 75 users and
 * broke at 100, as in {@link CapacityReportTest}.
 */
public final class CapacityPages {

  private CapacityPages() {}

  /** Writes capacity.html into {@code folder}; returns its path. */
  public static Path write(Path folder) {
    CapacitySettings settings = CapacitySettings.from(TestConfigs.settings("loadtest.capacity.journey", "Login"));
    List<Step> open = List.of(step(1, "open", 5, 5, 210, 11, true), step(2, "open", 10, 10, 220, 22, true),
        step(3, "open", 20, 19.8, 400, 46, true), step(4, "open", 40, 20, 3000, 170, false));
    List<Step> closed = List.of(step(5, "closed", 50, 20, 900, 50, true), step(6, "closed", 100, 20, 3000, 100, false),
        step(7, "closed", 75, 20, 1800, 75, true));
    String breach = "response-time: global p95 3000 >= 2000 ms";
    List<Step> all = new ArrayList<>(open);
    all.addAll(closed);
    CapacityReport report = CapacityReport.of(settings, "http://127.0.0.1:1", List.of("response-time: global p95 < 2000 ms"), 2000,
        Instant.parse("2026-01-01T00:00:00Z"), 120,
        List.of(new ModelResult("open", 20, false, 40, breach, "resolved", open.get(2), open.get(3), open),
            new ModelResult("closed", 75, false, 100, breach, "resolved", closed.get(2), closed.get(1), closed)),
        all, null, List.of());
    Path page = folder.resolve("capacity.html");
    CapacityHtml.write(report, page);
    return page;
  }

  private static Step step(int number, String model, double load, double achieved, double p95, double concurrency, boolean good) {
    return new Step(number, model, "bracket", load, number * 10L, 10, false, load, achieved, achieved, load, (long) (achieved * 10),
        0, p95 / 2, p95, p95 * 1.1, p95 / 2, concurrency, Map.of("cpu", 0.5), good,
        good ? List.of() : List.of("response-time: global p95 3000 >= 2000 ms"), "x", 0.5, false, 0, List.of());
  }
}
