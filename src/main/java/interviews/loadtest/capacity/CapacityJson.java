package interviews.loadtest.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import interviews.loadtest.saturation.Reading;
import interviews.loadtest.saturation.SearchSaturation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes capacity.json: the answers first ({@code maxRate}, {@code maxConcurrentUsers},
 * {@code limitedBy}), the cross-checks ({@code littlesLaw}, {@code usl}), then every step. A figure
 * without a value (no step held, no samples) is null. Its fields are described in docs/capacity.md.
 */
final class CapacityJson {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CapacityJson() {}

  static void write(CapacityReport r, Path file) {
    try {
      JSON.writeValue(file.toFile(), tree(r));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static Map<String, Object> tree(CapacityReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", CapacityReport.FORMAT);
    root.put("journey", r.settings().journey());
    root.put("target", r.target());
    root.put("startedAt", r.startedAt().toString());
    root.put("wallSeconds", n(r.wallSeconds(), 1));
    Map<String, Object> maxRate = new LinkedHashMap<>();
    if (r.open() != null) {
      maxRate.put("journeysPerSecond", n(r.open().found(), 3));
      maxRate.put("requestsPerSecond", n(r.maxRequestsPerSecond(), 2));
      maxRate.put("atLeast", r.open().atLeast());
      maxRate.put("firstBadJourneysPerSecond", n(r.open().firstBad(), 3));
      maxRate.put("limitedBy", r.open().limitedBy());
      maxRate.put("searchEndedBy", r.open().endedBy());
      root.put("maxRate", maxRate);
    } else {
      root.put("maxRate", null);
    }
    if (r.closed() != null) {
      root.put("maxConcurrentUsers", Double.isNaN(r.closed().found()) ? null : (long) r.closed().found());
      Map<String, Object> users = new LinkedHashMap<>();
      users.put("atLeast", r.closed().atLeast());
      users.put("firstBadUsers", Double.isNaN(r.closed().firstBad()) ? null : (long) r.closed().firstBad());
      users.put("limitedBy", r.closed().limitedBy());
      users.put("searchEndedBy", r.closed().endedBy());
      users.put("thinkTime", r.thinkTimeText());
      root.put("concurrentUsers", users);
    } else {
      root.put("maxConcurrentUsers", null);
      root.put("concurrentUsers", null);
    }
    root.put("limitedBy", r.limitedBy());
    root.put("saturation", saturation(r.saturation()));
    Map<String, Object> slowsDown = new LinkedHashMap<>();
    for (ModelResult m : new ModelResult[] {r.open(), r.closed()}) {
      if (m != null) {
        Step slow = r.slowsDown(m);
        Step fail = r.fails(m);
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("slowsDownAt", slow == null ? null : n(slow.load(), 3));
        one.put("failsAt", fail == null ? null : n(fail.load(), 3));
        slowsDown.put(m.model(), one);
      }
    }
    root.put("loads", slowsDown);
    LittlesLaw l = r.littlesLaw();
    if (l == null) {
      root.put("littlesLaw", null);
    } else {
      Map<String, Object> little = new LinkedHashMap<>();
      little.put("throughputJourneysPerSecond", n(l.throughput(), 3));
      little.put("cycleSeconds", n(l.cycleSeconds(), 3));
      little.put("responseSeconds", n(l.responseSeconds(), 3));
      little.put("thinkSeconds", n(l.thinkSeconds(), 3));
      little.put("predictedUsers", n(l.predictedUsers(), 1));
      little.put("foundUsers", n(l.foundUsers(), 0));
      little.put("ratio", n(l.ratio(), 3));
      root.put("littlesLaw", little);
    }
    UslFit u = r.usl();
    if (u == null) {
      root.put("usl", null);
    } else {
      Map<String, Object> usl = new LinkedHashMap<>();
      usl.put("sigma", n(u.sigma(), 6));
      usl.put("kappa", n(u.kappa(), 8));
      usl.put("lambda", n(u.lambda(), 6));
      usl.put("peakConcurrency", u.peakConcurrency());
      usl.put("peakThroughput", n(u.peakThroughput(), 3));
      usl.put("points", u.points());
      usl.put("rmsError", n(u.rmsError(), 4));
      root.put("usl", usl);
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("description", r.settings().describe());
    settings.put("warmUpSeconds", r.settings().warmUp().toSeconds());
    settings.put("stepSeconds", r.settings().judged().toSeconds());
    settings.put("resolution", r.settings().resolution());
    settings.put("maxDurationSeconds", r.settings().maxDuration().toSeconds());
    if (r.settings().open() != null) {
      settings.put("maxRate", r.settings().open().maxRate());
      settings.put("minAchieved", r.settings().open().minAchieved());
    }
    if (r.settings().closed() != null) {
      settings.put("maxUsers", r.settings().closed().maxUsers());
    }
    root.put("settings", settings);
    root.put("slos", r.slos());
    root.put("failure", r.failure());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Step s : r.steps()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("number", s.number());
      one.put("model", s.model());
      one.put("phase", s.phase());
      one.put("offered", n(s.load(), 3));
      one.put("unit", s.open() ? "journeys/s" : "users");
      one.put("startSecond", s.startSecond());
      one.put("judgedSeconds", s.judgedSeconds());
      one.put("warmUpSeconds", s.stretchedWarmUp() > 0 ? s.stretchedWarmUp() : r.settings().warmUp().toSeconds());
      one.put("endedEarly", s.endedEarly());
      one.put("startedPerSecond", n(s.started(), 3));
      one.put("achieved", n(s.achieved(), 3));
      one.put("requestsPerSecond", n(s.requestsPerSecond(), 3));
      one.put("sentPerSecond", n(s.sentPerSecond(), 3));
      one.put("requests", s.requests());
      one.put("errors", s.errors());
      one.put("errorRate", n(s.errorRate(), 5));
      one.put("p50", n(s.p50(), 1));
      one.put("p95", n(s.p95(), 1));
      one.put("p99", n(s.p99(), 1));
      one.put("meanMs", n(s.meanLatency(), 1));
      one.put("concurrency", n(s.concurrency(), 2));
      Map<String, Object> server = new LinkedHashMap<>();
      s.server().forEach((k, v) -> server.put(k, n(v, 3)));
      one.put("server", server);
      one.put("resources", s.resources().stream().map(CapacityJson::reading).toList());
      one.put("good", s.good());
      one.put("breaches", s.breaches());
      one.put("closest", s.closest());
      one.put("borderline", s.borderline());
      steps.add(one);
    }
    root.put("steps", steps);
    return root;
  }

  /** The search's {@code saturation} block: what ran out first, at which load, the evidence, the sizes. */
  static Map<String, Object> saturation(SearchSaturation s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resource", s.resource() == null ? null : s.resource().id());
    m.put("label", s.resource() == null ? null : s.resource().label());
    m.put("metric", s.metric());
    m.put("model", s.model());
    m.put("atLoad", n(s.atLoad(), 3));
    m.put("unit", s.unit());
    m.put("evidence", s.evidence());
    m.put("sentence", s.sentence());
    Map<String, Object> sizes = new LinkedHashMap<>();
    s.sizes().forEach((k, v) -> sizes.put(k, n(v, 3)));
    m.put("sizes", sizes);
    List<Map<String, Object>> reached = new ArrayList<>();
    for (SearchSaturation.Reached x : s.reached()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("resource", x.resource().id());
      one.put("label", x.resource().label());
      one.put("metric", x.metric());
      one.put("atLoad", n(x.atLoad(), 3));
      one.put("text", x.text());
      reached.add(one);
    }
    m.put("reached", reached);
    return m;
  }

  /** One step's reading of one rule. */
  static Map<String, Object> reading(Reading x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resource", x.resource().id());
    m.put("label", x.resource().label());
    m.put("metric", x.rule().key());
    m.put("rule", x.rule().text());
    m.put("mean", n(x.mean(), 6));
    m.put("max", n(x.max(), 6));
    m.put("slopePerSecond", n(x.slope(), 6));
    m.put("state", x.state());
    m.put("size", n(x.size(), 3));
    m.put("sizeName", x.sizeUnit());
    m.put("text", x.text());
    return m;
  }

  /** A number rounded, or null when it has no value. */
  private static Double n(double value, int decimals) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : Numbers.round(value, decimals);
  }
}
