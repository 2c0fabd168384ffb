package interviews.loadtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one Burst run's series.csv and summary.json and prints how closely the journeys started
 * per second follow the configured rate while it is held, and how long the whole command took
 * beyond the simulation itself. Used by benchmarks/burst.sh.
 *
 * <p>Arguments: the run folder, then the command's start and end as epoch seconds (date +%s.%N).
 */
public final class BurstFidelity {

  public static void main(String[] args) throws IOException {
    Path run = Path.of(args[0]);
    double wall = Double.parseDouble(args[2]) - Double.parseDouble(args[1]);
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    JsonNode burst = summary.path("config").path("profiles").path("burst");
    double perSecond = burst.path("bookings-per-minute").asDouble() / 60;
    long ramp = Duration.parse("PT" + burst.path("ramp").asText().toUpperCase(Locale.ROOT)).toSeconds();
    long hold = Duration.parse("PT" + burst.path("hold").asText().toUpperCase(Locale.ROOT)).toSeconds();

    List<String> lines = Files.readAllLines(run.resolve("series.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    int second = header.indexOf("second");
    int started = header.indexOf("journeys_started");
    List<Long> held = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      long s = Long.parseLong(f[second]);
      if (s > ramp && s <= ramp + hold) {
        held.add(Long.parseLong(f[started]));
      }
    }
    double mean = held.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
    double variance = held.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, held.size() - 1);
    long total = held.stream().mapToLong(Long::longValue).sum();
    List<Long> windows = new ArrayList<>();
    for (int i = 0; i + 10 <= held.size(); i += 10) {
      windows.add(held.subList(i, i + 10).stream().mapToLong(Long::longValue).sum());
    }
    double simulation = summary.path("durationSeconds").asDouble();

    System.out.printf(Locale.ROOT, "run                         %s%n", run.getFileName());
    System.out.printf(Locale.ROOT, "configured rate             %.3f journeys/s, held %d s after a %d s ramp%n", perSecond, hold, ramp);
    System.out.printf(Locale.ROOT, "held seconds measured       %d%n", held.size());
    System.out.printf(Locale.ROOT, "journeys started in hold    %d (configured %.0f, %+.2f %%)%n",
        total, perSecond * hold, 100.0 * (total - perSecond * hold) / (perSecond * hold));
    System.out.printf(Locale.ROOT, "per second: mean %.3f (%+.2f %%), sd %.3f, min %d, max %d%n",
        mean, 100 * (mean - perSecond) / perSecond, Math.sqrt(variance),
        held.stream().mapToLong(Long::longValue).min().orElse(0), held.stream().mapToLong(Long::longValue).max().orElse(0));
    System.out.printf(Locale.ROOT, "per 10 s (configured %.1f) %s%n", perSecond * 10, windows);
    System.out.printf(Locale.ROOT, "journeys started in all     %d%n", summary.path("journeys").path("started").asLong());
    System.out.printf(Locale.ROOT, "simulation length           %.1f s (before() to after())%n", simulation);
    System.out.printf(Locale.ROOT, "command wall time           %.1f s, %.1f s beyond the simulation%n", wall, wall - simulation);
  }
}
