package interviews.loadtest.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import com.sun.management.OperatingSystemMXBean;
import interviews.loadtest.measure.Measured;
import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.RunInfo;
import interviews.loadtest.results.RunResults;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Drives {@link StaticServer} as hard as the injector can, with ({@code -Dbench.variant=measured})
 * or without ({@code plain}) the measurement layer ({@code transform}: plain plus an identity
 * {@code transformResponse}), for {@code bench.seconds} (default 25) with
 * {@code bench.users} (default 64) looping users. Measures over the part after
 * {@code bench.warmup} (default 15) seconds: requests served (asked from the server) per CPU
 * second of this JVM, and prints one BENCH line.
 */
public class OverheadBenchSimulation extends Simulation {

  static final String URL = System.getProperty("bench.url", "http://127.0.0.1:8099");
  static final String VARIANT = System.getProperty("bench.variant", "plain");
  static final boolean MEASURED = "measured".equals(VARIANT);
  static final int SECONDS = Integer.getInteger("bench.seconds", 25);
  static final int WARMUP = Integer.getInteger("bench.warmup", 15);
  static final int USERS = Integer.getInteger("bench.users", 64);

  HttpProtocolBuilder protocol = http.baseUrl(URL).disableWarmUp().shareConnections();

  ChainBuilder step = switch (VARIANT) {
    case "measured" -> Measured.request(http("static").get("/").check(status().is(200)));
    // plain Gatling plus an identity response transformer: isolates what transformResponse costs
    case "transform" -> exec(http("static").get("/").check(status().is(200)).transformResponse((r, s) -> r));
    default -> exec(http("static").get("/").check(status().is(200)));
  };

  ScenarioBuilder scn = scenario("bench").during(Duration.ofSeconds(SECONDS)).on(step);

  {
    setUp(scn.injectClosed(constantConcurrentUsers(USERS).during(Duration.ofSeconds(SECONDS)))).protocols(protocol);
  }

  @Override
  public void before() {
    if (MEASURED) {
      RunResults.begin(RunInfo.of(getClass().getSimpleName(), URL, "overhead benchmark", Map.of(), List.of()),
          ResultsSettings.from(com.typesafe.config.ConfigFactory.parseString(
              "loadtest.results { console-interval = 5s, prometheus.enabled = false }")));
    }
    Thread t = new Thread(this::measure, "bench-measure");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void after() {
    if (MEASURED) {
      RunResults.finishInto(Path.of("target", "bench-results"));
    }
  }

  private void measure() {
    try {
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      HttpClient client = HttpClient.newHttpClient();
      Thread.sleep(WARMUP * 1000L);
      long c0 = count(client);
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Thread.sleep((SECONDS - WARMUP - 1) * 1000L);
      long c1 = count(client);
      long cpu1 = os.getProcessCpuTime();
      long t1 = System.nanoTime();
      double cpu = (cpu1 - cpu0) / 1e9;
      double wall = (t1 - t0) / 1e9;
      System.out.printf(Locale.ROOT, "BENCH variant=%s requests=%d wall_s=%.2f cpu_s=%.2f req_per_s=%.0f req_per_cpu_s=%.0f%n",
          VARIANT, c1 - c0, wall, cpu, (c1 - c0) / wall, (c1 - c0) / cpu);
    } catch (Exception e) {
      System.out.println("BENCH error " + e);
    }
  }

  private static long count(HttpClient client) throws Exception {
    return Long.parseLong(client.send(HttpRequest.newBuilder(URI.create(URL + "/count")).build(),
        HttpResponse.BodyHandlers.ofString()).body().trim());
  }
}
