package interviews.loadtest.slo;

import interviews.loadtest.measure.SecondHistogram;
import interviews.loadtest.measure.SecondRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Judges a run's {@link DriftSlo}s at its end, from its per-second rows (requests, errors, server
 * samples) and its per-second latency histograms. Time is in seconds since the run began, as in
 * series.csv: row {@code s} covers the second that ended at {@code s}.
 *
 * <p>With warm-up {@code w}, window {@code W} and a run of {@code T} seconds: the first window is
 * {@code (w, w+W]}, the last {@code (T-W, T]}, and the error windows are {@code (w+kW, w+(k+1)W]}
 * while they fit, plus the last window when time is left over. Nothing is judged when
 * {@code T - w < 2W}: the two windows would overlap.
 */
public final class DriftJudge {

  private final DriftPlan plan;
  private final List<SecondRow> rows;
  private final Function<String, List<SecondHistogram>> latencies;
  private final long scrapeSeconds;

  /**
   * @param latencies the per-second latency histograms of a scope ("global" or a request name)
   * @param scrapeInterval how often the server metrics were sampled: each row repeats the latest
   *     sample, so a slope is fitted over one row per interval, as many points as there were samples
   */
  public DriftJudge(DriftPlan plan, List<SecondRow> rows, Function<String, List<SecondHistogram>> latencies,
      java.time.Duration scrapeInterval) {
    this.plan = plan;
    this.rows = List.copyOf(rows);
    this.latencies = latencies;
    this.scrapeSeconds = Math.max(1, (scrapeInterval.toMillis() + 999) / 1000);
  }

  /** A window of the run: seconds {@code (from, to]}. */
  record Window(double from, double to) {
    boolean holds(double second) {
      return second > from && second <= to;
    }

    String label() {
      return clock(from) + "-" + clock(to);
    }
  }

