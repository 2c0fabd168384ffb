package interviews.loadtest.results.live;

import com.sun.net.httpserver.HttpServer;
import interviews.loadtest.measure.SecondRow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * The injector's own figures during the run, in the Prometheus text format on
 * {@code http://127.0.0.1:<port>/metrics} ({@code loadtest.results.live}), for a Prometheus that
 * scrapes it beside the servers' exporters and a Grafana dashboard that shows them together
 * (the repository's {@code monitoring/grafana/loadtest-dashboard.json}). It binds loopback only.
 * Values are those of the last whole second ({@link SecondRow}), the totals since the start; the
 * server metrics sampled by the run follow as {@code loadtest_server_metric{key="..."}}. A port
 * in use is one line, and the run goes on without it.
 */
public final class LiveEndpoint implements AutoCloseable {

  /** Every metric name served, in order. */
  public static final List<String> NAMES = List.of(
      "loadtest_run_info", "loadtest_second", "loadtest_arrival_rate", "loadtest_throughput", "loadtest_ok_rate",
      "loadtest_error_rate", "loadtest_error_share", "loadtest_p50_ms", "loadtest_p95_ms", "loadtest_p99_ms",
      "loadtest_users_active", "loadtest_in_flight", "loadtest_journeys_started_total", "loadtest_requests_total",
      "loadtest_errors_total", "loadtest_server_metric");

  private final String simulation;
  private final String runId;
  private final HttpServer server;
  private final ExecutorService pool;
  private volatile SecondRow last;
  private long journeysTotal;
  private long requestsTotal;
  private long errorsTotal;

  private LiveEndpoint(String simulation, String runId, HttpServer server, ExecutorService pool) {
    this.simulation = simulation;
    this.runId = runId;
    this.server = server;
    this.pool = pool;
  }

  /** Serves on 127.0.0.1:{@code port} (0: any free port); null, said in one line, when it cannot. */
  public static LiveEndpoint start(int port, String simulation, String runId) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8);
    } catch (IOException e) {
      System.out.println("[results] live endpoint off: cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
          + "); set loadtest.results.live.port to a free port; the run goes on without it");
      return null;
    }
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "results-live-endpoint");
      t.setDaemon(true);
      return t;
    });
    LiveEndpoint live = new LiveEndpoint(simulation, runId, server, pool);
    server.setExecutor(pool);
    server.createContext("/metrics", ex -> {
      try (ex) {
        byte[] body = live.text().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
    return live;
  }

  /** {@code http://127.0.0.1:PORT/metrics}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
  }

  /** The second just measured. */
  public synchronized void update(SecondRow row) {
    journeysTotal += row.journeysStarted();
    requestsTotal += row.requests();
    errorsTotal += row.errors();
    last = row;
  }

  /** The exposition text now. */
  synchronized String text() {
    StringBuilder sb = new StringBuilder();
    String l = "simulation=\"" + simulation + "\"";
    gauge(sb, "loadtest_run_info", "The run: its simulation and id.", "{" + l + ",run_id=\"" + runId + "\"}", 1);
    SecondRow r = last;
    if (r != null) {
      gauge(sb, "loadtest_second", "The second of the run last measured.", "{" + l + "}", r.second());
      gauge(sb, "loadtest_arrival_rate", "Journeys started in the last second.", "{" + l + "}", r.journeysStarted());
      gauge(sb, "loadtest_throughput", "Requests ended in the last second.", "{" + l + "}", r.requests());
      gauge(sb, "loadtest_ok_rate", "Requests ended OK (409 races included) in the last second.", "{" + l + "}", r.ok() + r.races());
      gauge(sb, "loadtest_error_rate", "Failed requests in the last second.", "{" + l + "}", r.errors());
      gauge(sb, "loadtest_error_share", "Failed / all requests of the last second.", "{" + l + "}", r.errorShare());
      gauge(sb, "loadtest_p50_ms", "Median latency of the last second's requests, ms.", "{" + l + "}", r.p50());
      gauge(sb, "loadtest_p95_ms", "95th percentile latency of the last second's requests, ms.", "{" + l + "}", r.p95());
      gauge(sb, "loadtest_p99_ms", "99th percentile latency of the last second's requests, ms.", "{" + l + "}", r.p99());
      gauge(sb, "loadtest_users_active", "Virtual users (journeys) running.", "{" + l + "}", r.usersActive());
      gauge(sb, "loadtest_in_flight", "Requests sent and not yet answered.", "{" + l + "}", r.inFlight());
      counter(sb, "loadtest_journeys_started_total", "Journeys started since the run began.", "{" + l + "}", journeysTotal);
      counter(sb, "loadtest_requests_total", "Requests ended since the run began.", "{" + l + "}", requestsTotal);
      counter(sb, "loadtest_errors_total", "Failed requests since the run began.", "{" + l + "}", errorsTotal);
      if (!r.server().isEmpty()) {
        sb.append("# HELP loadtest_server_metric The server metrics the run samples, by key (series.csv).\n")
            .append("# TYPE loadtest_server_metric gauge\n");
        for (Map.Entry<String, Double> e : r.server().entrySet()) {
          sb.append("loadtest_server_metric{").append(l).append(",key=\"").append(e.getKey()).append("\"} ")
              .append(num(e.getValue())).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static void gauge(StringBuilder sb, String name, String help, String labels, double v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(labels).append(' ').append(num(v)).append('\n');
  }

  private static void counter(StringBuilder sb, String name, String help, String labels, long v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n")
        .append(name).append(labels).append(' ').append(v).append('\n');
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%s", v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.valueOf((long) v) : String.valueOf(v));
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
