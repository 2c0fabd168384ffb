package interviews.loadtest.reference;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.DoubleSupplier;

/**
 * The reference target's Prometheus metrics, in a registry of its own so that several targets in one
 * JVM do not clash. docs/reference-target.md lists them ("Metrics").
 */
public final class TargetMetrics {

  private static final double[] LATENCY_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10};
  private static final double[] LAG_BUCKETS = {
    0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};

  final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter requests;
  private final Histogram duration;
  private final Gauge inFlight;
  final Histogram notificationLag;
  private final HeapAfterGc heapAfterGc = new HeapAfterGc();

  TargetMetrics() {
    requests = Counter.builder()
        .name("http_requests_total")
        .help("HTTP requests answered, by route, method and status")
        .labelNames("route", "method", "status")
        .register(registry);
    duration = Histogram.builder()
        .name("http_request_duration_seconds")
        .help("Time from receiving a request's headers until its response is ready to write, by route, method and status")
        .labelNames("route", "method", "status")
        .classicOnly()
        .classicUpperBounds(LATENCY_BUCKETS)
        .register(registry);
    inFlight = Gauge.builder()
        .name("http_requests_in_flight")
        .help("HTTP requests being processed or waiting for a handler")
        .register(registry);
    notificationLag = Histogram.builder()
        .name("notification_lag_seconds")
        .help("Time from enqueueing a notification job to its notification being sent")
        .classicOnly()
        .classicUpperBounds(LAG_BUCKETS)
        .register(registry);
    ProcessMetrics.builder().register(registry);
    JvmMemoryMetrics.builder().register(registry);
    JvmThreadsMetrics.builder().register(registry);
    JvmGarbageCollectorMetrics.builder().register(registry);
    gauge("jvm_memory_heap_after_gc_bytes", "Heap bytes in use right after the latest garbage collection, young or full",
        heapAfterGc::bytes);
  }

  /** Stops the metrics that listen to the JVM. */
  void close() {
    heapAfterGc.close();
    registry.clear();
  }

  void gauge(String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(value.getAsDouble()))
        .register(registry);
  }

  void counter(String name, String help, DoubleSupplier value) {
    io.prometheus.metrics.core.metrics.CounterWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(value.getAsDouble()))
        .register(registry);
  }

  /** A request arrived: one more in flight until {@link #requestEnded}. */
  public void requestStarted() {
    inFlight.inc();
  }

  public void requestEnded() {
    inFlight.dec();
  }

  /** One answered request, by route label, method and status, with its duration. */
  public void record(String route, String method, int status, double seconds) {
    String s = Integer.toString(status);
    requests.labelValues(route, method, s).inc();
    duration.labelValues(route, method, s).observe(seconds);
  }

  public String contentType() {
    return writer.getContentType();
  }

  public byte[] scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    writer.write(out, registry.scrape());
    return out.toByteArray();
  }
}
