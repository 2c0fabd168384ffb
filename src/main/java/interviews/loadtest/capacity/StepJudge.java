package interviews.loadtest.capacity;

import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Whether one step held: every SLO on the step's judged window (its requests only, not the run's),
 * and, in the open model, whether throughput followed the offered load: at least
 * {@code minAchieved} of the requests sent in the window were answered in it (sent: those
 * answered plus the growth of those in flight, both counted at the window's ticks, so exact). Requests, not journeys: a journey lasts seconds (thinking), so which journeys
 * end inside a window of a few seconds is a matter of chance, while a request that is not queued
 * ends within milliseconds; a target that keeps up answers what it is sent, one that does not
 * queues the rest, and its requests in flight grow. Journeys must follow as well, more coarsely:
 * at least {@code minAchieved} of the journeys started in the window must end in it, less three
 * standard deviations of chance (√(3 × journeys in progress)), which catches a bottleneck that no
 * request waits for (background workers the journey polls). The journeys started a second must also be
 * the offered rate (90 % or more), or the load generator, not the target, fell behind. A closed
 * model's load follows the system's speed by construction, so only its SLOs judge it.
 *
 * <p>Each check is a share of its limit (above 1: broken): an SLO's figure over its limit, and
 * throughput's unanswered share over the share allowed (1 - minAchieved). The highest is the step's
 * closest figure, and a step whose closest figure is within {@code borderline} of 1 is measured
 * again. A breach is <em>clear</em> when an SLO's figure is at {@value #CLEAR} times its limit or
 * more, or throughput's at {@value #CLEAR_THROUGHPUT}, on at least {@value #MIN_SAMPLES} requests:
 * then the step ends early.
 */
final class StepJudge {

  /** A figure this many times its limit is a clear breach. */
  static final double CLEAR = 1.5;
  /**
   * Throughput is a clear breach when this many times the unanswered share allowed is unanswered
   * (with 95 %: 80 % or less answered); the first seconds of a step just above the ceiling queue a
   * few requests by chance.
   */
  static final double CLEAR_THROUGHPUT = 4;
  /** Fewer requests than this never make a clear breach (nor a clear error rate, fewer errors than 5). */
  static final int MIN_SAMPLES = 20;

  private final List<Slo> slos;
  private final double minAchieved;

  /** What the judge found. */
  record Judgement(boolean good, List<String> breaches, String closest, double closestShare, boolean clear) {

    /** Whether the closest figure is within {@code borderline} of its limit, either side. */
    boolean borderline(double borderline) {
      return !clear && Math.abs(closestShare - 1) <= borderline;
    }
  }

  StepJudge(List<Slo> slos, double minAchieved) {
    this.slos = List.copyOf(slos);
    this.minAchieved = minAchieved;
  }

  /** The scopes whose figures the judge needs (besides all requests). */
  List<String> scopes() {
    return slos.stream().map(Slo::scope).filter(s -> !Slo.GLOBAL.equals(s) && !Slo.EACH_REQUEST.equals(s)).distinct().toList();
  }

  /**
   * Judges {@code w}.
   *
   * @param openRate the open model's offered journeys a second, NaN for a closed step
   * @param names every request name seen, for an SLO of each request
   */
  Judgement judge(Window w, double openRate, List<String> names) {
    List<String> breaches = new ArrayList<>();
    String closest = "";
    double closestShare = 0;
    boolean clear = false;
    List<Check> checks = new ArrayList<>();
    for (Slo slo : slos) {
      if (Slo.GLOBAL.equals(slo.scope())) {
        checks.add(check(slo, slo.scope(), w.requests(), w.errors(), w.latency()));
      } else if (Slo.EACH_REQUEST.equals(slo.scope())) {
        for (String name : names) {
          Window.Scope s = w.scopes().get(name);
          if (s != null) {
            checks.add(check(slo, name, s.count(), s.errors(), s.latency()));
          }
        }
      } else {
        Window.Scope s = w.scopes().get(slo.scope());
        if (s != null) {
          checks.add(check(slo, slo.scope(), s.count(), s.errors(), s.latency()));
        }
      }
    }
    if (!Double.isNaN(openRate) && w.seconds() > 0) {
      // The share of sent requests left unanswered, against the share allowed (1 - minAchieved).
      double answered = w.sent() == 0 ? 1 : Math.min(1, (double) w.requests() / w.sent());
      double share = minAchieved >= 1 ? (answered < 1 ? Double.POSITIVE_INFINITY : 0) : (1 - answered) / (1 - minAchieved);
      String text = String.format(Locale.ROOT, "throughput: %s of %s requests/s sent were answered (%s %% %s %s %%)",
          Numbers.plain(Numbers.round(w.requestsPerSecond(), 2)), Numbers.plain(Numbers.round(w.sentPerSecond(), 2)),
          Numbers.plain(Numbers.round(answered * 100, 1)), share > 1 ? "<" : ">=",
          Numbers.plain(minAchieved * 100));
      checks.add(new Check(text, share, w.sent() >= MIN_SAMPLES, CLEAR_THROUGHPUT));
      // Journeys must follow too: a bottleneck outside the request path (background workers the
      // journey waits for) lets every request be answered while journeys pile up. Which journeys
      // end inside the window is chance (their lengths vary by seconds): allowed, three standard
      // deviations of that chance, sqrt(3 x journeys in progress).
      double slack = Math.sqrt(3 * w.meanActive());
      double needed = Math.max(0, minAchieved * w.started() - slack);
      double journeyShare = w.ended() == 0 ? (needed > 0 ? Double.POSITIVE_INFINITY : 0) : needed / w.ended();
      checks.add(new Check(String.format(Locale.ROOT,
          "journeys: %s of %s journeys/s started ended (%s %%; %s %% less %s by chance needed)",
          Numbers.plain(Numbers.round(w.achieved(), 2)), Numbers.plain(Numbers.round(w.startedPerSecond(), 2)),
          Numbers.plain(Numbers.round(w.started() == 0 ? 100 : 100.0 * w.ended() / w.started(), 1)),
          Numbers.plain(minAchieved * 100), Numbers.plain(Numbers.round(slack, 0))),
          journeyShare, w.started() >= MIN_SAMPLES));
      if (w.startedPerSecond() < 0.9 * openRate) {
        breaches.add(String.format(Locale.ROOT, "the load generator started only %s of %s journeys/s",
            Numbers.plain(w.startedPerSecond()), Numbers.plain(openRate)));
      }
    }
    for (Check c : checks) {
      if (c.share > 1) {
        breaches.add(c.text);
        clear |= c.enough && c.share >= c.clearAt;
      }
      if (c.share >= closestShare) {
        closestShare = c.share;
        closest = c.text;
      }
    }
    return new Judgement(breaches.isEmpty(), breaches, closest, closestShare, clear);
  }

  /** One figure against its limit: share = value / limit (above 1: broken). */
  private record Check(String text, double share, boolean enough, double clearAt) {
    Check(String text, double share, boolean enough) {
      this(text, share, enough, CLEAR);
    }
  }

  private static Check check(Slo slo, String scope, long count, long errors, Histogram latency) {
    Metric m = slo.metric();
    if (m.equals(Metric.ERROR_RATE)) {
      double rate = count == 0 ? 0 : (double) errors / count;
      double share = slo.limit() == 0 ? (errors > 0 ? Double.POSITIVE_INFINITY : 0) : rate / slo.limit();
      return new Check(String.format(Locale.ROOT, "%s: %s error rate %s %s %s", slo.name(), scope,
          Numbers.percent(rate), share > 1 ? (slo.limit() == 0 ? "> " : ">= ") : (slo.limit() == 0 ? "= " : "< "),
          Numbers.percent(slo.limit())),
          share, slo.limit() == 0 ? errors >= 5 : count >= MIN_SAMPLES);
    }
    double value = latency.getTotalCount() == 0 ? Double.NaN
        : m.equals(Metric.MEAN) ? latency.getMean() : Window.percentile(latency, m.percentile());
    double share = Double.isNaN(value) ? 0 : slo.limit() == 0 ? (value > 0 ? Double.POSITIVE_INFINITY : 0) : value / slo.limit();
    return new Check(String.format(Locale.ROOT, "%s: %s %s %s %s", slo.name(), scope, m.key(), Numbers.ms(value).replace(" ms", ""),
        (share > 1 ? ">= " : "< ") + Numbers.plain(slo.limit()) + " ms"), share, latency.getTotalCount() >= MIN_SAMPLES);
  }
}
