package interviews.loadtest.capacity;

import interviews.loadtest.slo.LineFit;
import interviews.loadtest.saturation.Growth;
import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Whether one step held: every SLO on the step's judged window (its requests only, not the run's),
 * and, in the open model, whether the system keeps up with the offered load, sustainably:
 *
 * <ul>
 *   <li><b>requests</b>: at least {@code minAchieved} of the requests sent in the window were
 *       answered in it (sent: those answered plus the growth of those in flight, both counted at
 *       the window's ticks, so exact); a target that keeps up answers what it is sent, one that
 *       does not queues the rest, and its requests in flight grow;
 *   <li><b>journeys</b>: the journeys in progress do not grow through the window. A bottleneck no
 *       request waits for (background workers the journey polls) lets every request be answered
 *       while journeys pile up. The step's warm-up lasts as long as most journeys
 *       (CapacitySearch), so a system that drains what it is offered has a steady count in the
 *       judged window; the step breaks when a line through the count second by second is 95 %
 *       sure ({@link LineFit#slopeAtLeast()}) that it rises by more than {@code 1 - minAchieved} of
 *       the journeys started in the window;
 *   <li><b>backlogs</b>: each server metric whose saturation rule is a backlog rule ({@code grows}:
 *       the target's queue-depth, a broker's queued) does not grow through the window: the step
 *       breaks when a line through its samples is 95 % sure that it rises by more than
 *       {@code 1 - minAchieved} of the offered journeys a second (one job a journey: more than that
 *       share of the arrivals piles up). A metric with fewer than {@value Growth#MIN_POINTS}
 *       samples in the window is not judged;
 *   <li><b>the load generator</b>: the journeys started a second must be the offered rate (90 % or
 *       more), or the load generator, not the target, fell behind.
 * </ul>
 *
 * A closed model's load follows the system's speed by construction (nothing can pile up beyond
 * its users), so only its SLOs judge it.
 *
 * <p>Each check is a share of its limit (above 1: broken): an SLO's figure over its limit,
 * throughput's unanswered share over the share allowed (1 - minAchieved), the growth a line is
 * 95 % sure of over the growth allowed ({@link Growth#share}). The highest is the step's closest figure, and a step
 * whose closest figure is within {@code borderline} of 1 is measured again. A breach is
 * <em>clear</em> when an SLO's figure is at {@value #CLEAR} times its limit or more, on at least
 * {@value #MIN_SAMPLES} requests, or throughput's or a growth's at {@value #CLEAR_THROUGHPUT}
 * times: then the step ends early.
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
  private final Map<String, Duration> backlogs;

  /** What the judge found. */
  record Judgement(boolean good, List<String> breaches, String closest, double closestShare, boolean clear) {

    /** Whether the closest figure is within {@code borderline} of its limit, either side. */
    boolean borderline(double borderline) {
      return !clear && Math.abs(closestShare - 1) <= borderline;
    }
  }

  /**
   * @param backlogs the server metric keys whose saturation rule is a backlog rule, each with how
   *     often it is sampled ({@code ResultsSettings.backlogs()})
   */
  StepJudge(List<Slo> slos, double minAchieved, Map<String, Duration> backlogs) {
    this.slos = List.copyOf(slos);
    this.minAchieved = minAchieved;
    this.backlogs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(backlogs));
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
      checks.addAll(journeysInProgress(w));
      checks.addAll(backlogs(w, openRate));
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

  /**
   * Journeys in progress must not surely grow through the window by more than
   * {@code 1 - minAchieved} of the journeys started in it; not judged when the window has fewer
   * than {@value Growth#MIN_POINTS} seconds.
   */
  private List<Check> journeysInProgress(Window w) {
    Growth g = Growth.of(w.rows(), r -> (double) r.usersActive(), 1);
    if (g == null) {
      return List.of();
    }
    double allowed = (1 - minAchieved) * w.started() / w.seconds();
    double share = g.share(allowed);
    String text = share > 1
        ? String.format(Locale.ROOT, "journeys: in progress grew from %s to %s over the step (%s a second, at least %s "
            + "at 95 %%; %s allowed): the system does not drain what it is offered", whole(g.from()), whole(g.to()),
            rate(g.perSecond()), rate(g.atLeast()), rate(allowed))
        : String.format(Locale.ROOT, "journeys: in progress from %s to %s over the step (%s a second, at least %s at 95 %%; "
            + "%s allowed)", whole(g.from()), whole(g.to()), rate(g.perSecond()), rate(g.atLeast()), rate(allowed));
    return List.of(new Check(text, share, w.started() >= MIN_SAMPLES, CLEAR_THROUGHPUT));
  }

  /**
   * Each backlog must not surely grow through the window by more than {@code 1 - minAchieved} of
   * the offered journeys a second (one job a journey); not judged with fewer than
   * {@value Growth#MIN_POINTS} samples in the window.
   */
  private List<Check> backlogs(Window w, double openRate) {
    List<Check> out = new ArrayList<>();
    double allowed = (1 - minAchieved) * openRate;
    backlogs.forEach((key, sampled) -> {
      Growth g = Growth.of(w.rows(), r -> r.server().get(key), Growth.seconds(sampled));
      if (g == null) {
        return;
      }
      double share = g.share(allowed);
      String text = String.format(Locale.ROOT, "backlog: %s %s %s a second over the step (from %s to %s; at least %s at 95 %%; "
          + "%s allowed)", key, share > 1 ? "grew" : "changed", rate(g.perSecond()), whole(g.from()), whole(g.to()),
          rate(g.atLeast()), rate(allowed));
      out.add(new Check(text, share, true, CLEAR_THROUGHPUT));
    });
    return out;
  }

  private static String whole(double v) {
    return Numbers.plain(Math.max(0, Numbers.round(v, 0)));
  }

  private static String rate(double v) {
    return Numbers.plain(Numbers.round(v, Math.abs(v) < 0.1 ? 2 : 1));
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
