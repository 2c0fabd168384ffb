package interviews.loadtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import interviews.loadtest.reference.ReferenceTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Measures the reference target's throughput and latency on health, slot listing and the booking
 * journey (login, list slots, book) at fixed open-model arrival rates, each for a bounded time.
 * Starts the target in-process with its defaults (the real users file, the default hash iterations).
 * Run it through benchmarks/reference-target.sh.
 *
 * <p>Latency is measured from the time a request was due to be sent, so a slow target cannot hide
 * its queueing (no coordinated omission).
 */
public final class ReferenceTargetBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .executor(Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "bench-http");
        t.setDaemon(true);
        return t;
      }))
      .build();
  private final String base;
  private final Map<String, Stats> stats = new TreeMap<>();

  private static final class Stats {
    final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();
    long firstNanos = Long.MAX_VALUE;
    long lastNanos;

    synchronized void record(long dueNanos, int status) {
      long now = System.nanoTime();
      latency.recordValue(Math.max(1, (now - dueNanos) / 1000));
      statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
      firstNanos = Math.min(firstNanos, dueNanos);
      lastNanos = Math.max(lastNanos, now);
    }
  }

  private ReferenceTargetBench(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    int seconds = 20;
    double healthRate = 200;
    double slotsRate = 50;
    double bookingsPerMinute = 500;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--health-rate" -> healthRate = Double.parseDouble(args[++i]);
        case "--slots-rate" -> slotsRate = Double.parseDouble(args[++i]);
        case "--bookings-per-minute" -> bookingsPerMinute = Double.parseDouble(args[++i]);
        default -> {
          System.err.println("bench: unknown argument '" + args[i]
              + "' (use --seconds N --health-rate R --slots-rate R --bookings-per-minute R)");
          System.exit(2);
        }
      }
    }
    if (seconds < 1 || seconds > 120) {
      System.err.println("bench: --seconds must be from 1 to 120");
      System.exit(2);
    }
    List<String[]> users = readUsers(Path.of("simulations-data/users.csv"));
    System.out.printf("cores: %d, JVM: %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    try (ReferenceTarget target = ReferenceTarget.start()) {
      System.out.printf("target started in %d ms: %s%n", target.startMillis(), target.seedSummary());
      ReferenceTargetBench bench = new ReferenceTargetBench(target.baseUrl());
      bench.warmUp(users);
      bench.run("health", healthRate, seconds, due -> bench.health(due));
      String token = bench.login(users.get(0), System.nanoTime(), null).join();
      bench.run("slots", slotsRate, seconds, due -> bench.slots(token, due));
      bench.run("booking journey", bookingsPerMinute / 60.0, seconds, due -> bench.journey(users, due));
      bench.print(seconds);
    }
    System.exit(0);
  }

  private interface Arrival {
    CompletableFuture<?> fire(long dueNanos);
  }

  /** Fires arrivals at a fixed rate for the given time, then waits (bounded) for the stragglers. */
  private void run(String phase, double rate, int seconds, Arrival arrival) throws InterruptedException {
    System.out.printf("phase %-16s %7.2f/s for %d s%n", phase, rate, seconds);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    long intervalNanos = (long) (1e9 / rate);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long total = (long) (rate * seconds);
    List<CompletableFuture<?>> inFlight = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong fired = new AtomicLong();
    timer.scheduleAtFixedRate(() -> {
      long n = fired.getAndIncrement();
      if (n < total) {
        inFlight.add(arrival.fire(start + n * intervalNanos));
      }
    }, 20_000_000L, intervalNanos, TimeUnit.NANOSECONDS);
    long end = start + total * intervalNanos;
    while (System.nanoTime() < end) {
      Thread.sleep(50);
    }
    timer.shutdownNow();
    try {
      CompletableFuture.allOf(inFlight.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.println("  (some requests did not finish in 30 s)");
    }
  }

  private void warmUp(List<String[]> users) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    String token = login(users.get(1), System.nanoTime(), null).join();
    while (System.nanoTime() < until) {
      send(get("/api/health/", null), System.nanoTime(), null).join();
      send(get("/api/slots/", token), System.nanoTime(), null).join();
    }
  }

  private CompletableFuture<?> health(long due) {
    return send(get("/api/health/", null), due, stats("health"));
  }

  private CompletableFuture<?> slots(String token, long due) {
    String q = ThreadLocalRandom.current().nextBoolean() ? ""
        : "?date=" + LocalDate.now(ZoneOffset.UTC).plusDays(1 + ThreadLocalRandom.current().nextInt(30));
    return send(get("/api/slots/" + q, token), due, stats("slots"));
  }

  /** The real journey: log in (PBKDF2 on the server), list free slots, book one of them. */
  private CompletableFuture<?> journey(List<String[]> users, long due) {
    String[] user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
    return login(user, due, stats("journey: login")).thenCompose(token -> {
      if (token == null) {
        return CompletableFuture.completedFuture(null);
      }
      long listDue = System.nanoTime();
      return send(get("/api/slots/?limit=20", token), listDue, stats("journey: slots")).thenCompose(page -> {
        if (page == null) {
          return CompletableFuture.completedFuture(null);
        }
        JsonNode results = page.get("results");
        long slot = results.get(ThreadLocalRandom.current().nextInt(results.size())).get("id").asLong();
        String body = "{\"slot_id\":" + slot + ",\"candidate_name\":\"Synthetic Candidate\","
            + "\"candidate_email\":\"candidate@example.org\",\"position\":\"Engineer\"}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/interviews/"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(req, System.nanoTime(), stats("journey: book"));
      });
    });
  }

  private CompletableFuture<String> login(String[] user, long due, Stats s) {
    String body = "{\"email\":\"" + user[0] + "\",\"password\":\"" + user[1] + "\"}";
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/login/"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return send(req, due, s).thenApply(n -> n == null ? null : n.get("token").asText());
  }

  private HttpRequest get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  /** Sends, records latency from the due time, and yields the JSON body of a 2xx answer (else null). */
  private CompletableFuture<JsonNode> send(HttpRequest req, long due, Stats s) {
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((r, err) -> {
      if (err != null) {
        if (s != null) {
          s.failures.incrementAndGet();
        }
        return null;
      }
      if (s != null) {
        s.record(due, r.statusCode());
      }
      if (r.statusCode() / 100 != 2 || r.body().isEmpty()) {
        return null;
      }
      try {
        return JSON.readTree(r.body());
      } catch (IOException e) {
        return null;
      }
    });
  }

  private synchronized Stats stats(String name) {
    return stats.computeIfAbsent(name, k -> new Stats());
  }

  private void print(int seconds) {
    System.out.println();
    System.out.printf("%-16s %8s %9s %8s %8s %8s %8s  %s%n", "endpoint", "requests", "rate/s", "p50 ms", "p95 ms",
        "p99 ms", "max ms", "statuses");
    for (Map.Entry<String, Stats> e : stats.entrySet()) {
      Stats s = e.getValue();
      synchronized (s) {
        Histogram h = s.latency;
        double span = Math.max(1e-9, (s.lastNanos - s.firstNanos) / 1e9);
        System.out.printf("%-16s %8d %9.2f %8.1f %8.1f %8.1f %8.1f  %s%s%n", e.getKey(), h.getTotalCount(),
            h.getTotalCount() / span, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
            h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, new TreeMap<>(s.statuses),
            s.failures.get() > 0 ? " failures=" + s.failures.get() : "");
      }
    }
  }

  private static List<String[]> readUsers(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("email,")) {
        continue;
      }
      int comma = line.indexOf(',');
      out.add(new String[]{line.substring(0, comma).trim(), line.substring(comma + 1).trim()});
    }
    return out;
  }
}
