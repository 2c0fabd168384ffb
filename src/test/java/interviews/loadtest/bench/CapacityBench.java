package interviews.loadtest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.reference.ReferenceTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Measures the reference target's capacity model: W request handlers and a service time of S ms
 * on a route serve at most W/S requests a second. More closed-loop clients than handlers read one
 * interview over and over for a bounded time; the benchmark prints the rate they got beside W/S,
 * and the latency of the health check (which never waits for a handler) while every handler is
 * busy. KnobsTest checks the model's behaviour (at most W in service at once, the rest queued or
 * refused 503); this measures its speed, on whatever the machine is doing. Run it through
 * benchmarks/capacity.sh.
 */
public final class CapacityBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    int handlers = 4;
    long serviceMs = 50;
    int clients = 16;
    int seconds = 10;
    int warmupSeconds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--handlers" -> handlers = Integer.parseInt(args[++i]);
        case "--service-ms" -> serviceMs = Long.parseLong(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("bench: unknown argument '" + args[i]
              + "' (use --handlers W --service-ms S --clients C --seconds N --warmup N)");
          System.exit(2);
        }
      }
    }
    if (handlers < 1 || serviceMs < 1 || clients < handlers || seconds < 1 || seconds > 600 || warmupSeconds < 0) {
      System.err.println("bench: needs --handlers >= 1, --service-ms >= 1, --clients >= handlers, --seconds 1..600");
      System.exit(2);
    }
    // One synthetic account and cheap hashes: the login is not what this measures.
    Path users = Files.createTempFile("capacity-bench-users", ".csv");
    users.toFile().deleteOnExit();
    Files.writeString(users, "email,password\nbench01@example.com,Syn-bench-pass-01\n");
    double ceiling = handlers * 1000.0 / serviceMs;
    System.out.printf("cores: %d, JVM: %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    try (ReferenceTarget target = ReferenceTarget.start(ConfigFactory.parseMap(Map.of(
        "handlers.count", handlers,
        "handlers.queue-limit", clients,
        "seed.users-file", users.toString(),
        "seed.hash-iterations", 1000,
        "seed.hash-cache-dir", "",
        "seed.slots", 100)))) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      String base = target.baseUrl();
      String token = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/api/login/"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench01@example.com\",\"password\":\"Syn-bench-pass-01\"}"))
          .build()).body()).get("token").asText();
      long id = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/api/interviews/"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"slot_id\":1,\"candidate_name\":\"Synthetic Candidate\","
              + "\"candidate_email\":\"candidate@example.org\",\"position\":\"Engineer\"}"))
          .build()).body()).get("id").asLong();
      HttpRequest read = HttpRequest.newBuilder(URI.create(base + "/api/interviews/" + id + "/"))
          .header("Authorization", "Bearer " + token).GET().build();
      HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/api/health/")).GET().build();
      target.knobs().serviceTimeMs("interview", serviceMs);
      System.out.printf("handlers W = %d, service time S = %d ms on GET /api/interviews/{id}/: ceiling W/S = %.1f/s%n",
          handlers, serviceMs, ceiling);
      System.out.printf("%d closed-loop clients, %d s warm-up, %d s measured%n", clients, warmupSeconds, seconds);

      Map<Integer, AtomicInteger> statuses = new TreeMap<>();
      Map<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
      long measureStart = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
      long measureEnd = measureStart + TimeUnit.SECONDS.toNanos(seconds);
      ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
      List<Future<?>> loops = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        loops.add(pool.submit(() -> {
          while (System.nanoTime() < measureEnd) {
            int status = send(http, read).statusCode();
            long now = System.nanoTime();
            if (now >= measureStart && now < measureEnd) {
              seen.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            }
          }
          return null;
        }));
      }
      // The health check, ten times a second while the handlers are saturated.
      Histogram healthMicros = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
      Future<?> probe = pool.submit(() -> {
        while (System.nanoTime() < measureStart) {
          Thread.sleep(10);
        }
        while (System.nanoTime() < measureEnd) {
          long t0 = System.nanoTime();
          send(http, health);
          healthMicros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
          Thread.sleep(100);
        }
        return null;
      });
      for (Future<?> f : loops) {
        f.get();
      }
      probe.get();
      pool.shutdown();
      statuses.putAll(seen);
      int ok = seen.getOrDefault(200, new AtomicInteger()).get();
      double rate = ok / (double) seconds;
      System.out.printf("%nrequests answered 200: %d in %d s = %.1f/s, %.0f %% of the ceiling W/S; statuses %s%n",
          ok, seconds, rate, 100 * rate / ceiling, statuses);
      System.out.printf("health while every handler is busy: %d checks, p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
          healthMicros.getTotalCount(), healthMicros.getValueAtPercentile(50) / 1000.0,
          healthMicros.getValueAtPercentile(95) / 1000.0, healthMicros.getMaxValue() / 1000.0);
    }
    System.exit(0);
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
