package interviews.loadtest.results.server;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.LocalProgram;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The promql source against a real Prometheus from Debian's package, scraping a real
 * redis_exporter and node_exporter every second, all on loopback ports chosen here: the presets
 * turned into PromQL answer the same figures as the exporters scraped directly, once Prometheus
 * has scraped them; a wrong query and a URL that is no query API are one-line gaps.
 */
class RealPrometheusTest {

  private static SourceSettings source(String block) {
    return ResultsSettings.from(ConfigFactory.parseString("loadtest.results.sources { s { " + block + " } }"))
        .sources().get(0);
  }

  @Test
  void promQlAnswersTheExportersFiguresWithinAScrapeInterval(@TempDir Path dir) throws Exception {
    Path prometheus = LocalProgram.require("prometheus", "prometheus");
    Path redis = LocalProgram.require("redis-server", "redis-server");
    Path redisExporter = LocalProgram.require("prometheus-redis-exporter", "prometheus-redis-exporter");
    Path nodeExporter = LocalProgram.require("prometheus-node-exporter", "prometheus-node-exporter");
    int redisPort = LocalProgram.freePort();
    int redisExporterPort = LocalProgram.freePort();
    int nodePort = LocalProgram.freePort();
    int promPort = LocalProgram.freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: redis
            static_configs:
              - targets: ['127.0.0.1:%d']
          - job_name: node
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(redisExporterPort, nodePort));
    try (LocalProgram broker = LocalProgram.start("redis-server", List.of(redis.toString(), "--port",
            String.valueOf(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()),
            Map.of(), dir).awaitPort(redisPort);
        LocalProgram re = LocalProgram.start("redis_exporter", List.of(redisExporter.toString(),
            "-redis.addr=redis://127.0.0.1:" + redisPort, "-web.listen-address=127.0.0.1:" + redisExporterPort,
            "-check-single-keys=db0=celery"), Map.of(), dir).awaitPort(redisExporterPort);
        LocalProgram ne = LocalProgram.start("node_exporter", List.of(nodeExporter.toString(),
            "--web.listen-address=127.0.0.1:" + nodePort), Map.of(), dir).awaitPort(nodePort);
        LocalProgram prom = LocalProgram.start("prometheus", List.of(prometheus.toString(),
            "--config.file=" + config, "--web.listen-address=127.0.0.1:" + promPort,
            "--storage.tsdb.path=" + dir.resolve("tsdb")), Map.of(), dir).awaitPort(promPort);
        Jedis client = new Jedis(new HostAndPort("127.0.0.1", redisPort))) {
      for (int i = 0; i < 5; i++) {
        client.rpush("celery", "job-" + i);
      }
      String api = "http://127.0.0.1:" + promPort;
      SourceSettings queueQ = source("kind = promql, preset = redis-celery, url = \"" + api + "\","
          + " promql-matchers = \"job=\\\"redis\\\"\"");
      assertEquals("sum(redis_key_size{job=\"redis\"})", queueQ.metrics().get("queued"));
      SourceSettings nodeQ = source("kind = promql, preset = node, url = \"" + api + "\", promql-matchers = \"job=\\\"node\\\"\"");
      SourceSettings nodeText = source("preset = node, url = \"http://127.0.0.1:" + nodePort + "/metrics\"");
      try (PromQlSource queue = new PromQlSource("queue", api, Duration.ofSeconds(1), Duration.ofSeconds(5),
              queueQ.metrics(), null);
          PromQlSource node = new PromQlSource("node", api, Duration.ofSeconds(1), Duration.ofSeconds(5),
              nodeQ.metrics(), null);
          ServerMetricsSampler direct = new ServerMetricsSampler("direct", URI.create(nodeText.url()),
              Duration.ofSeconds(1), Duration.ofSeconds(5), nodeText.metrics(), null)) {
        Await.until("Prometheus has scraped the 5 jobs", () -> queue.scrapeOnce().values(),
            v -> v.getOrDefault("queued", -1.0) == 5.0);
        client.lpop("celery", 2);
        // One scrape interval (1 s) later at the latest, the query answers the new length.
        Await.until("Prometheus has scraped the 3 jobs left", () -> queue.scrapeOnce().values(),
            v -> v.getOrDefault("queued", -1.0) == 3.0);
        Map<String, Double> viaPrometheus = Await.until("node's figures through PromQL", () -> node.scrapeOnce().values(),
            v -> v.containsKey("cores") && v.containsKey("cpu-busy") && v.containsKey("memory-available"));
        Map<String, Double> scraped = Await.until("node's figures scraped", direct::scrapeOnce, s -> !s.gap()).values();
        assertEquals(scraped.get("cores"), viaPrometheus.get("cores"));
        assertTrue(viaPrometheus.get("cpu-busy") >= 0, viaPrometheus.toString());
        assertEquals(scraped.get("memory-available"), viaPrometheus.get("memory-available"),
            scraped.get("memory-available") * 0.2, "memory available, a second or so apart");
      }

      try (PromQlSource wrong = new PromQlSource("wrong", api, Duration.ofSeconds(1), Duration.ofSeconds(5),
              Map.of("x", "sum(rate(node_load1[1m]"), null);
          PromQlSource notApi = new PromQlSource("notapi", "http://127.0.0.1:" + nodePort, Duration.ofSeconds(1),
              Duration.ofSeconds(5), Map.of("x", "up"), null)) {
        PolledSource.ServerSample bad = wrong.scrapeOnce();
        assertTrue(bad.gap() && bad.error().startsWith("PromQL bad_data: "), bad.toString());
        PolledSource.ServerSample nonsense = notApi.scrapeOnce();
        assertTrue(nonsense.gap() && nonsense.error().contains("not the Prometheus query API's JSON"), nonsense.toString());
      }
    }
  }
}
