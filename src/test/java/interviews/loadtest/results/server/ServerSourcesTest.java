package interviews.loadtest.results.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.RunInfo;
import interviews.loadtest.results.RunResults;
import interviews.loadtest.results.SummarySchema;
import interviews.loadtest.run.SuiteRun;
import interviews.loadtest.safety.TargetGuard;
import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.MetricsServer;
import interviews.loadtest.testing.StubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import interviews.loadtest.saturation.SaturationRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSourcesTest {

  private static ResultsSettings settings(String sources) {
    return ResultsSettings.from(ConfigFactory.parseString(
        "loadtest.results { console-interval = 0s, prometheus.enabled = false, prometheus.interval = 200ms, sources {"
            + sources + "} }"));
  }

  private static String refusal(String sources) {
    return assertThrows(SettingError.class, () -> settings(sources)).getMessage();
  }

  @Test
  void aPresetGivesItsMetricsAndRulesWhichTheSourceCanExtendReplaceOrDrop() {
    SourceSettings db = settings("db { preset = postgres, url = \"http://127.0.0.1:9187/metrics\","
        + " metrics { locks = \"\", waiting = \"pg_locks_count{mode=~\\\".*exclusivelock\\\"}\" },"
        + " saturation { connections-share = \">= 0.8\", waiting = \"> 5\" } }").sources().get(0);
    assertEquals("prometheus", db.kind());
    assertEquals(List.of("db.connections", "db.active", "db.idle-in-transaction", "db.max-connections",
        "db.connections-share", "db.transactions", "db.locks-waiting", "db.waiting"), db.keys());
    assertEquals(List.of("db.connections-share >= 0.8 shows db-connections of db.max-connections",
        "db.locks-waiting > 0 shows db-locks", "db.waiting > 5 shows waiting"), described(db.rules()));

    SourceSettings broker = settings("broker { kind = redis, url = \"redis://127.0.0.1:6379/1\", queues = [celery, mail] }")
        .sources().get(0);
    assertEquals(List.of("broker.queued", "broker.queue.celery", "broker.queue.mail"), broker.keys());
    assertEquals(List.of("broker.queued grows 15s shows queue"), described(broker.rules()));
    ResultsSettings both = settings("node { preset = node, url = \"http://127.0.0.1:9100/metrics\" }"
        + ", broker { kind = redis, url = \"redis://127.0.0.1:6379\" }");
    assertTrue(both.serverKeys().containsAll(List.of("heap-after-gc", "node.cpu-busy", "broker.queued")));

    SourceSettings promql = settings("node { kind = promql, preset = node, url = \"https://prometheus.example.test\","
        + " promql-matchers = \"job=\\\"node\\\",instance=~\\\"app-1.*\\\"\", rate-window = 30s,"
        + " metrics { ready = \"sum(up{job=\\\"node\\\"})\" } }").sources().get(0);
    assertEquals("sum(rate(node_cpu_seconds_total{mode!~\"idle|iowait|steal\",job=\"node\",instance=~\"app-1.*\"}[30s]))"
        + " / count(node_cpu_seconds_total{mode=\"idle\",job=\"node\",instance=~\"app-1.*\"})", promql.metrics().get("cpu-busy"));
    assertEquals("sum(up{job=\"node\"})", promql.metrics().get("ready"));
    assertEquals(List.of("node.cpu-busy >= 0.85 shows cpu of node.cores",
        "node.memory-available-share <= 0.1 shows memory of node.memory-total"), described(promql.rules()));
  }

  /** Each rule as {@code <key> <rule> shows <resource>[ of <size key>]}. */
  private static List<String> described(List<SaturationRule> rules) {
    return rules.stream().map(r -> r.describe() + " shows " + r.resource().id()
        + (r.sizeKey().isEmpty() ? "" : " of " + r.sizeKey())).toList();
  }

  @Test
  void theTargetsOwnBlockIsOneSourceAmongTheOthersAndKnowsItsWebWorkersWhenEmbedded() {
    ResultsSettings defaults = ResultsSettings.defaults();
    assertEquals(List.of("db-pending > 0 shows db-connections", "queue-depth grows 15s shows queue"),
        described(defaults.saturationRules()));
    // The embedded target's 8 handlers: 0.85 of them in flight is the web workers' limit.
    assertEquals(List.of("db-pending > 0 shows db-connections", "queue-depth grows 15s shows queue",
        "in-flight >= 6.8 shows web-workers"), described(defaults.withWebWorkers(8).saturationRules()));
    ResultsSettings set = ResultsSettings.from(ConfigFactory.parseString(
        "loadtest.results.prometheus.saturation.in-flight = \">= 3\""));
    assertEquals(set.saturationRules(), set.withWebWorkers(8).saturationRules(), "a rule the user set is kept");
    assertEquals(defaults.saturationRules(), defaults.withWebWorkers(0).saturationRules(), "no handlers known, no rule");
  }

  @Test
  void aSourceMapsItsOwnMetricToAResourceOrRefusesOneItDoesNotHave() {
    SourceSettings app = settings("app { url = \"http://127.0.0.1:9100/metrics\","
        + " metrics { workers-busy = \"gunicorn_workers_busy\", files = \"process_open_fds\" },"
        + " saturation { workers-busy = \">= 4\", files = \">= 1000\" },"
        + " resources { workers-busy = web-workers } }").sources().get(0);
    assertEquals(List.of("app.files >= 1000 shows files", "app.workers-busy >= 4 shows web-workers"),
        described(app.rules()).stream().sorted().toList());
    SourceSettings node = settings("node { preset = node, url = \"http://127.0.0.1:9100/metrics\","
        + " resources { load1 = cpu } }").sources().get(0);
    assertEquals("cpu", node.gauges().get("load1").resource().id());
    assertTrue(refusal("app { preset = node, url = \"http://127.0.0.1:9100/metrics\", resources { nothing = cpu } }")
        .startsWith("loadtest.results.sources.app.resources.nothing = 'cpu': names no metric of this source"));
    assertTrue(refusal("app { preset = node, url = \"http://127.0.0.1:9100/metrics\", resources { load1 = \"CPU!\" } }")
        .contains("must be a resource: db-connections, db-locks, cpu, memory, web-workers, queue"));
  }

  @Test
  void theBacklogsAreTheKeysOfGrowsRulesEachWithHowOftenItIsSampled() {
    ResultsSettings r = ResultsSettings.from(ConfigFactory.parseString(
        "loadtest.results { prometheus { interval = 2s, saturation { db-pending = \"> 0\" } }, sources {"
            + " broker { kind = redis, url = \"redis://127.0.0.1:6379\", interval = 1s },"
            + " db { preset = postgres, url = \"http://127.0.0.1:9187/metrics\" } } }"));
    assertEquals(Map.of("queue-depth", Duration.ofSeconds(2), "broker.queued", Duration.ofSeconds(1)), r.backlogs());
    assertEquals(List.of("queue-depth", "broker.queued"), List.copyOf(r.backlogs().keySet()), "the rules' order");
    assertEquals(Map.of("broker.queued", Duration.ofMillis(200)),
        settings("broker { kind = redis, url = \"redis://127.0.0.1:6379\" }").backlogs(),
        "the target's own rules only while its metrics are scraped; a source's interval defaults to the block's");
  }

  @Test
  void aWrongSourceIsRefusedInOneLineNamingTheKey() {
    assertTrue(refusal("db { preset = mysql, url = \"http://127.0.0.1:1/metrics\" }")
        .startsWith("loadtest.results.sources.db.preset = 'mysql': must be one of node, postgres"));
    assertTrue(refusal("db { preset = postgres }").startsWith("loadtest.results.sources.db.url is missing"));
    assertTrue(refusal("db { preset = postgres, url = \"ftp://x/metrics\" }").contains("must be a http:// or https:// URL"));
    assertTrue(refusal("db { kind = redis, url = \"redis://user:pw@127.0.0.1:6379\" }")
        .contains("must hold no user or password"));
    assertFalse(refusal("db { kind = redis, url = \"redis://user:pw@127.0.0.1:6379\" }").contains("pw"));
    assertTrue(refusal("db { kind = prometheus, url = \"http://127.0.0.1:1/metrics\" }").contains("needs a preset or metrics"));
    assertTrue(refusal("db { preset = node, url = \"http://127.0.0.1:1/metrics\", metrics { x = \"a + b + c\" } }")
        .startsWith("loadtest.results.sources.db.metrics.\"x\" = 'a + b + c': must be a metric expression"));
    assertTrue(refusal("db { preset = node, url = \"http://127.0.0.1:1/metrics\", saturation { cpu-busy = \"85%\" } }")
        .contains("must be >= N"));
    assertTrue(refusal("db { preset = node, url = \"http://127.0.0.1:1/metrics\", saturation { nope = \"> 1\" } }")
        .contains("names no metric of this source"));
    assertTrue(refusal("target { preset = node, url = \"http://127.0.0.1:1/metrics\" }").contains("is not target"));
    assertTrue(refusal("db { kind = redis, preset = node, url = \"redis://127.0.0.1:1\" }").contains("preset redis-celery"));
    assertEquals("unknown setting loadtest.results.sources.db.intervall; a server source has kind, preset, url, interval,"
        + " timeout, token-env, token-file, metrics, saturation, resources, queues, promql-matchers, rate-window; did you mean interval?",
        refusal("db { preset = node, url = \"http://127.0.0.1:1/metrics\", intervall = 1s }"));
    assertTrue(refusal("p { kind = promql, preset = node, url = \"http://127.0.0.1:9090/api/v1/query_range\" }")
        .contains("the query API's root (without /api/v1)"));
    assertTrue(refusal("p { kind = promql, preset = node, url = \"http://127.0.0.1:9090\", promql-matchers = \"job\" }")
        .startsWith("loadtest.results.sources.p.promql-matchers = 'job': must be label matchers"));
    assertTrue(refusal("db { preset = node, url = \"http://127.0.0.1:1/metrics\", token-env = A, token-file = b }")
        .contains("not both"));
  }

  @Test
  void sourcesFeedTheRowsSeriesSummaryAndSaturationAndAFailingSourceIsSaidNotFatal(@TempDir Path dir) throws Exception {
    long t0 = System.currentTimeMillis();
    Path token = dir.resolve("token");
    Files.writeString(token, "s3cr3t-t0ken\n");
    try (MetricsServer node = new MetricsServer(() -> {
          double busy = (System.currentTimeMillis() - t0) / 1000.0 * 1.2;
          return "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 5\nnode_cpu_seconds_total{cpu=\"1\",mode=\"idle\"} 5\n"
              + "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} " + busy + "\n"
              + "node_memory_MemTotal_bytes 1000\nnode_memory_MemAvailable_bytes 400\nnode_load1 1.5\n";
        });
        MetricsServer db = new MetricsServer(() -> """
            pg_stat_activity_count{datname="app",state="active"} 12
            pg_stat_activity_count{datname="app",state="idle"} 7
            pg_settings_max_connections 20
            """);
        StubServer html = new StubServer()) {
      ResultsSettings s = settings(
          "node { preset = node, url = \"" + node.url() + "\", token-file = \"" + token + "\" }"
          + ", db { preset = postgres, url = \"" + db.url() + "\" }"
          + ", down { preset = node, url = \"http://127.0.0.1:1/metrics\" }"
          + ", nonsense { preset = node, url = \"" + html.baseUrl() + "/ok\" }"
          + ", far { preset = node, url = \"http://prod.stub.invalid:9100/metrics\" }"
          + ", notoken { preset = node, url = \"" + node.url() + "\", token-env = LOADTEST_NO_SUCH_TOKEN }");
      s = SuiteRun.guardSources(new TargetGuard(List.of(), "", ""), s);
      RunResults.begin(RunInfo.of("SourcesSimulation", "http://127.0.0.1:1", "synthetic", Map.of(), List.of()), s);
      Await.until("rows with node, db and the CPU rate", () -> RunResults.measurements().rows().stream()
          .anyMatch(r -> r.server().containsKey("node.cpu-busy") && r.server().containsKey("db.connections-share")));
      RunResults.Written w = RunResults.finishInto(dir);
      assertEquals("Bearer s3cr3t-t0ken", node.lastAuthorization());

      String csv = Files.readString(w.series());
      String header = csv.lines().findFirst().orElseThrow();
      // sources in name order (HOCON keeps no order), each metric in its preset's order
      assertTrue(header.contains(",ok_max_ms,db.connections,db.active,"), header);
      assertTrue(header.contains(",node.cpu-busy,node.cores,node.memory-used,"), header);
      assertTrue(header.endsWith(",notoken.memory-available-share,notoken.memory-total,notoken.load1"), header);
      List<String> columns = List.of(header.split(","));
      int share = columns.indexOf("db.connections-share");
      assertTrue(share > columns.indexOf("ok_max_ms"), header);
      assertTrue(csv.lines().skip(1).anyMatch(l -> l.split(",", -1)[share].equals("0.9500")), csv);

      JsonNode sum = SummarySchema.assertValid(w.summary());
      JsonNode src = sum.path("sources");
      assertEquals("sampled", src.at("/db/status").asText());
      assertEquals(19, src.at("/db/metrics/connections/stats/max").asDouble());
      assertEquals(2, src.at("/node/metrics/cores/stats/last").asDouble());
      assertEquals(600, src.at("/node/metrics/memory-used/stats/last").asDouble());
      assertTrue(src.at("/down/gaps").asLong() >= 1 && src.at("/down/gaps").asLong() == src.at("/down/scrapes").asLong());
      assertTrue(src.at("/nonsense/lastError").asText().contains("no Prometheus sample"), src.path("nonsense").toString());
      assertTrue(src.at("/far/status").asText().startsWith("refused: loadtest.results.sources.far.url"), src.toString());
      assertTrue(src.at("/notoken/status").asText().contains("LOADTEST_NO_SUCH_TOKEN is not set"), src.toString());
      assertEquals("db.connections-share", sum.at("/saturation/first/metric").asText(), sum.path("saturation").toString());
      assertEquals("db-connections", sum.at("/saturation/first/resource").asText());
      assertTrue(sum.at("/saturation/sentence").asText().startsWith("database connections (db.connections-share) reached its limit first (>= 0.9)"));
      assertFalse(Files.readString(w.summary()).contains("s3cr3t"), "the token is in no file");
      assertNotNull(w.sources().get("down").trouble("down"));
      assertTrue(w.sources().get("down").trouble("down").contains("polls failed"));
    }
  }
}
