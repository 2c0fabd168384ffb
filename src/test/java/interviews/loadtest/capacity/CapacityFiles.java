package interviews.loadtest.capacity;

import interviews.loadtest.config.TestConfigs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a capacity search's capacity.json for tests of the commands that read run folders, with
 * the search's own report and writer: a made-up search that found {@code rate} journeys a second
 * (open model) and, unless null, {@code users} concurrent users (closed model).
 */
public final class CapacityFiles {

  private CapacityFiles() {}

  public static Path write(Path folder, double rate, Long users) {
    CapacitySettings settings = CapacitySettings.from(TestConfigs.settings());
    List<Step> open = List.of(step(1, "open", rate / 2, true), step(2, "open", rate, true), step(3, "open", rate * 1.2, false));
    List<ModelResult> models = new ArrayList<>();
    models.add(new ModelResult("open", rate, false, rate * 1.2, "response-time: global p95 3000 >= 2000 ms", "resolved",
        open.get(1), open.get(2), open));
    List<Step> all = new ArrayList<>(open);
    if (users != null) {
      List<Step> closed = List.of(step(4, "closed", users, true), step(5, "closed", users * 1.2, false));
      models.add(new ModelResult("closed", users, false, users * 1.2, "response-time: global p95 3000 >= 2000 ms", "resolved",
          closed.get(0), closed.get(1), closed));
      all.addAll(closed);
    }
    CapacityReport r = CapacityReport.of(settings, "http://127.0.0.1:1", List.of("response-time: global p95 < 2000 ms"), 2000,
        Instant.parse("2026-01-01T00:00:00Z"), 120, models, all, null, List.of());
    Path file = folder.resolve("capacity.json");
    CapacityJson.write(r, file);
    return file;
  }

  private static Step step(int number, String model, double load, boolean good) {
    double p95 = good ? 400 : 3000;
    return new Step(number, model, "bracket", load, number * 10L, 10, false, load, load, load, load, (long) (load * 10),
        0, p95 / 2, p95, p95 * 1.1, p95 / 2, load, Map.of("cpu", 0.5), good,
        good ? List.of() : List.of("response-time: global p95 3000 >= 2000 ms"), "x", 0.5, false, 0, List.of());
  }
}
