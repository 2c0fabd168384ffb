package interviews.loadtest.results.server;

import interviews.loadtest.config.Environment;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named sources of one run ({@code loadtest.results.sources}), started and stopped together.
 * A source the guard refused, or whose token cannot be read, is left out with one line on the
 * console and its reason kept for summary.json; the run goes on without it.
 */
public final class ServerSources implements AutoCloseable {

  private final List<SourceSettings> settings;
  private final Map<String, PolledSource> running = new LinkedHashMap<>();
  private final Map<String, String> notStarted = new LinkedHashMap<>();

  public ServerSources(List<SourceSettings> settings) {
    this.settings = List.copyOf(settings);
    for (SourceSettings s : settings) {
      if (s.refused() != null) {
        notStarted.put(s.name(), "refused: " + s.refused());
        continue;
      }
      try {
        running.put(s.name(), open(s, token(s)));
      } catch (IllegalStateException e) {
        notStarted.put(s.name(), e.getMessage());
      }
    }
    notStarted.forEach((name, why) ->
        System.out.println("[results] server source " + name + " off: " + why + "; the run goes on without it"));
  }

  private static PolledSource open(SourceSettings s, String token) {
    URI uri = URI.create(s.url());
    if (s.kind().equals("redis")) {
      return new RedisQueueSource(s.name(), uri, s.interval(), s.timeout(), s.queues(), token);
    }
    if (s.kind().equals("promql")) {
      return new PromQlSource(s.name(), s.url(), s.interval(), s.timeout(), s.metrics(), token);
    }
    return new ServerMetricsSampler(s.name(), uri, s.interval(), s.timeout(), s.metrics(), token);
  }

  /** The source's bearer token (Redis: its password) from the environment or a file; null when none is set. */
  static String token(SourceSettings s) {
    if (!s.tokenEnv().isEmpty()) {
      String v = Environment.variables().get(s.tokenEnv());
      if (v == null || v.isBlank()) {
        throw new IllegalStateException("token-env " + s.tokenEnv() + " is not set in the environment");
      }
      return v.strip();
    }
    if (!s.tokenFile().isEmpty()) {
      try {
        String v = Files.readString(Path.of(s.tokenFile()), StandardCharsets.UTF_8).strip();
        if (v.isEmpty()) {
          throw new IllegalStateException("token-file " + s.tokenFile() + " is empty");
        }
        return v;
      } catch (IOException e) {
        throw new IllegalStateException("token-file " + s.tokenFile() + " cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    }
    return null;
  }

  public void start() {
    running.values().forEach(PolledSource::start);
  }

  /** One short phrase per source for the start line, e.g. {@code db (postgres) http://...}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    running.forEach((name, src) -> {
      SourceSettings s = settingsOf(name);
      parts.add(name + " (" + (s.preset().isEmpty() ? s.kind() : s.preset()) + ") " + src.endpoint());
    });
    return String.join(", ", parts);
  }

  /**
   * The latest values of every running source not older than its interval plus one second, as
   * {@code <source>.<metric>} keys.
   */
  public Map<String, Double> current(long now) {
    Map<String, Double> out = new LinkedHashMap<>();
    running.forEach((name, src) -> {
      PolledSource.ServerSample s = src.latest();
      if (s != null && !s.gap() && now - s.epochMillis() <= src.interval().toMillis() + 1000) {
        s.values().forEach((k, v) -> out.put(name + "." + k, v));
      }
    });
    return out;
  }

  /** The settings, in order. */
  public List<SourceSettings> settings() {
    return settings;
  }

  /** The running source of that name, or null. */
  public PolledSource source(String name) {
    return running.get(name);
  }

  /** Why a source is not running (refused, no token), or null. */
  public String notStarted(String name) {
    return notStarted.get(name);
  }

  /** Every metric key of every source, in order: the extra columns of series.csv. */
  public List<String> keys() {
    return settings.stream().flatMap(s -> s.keys().stream()).toList();
  }

  private SourceSettings settingsOf(String name) {
    return settings.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    running.values().forEach(PolledSource::close);
  }
}
