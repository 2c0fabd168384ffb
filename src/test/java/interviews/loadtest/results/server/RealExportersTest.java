package interviews.loadtest.results.server;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.LocalProgram;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The presets against the real exporters from Debian's packages, each started here on a free
 * loopback port and stopped at the end: node_exporter's CPU share rises while this JVM keeps two
 * cores busy; the Celery queue's length is the same through redis_exporter and LLEN on the broker.
 */
class RealExportersTest {

  private static SourceSettings source(String block) {
    return ResultsSettings.from(ConfigFactory.parseString("loadtest.results.sources { s { " + block + " } }"))
        .sources().get(0);
  }

  private static ServerMetricsSampler sampler(SourceSettings s) {
    return new ServerMetricsSampler(s.name(), URI.create(s.url()), Duration.ofSeconds(1), Duration.ofSeconds(5),
        s.metrics(), null);
  }

  @Test
  void nodeExporterShowsTheCpuShareRiseWhileCoresAreKeptBusy(@TempDir Path logs) throws Exception {
    Path exporter = LocalProgram.require("prometheus-node-exporter", "prometheus-node-exporter");
    int port = LocalProgram.freePort();
    try (LocalProgram node = LocalProgram.start("node_exporter", List.of(exporter.toString(),
            "--web.listen-address=127.0.0.1:" + port), Map.of(), logs).awaitPort(port)) {
      ServerMetricsSampler s = sampler(source("preset = node, url = \"http://127.0.0.1:" + port + "/metrics\""));
      Map<String, Double> first = Await.until("node_exporter's first answer", s::scrapeOnce, x -> !x.gap()).values();
      assertTrue(first.get("cores") >= 1, first.toString());
      assertTrue(first.get("memory-available") > 0 && first.get("memory-used") > 0, first.toString());
      assertTrue(first.get("memory-available-share") > 0 && first.get("memory-available-share") <= 1, first.toString());
      assertTrue(first.containsKey("load1"), first.toString());

      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> burners = new ArrayList<>();
      int cores = first.get("cores").intValue();
      for (int i = 0; i < cores; i++) {
        Thread t = new Thread(() -> {
          long x = 0;
          while (!stop.get()) {
            x += System.nanoTime() % 7;
          }
          if (x == 42) {
            System.out.print("");
          }
        }, "cpu-burner");
        t.setDaemon(true);
        t.start();
        burners.add(t);
      }
      try {
        // Every core is spinning: node_exporter sees most of all cores busy between two scrapes.
        Map<String, Double> busy = Await.until("cpu-busy at half of all cores or more", () -> {
          sleep(500);
          return s.scrapeOnce().values();
        }, v -> v.getOrDefault("cpu-busy", 0.0) >= 0.5);
        // No upper bound: node_exporter reads the counters, the injector the clock, so on a busy
        // machine a share of all cores can come out a little above 1.
        assertTrue(busy.get("cores").equals(first.get("cores")), busy.toString());
      } finally {
        stop.set(true);
        for (Thread t : burners) {
          t.join(10_000);
        }
      }
    }
  }

  @Test
  void theCeleryQueueLengthIsTheSameThroughRedisExporterAndStraightFromTheBroker(@TempDir Path logs) throws Exception {
    Path redis = LocalProgram.require("redis-server", "redis-server");
    Path exporter = LocalProgram.require("prometheus-redis-exporter", "prometheus-redis-exporter");
    int redisPort = LocalProgram.freePort();
    int exporterPort = LocalProgram.freePort();
    try (LocalProgram broker = LocalProgram.start("redis-server", List.of(redis.toString(), "--port",
            String.valueOf(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", logs.toString()),
            Map.of(), logs).awaitPort(redisPort);
        LocalProgram redisExporter = LocalProgram.start("redis_exporter", List.of(exporter.toString(),
            "-redis.addr=redis://127.0.0.1:" + redisPort, "-web.listen-address=127.0.0.1:" + exporterPort,
            "-check-single-keys=db0=celery"), Map.of(), logs).awaitPort(exporterPort);
        Jedis client = new Jedis(new HostAndPort("127.0.0.1", redisPort))) {
      for (int i = 0; i < 7; i++) {
        client.rpush("celery", "{\"task\":\"send_notification\",\"n\":" + i + "}");
      }
      SourceSettings direct = source("kind = redis, url = \"redis://127.0.0.1:" + redisPort + "/0\", queues = [celery, mail]");
      SourceSettings viaExporter = source("preset = redis-celery, url = \"http://127.0.0.1:" + exporterPort + "/metrics\"");
      try (RedisQueueSource llen = new RedisQueueSource("broker", URI.create(direct.url()), Duration.ofSeconds(1),
              Duration.ofSeconds(5), direct.queues(), null);
          ServerMetricsSampler scraped = sampler(viaExporter)) {
        assertEquals(Map.of("queued", 7.0, "queue.celery", 7.0, "queue.mail", 0.0), llen.scrapeOnce().values());
        Await.until("redis_exporter sees 7 jobs", () -> scraped.scrapeOnce().values(), v -> v.containsKey("queued"));
        assertEquals(7.0, scraped.scrapeOnce().values().get("queued"));
        client.lpop("celery", 3);
        assertEquals(4.0, llen.scrapeOnce().values().get("queued"));
        assertEquals(4.0, scraped.scrapeOnce().values().get("queued"));
        assertTrue(scraped.scrapeOnce().values().get("clients") >= 1);
      }
      // The broker gone: one line for the gap, and the source keeps trying.
      broker.close();
      try (RedisQueueSource llen = new RedisQueueSource("broker", URI.create(direct.url()), Duration.ofSeconds(1),
          Duration.ofSeconds(2), direct.queues(), null)) {
        PolledSource.ServerSample gap = llen.scrapeOnce();
        assertTrue(gap.gap());
        assertTrue(gap.error().startsWith("Redis: "), gap.error());
        assertFalse(gap.error().contains("\n"), gap.error());
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
