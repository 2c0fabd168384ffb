package interviews.loadtest.results.server;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricExprTest {

  private static final List<PrometheusText.Sample> NODE = PrometheusText.parse("""
      node_cpu_seconds_total{cpu="0",mode="idle"} 100
      node_cpu_seconds_total{cpu="0",mode="user"} 10
      node_cpu_seconds_total{cpu="0",mode="iowait"} 5
      node_cpu_seconds_total{cpu="1",mode="idle"} 100
      node_cpu_seconds_total{cpu="1",mode="user"} 20
      node_memory_MemTotal_bytes 1000
      node_memory_MemAvailable_bytes 250
      up{job="a"} 1
      up 3
      """);

  private static double read(String expr, List<PrometheusText.Sample> s) {
    return MetricExpr.parse(expr).reader().read(s, 0).orElse(Double.NaN);
  }

  @Test
  void labelMatchersBehaveLikePromQl() {
    assertEquals(200, read("node_cpu_seconds_total{mode=\"idle\"}", NODE));
    assertEquals(35, read("node_cpu_seconds_total{mode!=\"idle\"}", NODE));
    assertEquals(30, read("node_cpu_seconds_total{mode=~\"user\"}", NODE));
    assertEquals(30, read("node_cpu_seconds_total{mode!~\"idle|iowait\"}", NODE));
    // =~ is anchored at both ends, as in PromQL: "use" does not match "user"
    assertTrue(Double.isNaN(read("node_cpu_seconds_total{mode=~\"use\"}", NODE)));
    // a missing label counts as "": job!="a" matches the sample without job
    assertEquals(3, read("up{job!=\"a\"}", NODE));
    assertEquals(3, read("up{job=\"\"}", NODE));
    assertEquals(2, read("count(node_cpu_seconds_total{mode=\"idle\"})", NODE));
    assertEquals(20, read("max(node_cpu_seconds_total{mode=\"user\"})", NODE));
    assertEquals(750, read("node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes", NODE));
    assertEquals(0.25, read("node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes", NODE));
    assertEquals(1250, read("node_memory_MemTotal_bytes + node_memory_MemAvailable_bytes", NODE));
    assertTrue(Double.isNaN(read("absent_metric", NODE)));
  }

  @Test
  void rateIsTheIncreasePerSecondBetweenScrapes() {
    MetricExpr.Reader busy = MetricExpr.parse(
        "rate(node_cpu_seconds_total{mode!~\"idle|iowait|steal\"}) / count(node_cpu_seconds_total{mode=\"idle\"})").reader();
    assertTrue(busy.read(NODE, 1_000).isEmpty(), "no rate on the first scrape");
    List<PrometheusText.Sample> later = PrometheusText.parse("""
        node_cpu_seconds_total{cpu="0",mode="idle"} 101
        node_cpu_seconds_total{cpu="0",mode="user"} 13
        node_cpu_seconds_total{cpu="1",mode="idle"} 101
        node_cpu_seconds_total{cpu="1",mode="user"} 23
        """);
    // 6 CPU seconds busy in 5 s on 2 cores: 0.6 of all cores
    assertEquals(0.6, busy.read(later, 6_000).getAsDouble(), 1e-9);
    // a counter reset yields nothing, then rates again
    assertTrue(busy.read(NODE, 7_000).isEmpty());
  }

  @Test
  void badExpressionsAreRefused() {
    for (String bad : List.of("1metric", "a{mode=\"x\"", "a{mode~\"x\"}", "a{mode=~\"(\"}", "a + b + c", "rate(a", "a{b=c}")) {
      assertThrows(IllegalArgumentException.class, () -> MetricExpr.parse(bad), bad);
    }
    // an operator inside a quoted label value is no operator
    assertEquals(1, read("up{job=\"a\"}", NODE));
    assertDoesNotThrow(() -> MetricExpr.parse("x{path=~\"/api/.*-v1\"}"));
  }
}
