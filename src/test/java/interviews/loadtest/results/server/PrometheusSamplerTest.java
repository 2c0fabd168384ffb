package interviews.loadtest.results.server;

import interviews.loadtest.results.ResultsSettings;
import static org.junit.jupiter.api.Assertions.*;

import interviews.loadtest.testing.Await;
import interviews.loadtest.testing.StubServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusSamplerTest {

  private static final String TEXT = """
      # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
      # TYPE process_cpu_seconds_total counter
      process_cpu_seconds_total 10.0
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.5E7
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
      db_pool_connections_active{pool="main"} 7
      db_pool_connections_pending{pool="main"} 3
      http_requests_in_flight 12
      notification_queue_depth{channel="email",note="a \\"quoted\\", value"} 40
      notification_queue_depth{channel="sms"} 2
      notification_queue_oldest_age_seconds 1.25 1700000000000
      """;

  @Test
  void parsesLabelsSumsLabelSetsAndAppliesFilters() {
    List<PrometheusText.Sample> s = PrometheusText.parse(TEXT);
    assertEquals(10, s.size());
    assertEquals("a \"quoted\", value", s.get(7).labels().get("note"));
    assertEquals(3.5e7, PrometheusText.sum(s, MetricSelector.parse("jvm_memory_used_bytes{area=\"heap\"}")).getAsDouble());
    assertEquals(1.25e8, PrometheusText.sum(s, MetricSelector.parse("jvm_memory_used_bytes")).getAsDouble());
    assertEquals(42, PrometheusText.sum(s, MetricSelector.parse("notification_queue_depth")).getAsDouble());
    assertEquals(2, PrometheusText.sum(s, MetricSelector.parse("notification_queue_depth{channel=\"sms\"}")).getAsDouble());
    assertEquals(1.25, PrometheusText.sum(s, MetricSelector.parse("notification_queue_oldest_age_seconds")).getAsDouble());
    assertTrue(PrometheusText.sum(s, MetricSelector.parse("absent_metric")).isEmpty());
  }

  @Test
  void scrapesTurnsCpuCounterIntoCoresAndRecordsGaps() throws Exception {
    try (StubServer stub = new StubServer()) {
      stub.metricsText(TEXT);
      ServerMetricsSampler sampler = new ServerMetricsSampler(URI.create(stub.baseUrl() + "/metrics"),
          Duration.ofSeconds(5), Duration.ofSeconds(2), ResultsSettings.defaults().prometheus().metrics());
      ServerMetricsSampler.ServerSample first = sampler.scrapeOnce();
      assertFalse(first.gap());
      assertNull(first.values().get("cpu"), "no rate from a single counter value");
      assertEquals(3.5e7, first.values().get("heap"));
      assertEquals(7.0, first.values().get("db-active"));
      assertEquals(3.0, first.values().get("db-pending"));
      assertEquals(12.0, first.values().get("in-flight"));
      assertEquals(42.0, first.values().get("queue-depth"));

      // 0.5 CPU seconds more over the time between the two scrapes, however long that was.
      Await.until("the clock to move on from the first scrape", () -> System.currentTimeMillis() > first.epochMillis());
      stub.metricsText(TEXT.replace("process_cpu_seconds_total 10.0", "process_cpu_seconds_total 10.5"));
      ServerMetricsSampler.ServerSample second = sampler.scrapeOnce();
      double seconds = (second.epochMillis() - first.epochMillis()) / 1000.0;
      assertEquals(0.5 / seconds, second.values().get("cpu"), 1e-9);

      stub.close();
      ServerMetricsSampler.ServerSample gap = sampler.scrapeOnce();
      assertTrue(gap.gap(), "a failed scrape is a gap");
      assertEquals(3, sampler.samples().size());
      ServerSummary summary = ServerSummary.of(sampler, ResultsSettings.defaults().prometheus());
      assertEquals(1L, summary.gaps());
      assertEquals(3L, summary.scrapes());
      assertEquals(2L, summary.metrics().get("queue-depth").samples(), "the gap has no values");
    }
  }

  @Test
  void cpuCoresAreTheCounterIncreaseOverTheTimeBetweenScrapes() {
    ServerMetricsSampler sampler = new ServerMetricsSampler(URI.create("http://127.0.0.1:1/metrics"),
        Duration.ofSeconds(5), Duration.ofSeconds(2), ResultsSettings.defaults().prometheus().metrics());
    assertNull(sampler.extract(cpu(10.0), 1_000).get("cpu"), "no rate from a single counter value");
    assertEquals(0.25, sampler.extract(cpu(10.5), 3_000).get("cpu"), 1e-12, "0.5 CPU-seconds in 2 s");
    assertEquals(1.5, sampler.extract(cpu(12.0), 4_000).get("cpu"), 1e-12, "1.5 CPU-seconds in 1 s");
    assertNull(sampler.extract(cpu(3.0), 5_000).get("cpu"), "a counter that went back (a restart) gives no rate");
    assertEquals(2.0, sampler.extract(cpu(4.0), 5_500).get("cpu"), 1e-12, "counted again from the restart");
    assertNull(sampler.extract(cpu(5.0), 5_500).get("cpu"), "no rate without time between scrapes");
  }

  private static List<PrometheusText.Sample> cpu(double seconds) {
    return PrometheusText.parse("process_cpu_seconds_total " + seconds + "\n");
  }

  @Test
  void scrapesTheTargetsMetricsPathUnlessAnotherUrlIsSet() {
    ResultsSettings.Prometheus p = ResultsSettings.defaults().prometheus();
    assertEquals(URI.create("http://127.0.0.1:8080/metrics"), ServerMetricsSampler.endpoint(p, "http://127.0.0.1:8080/"));
    // Whether another host may be scraped is the target guard's decision (SuiteRunTest).
    ResultsSettings.Prometheus elsewhere = new ResultsSettings.Prometheus(true, "http://127.0.0.2:9100/metrics",
        p.interval(), p.timeout(), p.metrics(), p.saturation());
    assertEquals(URI.create("http://127.0.0.2:9100/metrics"), ServerMetricsSampler.endpoint(elsewhere, "http://127.0.0.1:8080"));
    ResultsSettings.Prometheus off = new ResultsSettings.Prometheus(false, "", p.interval(), p.timeout(), p.metrics(), p.saturation());
    assertNull(ServerMetricsSampler.endpoint(off, "http://127.0.0.1:8080"));
  }
}