  /** One verdict per drift SLO, in the plan's order. */
  public List<DriftVerdict> verdicts() {
    double end = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).second();
    double w = plan.warmUp().toSeconds();
    double win = plan.window().toSeconds();
    List<DriftVerdict> out = new ArrayList<>();
    for (DriftSlo slo : plan.slos()) {
      double limit = slo.limit();
      if (end - w < 2 * win) {
        out.add(DriftVerdict.skipped(slo, limit, String.format(Locale.ROOT,
            "not judged: the run lasted %s, shorter than the warm-up %s and two windows of %s",
            clock(end), clock(w), clock(win))));
        continue;
      }
      Window first = new Window(w, w + win);
      Window last = new Window(end - win, end);
      if (slo instanceof DriftSlo.LatencyCreep c) {
        out.add(latencyCreep(c, first, last));
      } else if (slo instanceof DriftSlo.ErrorsPerWindow e) {
        out.add(errorsPerWindow(e, windows(w, win, end)));
      } else {
        out.add(serverGrowth((DriftSlo.ServerGrowth) slo, w));
      }
    }
    return out;
  }

  static List<Window> windows(double warmUp, double window, double end) {
    List<Window> out = new ArrayList<>();
    double from = warmUp;
    while (from + window <= end) {
      out.add(new Window(from, from + window));
      from += window;
    }
    if (from < end) {
      out.add(new Window(end - window, end));
    }
    return out;
  }

  private DriftVerdict latencyCreep(DriftSlo.LatencyCreep slo, Window first, Window last) {
    List<SecondHistogram> seconds = latencies.apply(slo.scope());
    Histogram a = sum(seconds, first);
    Histogram b = sum(seconds, last);
    String what = slo.scope() + " " + slo.metric().key();
    for (Object[] w : new Object[][] {{"first", first, a}, {"last", last, b}}) {
      long n = ((Histogram) w[2]).getTotalCount();
      if (n < plan.minRequests()) {
        return DriftVerdict.skipped(slo, slo.atMost(), String.format(Locale.ROOT,
            "not judged: %d requests of %s in the %s window (%s), fewer than min-requests %d",
            n, slo.scope(), w[0], ((Window) w[1]).label(), plan.minRequests()));
      }
    }
    double pa = value(a, slo.metric());
    double pb = value(b, slo.metric());
    // Latencies are whole milliseconds: a first window under 1 ms counts as 1 ms.
    double ratio = pb / Math.max(pa, 1);
    boolean held = pb <= pa * slo.atMost() || pb - pa <= slo.toleranceMs();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("firstWindow", first.label());
    details.put("firstMs", pa);
    details.put("firstRequests", a.getTotalCount());
    details.put("lastWindow", last.label());
    details.put("lastMs", pb);
    details.put("lastRequests", b.getTotalCount());
    details.put("toleranceMs", slo.toleranceMs());
    String message = String.format(Locale.ROOT, "%s %s %s in the last window (%s) against %s in the first (%s): %sx %s %sx%s",
        what, held ? "held" : "crept", ms(pb), last.label(), ms(pa), first.label(),
        DriftVerdict.plain(ratio), held && ratio <= slo.atMost() ? "<=" : ">",
        DriftVerdict.plain(slo.atMost()),
        ratio > slo.atMost() ? (held ? ", +" : " and +") + ms(pb - pa) + (held ? " <= " : " > ") + slo.toleranceMs()
            + " ms tolerance" : "");
    return held ? DriftVerdict.passed(slo, ratio, slo.atMost(), message, details)
        : DriftVerdict.failed(slo, ratio, slo.atMost(), message, details);
  }

  private DriftVerdict errorsPerWindow(DriftSlo.ErrorsPerWindow slo, List<Window> windows) {
    double worst = -1;
    Window worstWindow = null;
    long worstRequests = 0;
    int judged = 0;
    int breached = 0;
    List<Map<String, Object>> each = new ArrayList<>();
    for (Window w : windows) {
      long requests = 0;
      long errors = 0;
      for (SecondRow r : rows) {
        if (w.holds(r.second())) {
          requests += r.requests();
          errors += r.errors();
        }
      }
      if (requests < plan.minRequests()) {
        continue;
      }
      judged++;
      double share = (double) errors / requests;
      boolean held = SloVerdict.within(share, slo.belowShare());
      if (!held) {
        breached++;
      }
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("window", w.label());
      one.put("requests", requests);
      one.put("errors", errors);
      one.put("errorRate", share);
      each.add(one);
      if (share > worst) {
        worst = share;
        worstWindow = w;
        worstRequests = requests;
      }
    }
    if (judged == 0) {
      return DriftVerdict.skipped(slo, slo.belowShare(), String.format(Locale.ROOT,
          "not judged: no window after the warm-up had min-requests %d requests", plan.minRequests()));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("windowsJudged", judged);
    details.put("windowsBreached", breached);
    details.put("windows", each);
    String message = String.format(Locale.ROOT, "worst window %s: %s of %d requests failed, %s %s; %d of %d windows breached",
        worstWindow.label(), DriftVerdict.percent(worst), worstRequests, breached == 0 ? "<" : ">=",
        DriftVerdict.percent(slo.belowShare()), breached, judged);
    return breached == 0 ? DriftVerdict.passed(slo, worst, slo.belowShare(), message, details)
        : DriftVerdict.failed(slo, worst, slo.belowShare(), message, details);
  }

  private DriftVerdict serverGrowth(DriftSlo.ServerGrowth slo, double warmUp) {
    List<double[]> points = new ArrayList<>();
    for (SecondRow r : rows) {
      Double v = r.server().get(slo.metric());
      boolean due = points.isEmpty() || r.second() - points.get(points.size() - 1)[0] >= scrapeSeconds;
      if (r.second() > warmUp && v != null && !v.isNaN() && due) {
        points.add(new double[] {r.second(), v});
      }
    }
    double span = points.size() < 2 ? 0 : points.get(points.size() - 1)[0] - points.get(0)[0];
    if (points.size() < 3 || span < plan.window().toSeconds()) {
      return DriftVerdict.skipped(slo, slo.belowPerHour(), String.format(Locale.ROOT,
          "not judged: %s has %d samples after the warm-up%s (server metrics not sampled, "
              + "or the target has no such metric)", slo.metric(), points.size(),
          points.size() < 2 ? "" : ", over " + clock(span) + ", less than one window"));
    }
    double[] xs = new double[points.size()];
    double[] ys = new double[points.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = points.get(i)[0] / 3600.0;
      ys[i] = points.get(i)[1];
    }
    LineFit fit = LineFit.of(xs, ys);
    double from = fit.at(xs[0]);
    double to = fit.at(xs[xs.length - 1]);
    // Fails only when it is 95 % sure the growth reaches the limit: noise in a short run is no leak.
    double atLeast = fit.slopeAtLeast();
    boolean held = atLeast < slo.belowPerHour();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("metric", slo.metric());
    details.put("slopePerHour", fit.slope());
    details.put("slopeAtLeastPerHour", atLeast);
    details.put("r2", fit.r2());
    details.put("samples", fit.n());
    details.put("fromSecond", points.get(0)[0]);
    details.put("toSecond", points.get(points.size() - 1)[0]);
    details.put("fittedFrom", from);
    details.put("fittedTo", to);
    String message = String.format(Locale.ROOT, "%s grows %s per hour, at least %s (95 %%) %s limit %s (a line through "
            + "%d samples from %s to %s, r\u00b2 %.2f: %s -> %s)",
        slo.metric(), DriftVerdict.amount(slo.metric(), fit.slope()), DriftVerdict.amount(slo.metric(), atLeast),
        held ? "<" : ">=", DriftVerdict.amount(slo.metric(), slo.belowPerHour()), fit.n(), clock(points.get(0)[0]),
        clock(points.get(points.size() - 1)[0]), fit.r2(), DriftVerdict.amount(slo.metric(), from),
        DriftVerdict.amount(slo.metric(), to));
    return held ? DriftVerdict.passed(slo, atLeast, slo.belowPerHour(), message, details)
        : DriftVerdict.failed(slo, atLeast, slo.belowPerHour(), message, details);
  }

  private static Histogram sum(List<SecondHistogram> seconds, Window w) {
    Histogram h = new Histogram(3);
    for (SecondHistogram s : seconds) {
      if (w.holds(Math.rint(s.endSecond()))) {
        h.add(s.latency());
      }
    }
    return h;
  }

  private static double value(Histogram h, Metric metric) {
    return metric.equals(Metric.MAX) ? h.getMaxValue() : h.getValueAtPercentile(metric.percentile());
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, "%.0f ms", v);
  }

  /** 90 as "1m30s", 3600 as "1h", 45 as "45s". */
  static String clock(double seconds) {
    long s = Math.round(seconds);
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    StringBuilder sb = new StringBuilder();
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (m > 0) {
      sb.append(m).append('m');
    }
    if (sec > 0 || sb.length() == 0) {
      sb.append(sec).append('s');
    }
    return sb.toString();
  }
}
