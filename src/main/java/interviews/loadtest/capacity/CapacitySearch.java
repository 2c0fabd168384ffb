package interviews.loadtest.capacity;

import interviews.loadtest.measure.Measurements;
import interviews.loadtest.measure.SecondRow;
import interviews.loadtest.results.RunResults;
import interviews.loadtest.saturation.Growth;
import interviews.loadtest.saturation.Reading;
import interviews.loadtest.saturation.SaturationRule;
import interviews.loadtest.slo.Slo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The search while the run goes on: on a thread of its own, one step after the other as the
 * {@link SearchPlan} says, each step set on the {@link Admission} that the Gatling users ask, held
 * for the warm-up and the judged window (ended early on a clear breach), judged by the
 * {@link StepJudge}, one console line each. An open step's warm-up lasts as long as most journeys
 * do ({@link WarmUp}): the journeys in progress have then settled at the step's load, so that the
 * judged window shows whether they still grow; after a bad step no journey starts until the journeys
 * in progress have ended (at most {@code drain-timeout}), so the next step starts clean. The open
 * model runs first, then the closed one; the open one has half the time budget and leaves what it
 * did not use to the closed one. Steps follow the results ticker's seconds (one row of
 * {@code series.csv} a second), so that windows and rows agree. Every wait is bounded by the
 * budget; once the budget is spent or the plans are done, the admission finishes and the run ends.
 */
public final class CapacitySearch {

  /** A judged window shorter than this never ends early. */
  private static final int MIN_JUDGED_FOR_EARLY_END = 3;

  private final CapacitySettings settings;
  private final Supplier<List<Slo>> slos;
  private final List<SaturationRule> rules;
  private final Map<String, Duration> backlogs;
  private final Admission admission;
  private final List<Step> steps = new ArrayList<>();
  private final List<ModelResult> results = new ArrayList<>();
  private Thread thread;
  private long startMillis;
  private long endMillis;
  private volatile String failure;
  private Measurements measurements;
  private StepJudge judge;

  /**
   * @param slos the SLOs each step is judged by, asked for once the run has started (the run keeps
   *     those its journey records)
   * @param rules the run's saturation rules (the target's and every source's): each step records
   *     what they showed, and capacity.json says which resource ran out first
   * @param backlogs the server metric keys whose saturation rule is a backlog rule, each with how
   *     often it is sampled ({@code ResultsSettings.backlogs()}): a step breaks when one grows
   */
  public CapacitySearch(CapacitySettings settings, Supplier<List<Slo>> slos, List<SaturationRule> rules,
      Map<String, Duration> backlogs) {
    this.settings = settings;
    this.slos = slos;
    this.rules = List.copyOf(rules);
    this.backlogs = Map.copyOf(backlogs);
    this.admission = new Admission(settings.open() == null ? 0 : settings.open().maxRate());
  }

  public Admission admission() {
    return admission;
  }

  public CapacitySettings settings() {
    return settings;
  }

  /** Starts the search; call it once the run's measurements are being recorded. */
  public synchronized void start() {
    measurements = RunResults.measurements();
    judge = new StepJudge(slos.get(), settings.open() == null ? 1 : settings.open().minAchieved(), backlogs);
    if (settings.open() != null) {
      long judged = settings.judged().toSeconds();
      backlogs.forEach((key, every) -> {
        if (every.toMillis() * Growth.MIN_POINTS > judged * 1000) {
          System.out.println(String.format(Locale.ROOT, "[capacity] backlog %s is sampled every %s: fewer than %d "
                  + "samples in a %ds step, so no step is judged by it (sample it every %ds or less)", key,
              every.toMillis() % 1000 == 0 ? every.toSeconds() + "s" : every.toMillis() + "ms", Growth.MIN_POINTS, judged,
              Math.max(1, judged / Growth.MIN_POINTS)));
        }
      });
    }
    startMillis = System.currentTimeMillis();
    thread = new Thread(this::search, "capacity-search");
    thread.setDaemon(true);
    thread.start();
  }

  /** Ends the search (if still going) and waits for it, at most {@code timeoutMillis}. */
  synchronized void stop(long timeoutMillis) {
    admission.finish();
    if (thread != null) {
      try {
        thread.join(timeoutMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        thread.interrupt();
      }
    }
  }

  /**
   * Ends the search and writes capacity.json and capacity.html into {@code runDirectory}, then says
   * the answer in one line.
   */
  public void finish(Path runDirectory, String target) {
    stop(10_000);
    CapacityReport report = report(target);
    Path json = runDirectory.resolve("capacity.json");
    Path html = runDirectory.resolve("capacity.html");
    CapacityJson.write(report, json);
    CapacityHtml.write(report, html);
    System.out.println("[capacity] wrote " + json + " and capacity.html");
    System.out.println(report.answerLine());
  }

  /** What the search found, as far as it went. */
  synchronized CapacityReport report(String target) {
    List<ModelResult> models;
    List<Step> all;
    synchronized (steps) {
      models = List.copyOf(results);
      all = List.copyOf(steps);
    }
    long end = endMillis == 0 ? System.currentTimeMillis() : endMillis;
    List<Slo> judged = slos.get();
    double latencyLimit = judged.stream()
        .filter(x -> Slo.GLOBAL.equals(x.scope()) && x.metric().isLatency())
        .mapToDouble(Slo::limit).min().orElse(Double.NaN);
    return CapacityReport.of(settings, target, judged.stream().map(Slo::line).toList(), latencyLimit,
        Instant.ofEpochMilli(startMillis), (end - startMillis) / 1000.0, models, all, failure, rules);
  }

  // ------------------------------------------------------------------------------ the thread

  private void search() {
    try {
      if (measurements == null) {
        throw new IllegalStateException("no measurements: the run's results are not being recorded");
      }
      long deadline = startMillis + settings.maxDuration().toMillis();
      if (settings.open() != null) {
        long openDeadline = settings.closed() == null ? deadline : startMillis + settings.maxDuration().toMillis() / 2;
        CapacitySettings.Open o = settings.open();
        search("open", new SearchPlan(o.startRate(), o.maxRate(), o.growth(), settings.resolution(), false), openDeadline);
        drain(deadline);
      }
      if (settings.closed() != null) {
        CapacitySettings.Closed c = settings.closed();
        search("closed", new SearchPlan(c.startUsers(), c.maxUsers(), c.growth(), settings.resolution(), true), deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "the search was interrupted (the run ended before it)";
    } catch (RuntimeException e) {
      failure = "the search failed: " + e;
      System.err.println("[capacity] " + failure);
    } finally {
      endMillis = System.currentTimeMillis();
      admission.finish();
    }
  }

  private void search(String model, SearchPlan plan, long deadline) throws InterruptedException {
    long stepMillis = settings.warmUp().plus(settings.judged()).toMillis();
    List<Step> mine = new ArrayList<>();
    String endedBy = null;
    Step lastGood = null;
    Step firstBad = null;
    try {
      while (true) {
        OptionalDouble next = plan.next();
        if (next.isEmpty()) {
          break;
        }
        if (System.currentTimeMillis() + stepMillis > deadline) {
          endedBy = "time";
          break;
        }
        double load = next.getAsDouble();
        Step step = step(model, load, plan.refining() ? "refine" : "bracket", deadline);
        mine.add(step);
        if (step.borderline() && System.currentTimeMillis() + stepMillis <= deadline) {
          step = step(model, load, "repeat", deadline);
          mine.add(step);
        }
        if (step.good()) {
          plan.good(load);
          if (lastGood == null || load >= lastGood.load()) {
            lastGood = step;
          }
        } else {
          plan.bad(load);
          if (firstBad == null || load <= firstBad.load()) {
            firstBad = step;
          }
          drain(deadline);
        }
      }
    } finally {
      if (endedBy == null) {
        endedBy = plan.end() == null ? "interrupted" : plan.end().name().toLowerCase(Locale.ROOT);
      }
      ModelResult result = new ModelResult(model, plan.lastGood(), Double.isNaN(plan.firstBad()), plan.firstBad(),
          firstBad == null ? "" : String.join("; ", firstBad.breaches()), endedBy, lastGood, firstBad, List.copyOf(mine));
      synchronized (steps) {
        results.add(result);
      }
      System.out.println("[capacity] " + model + " model: " + result.answer()
          + (result.limitedBy().isEmpty() ? "" : "; limited by " + result.limitedBy() + " at " + Numbers.plain(result.firstBad()))
          + " (search ended by " + endedBy + ")");
    }
  }

  /** Holds one step and judges it; an open step's warm-up is stretched, but never past {@code deadline}. */
  private Step step(String model, double load, String phase, long deadline) throws InterruptedException {
    if ("open".equals(model)) {
      admission.open(load);
    } else {
      admission.closed((int) load);
    }
    int number;
    synchronized (steps) {
      number = steps.size() + 1;
    }
    int seen = measurements.rows().size();
    long startSecond = seen;
    int judged = (int) settings.judged().toSeconds();
    int set = (int) settings.warmUp().toSeconds();
    // Only an open step's journeys in progress must settle: a closed step's are its users.
    WarmUp warming = "open".equals(model) ? WarmUp.of(set, judged, (deadline - System.currentTimeMillis()) / 1000)
        : WarmUp.fixed(set);
    int warmUp = 0;
    while (!warming.over(warmUp, measurements.journeyDurations(settings.journey()))) {
      seen = awaitTick(seen);
      warmUp++;
    }
    Window.Mark from = mark();
    int firstRow = seen;
    long inFlightBefore = seen == 0 ? 0 : measurements.rows().get(seen - 1).inFlight();
    boolean early = false;
    double openRate = "open".equals(model) ? load : Double.NaN;
    Window window = null;
    StepJudge.Judgement verdict = null;
    for (int i = 1; i <= judged; i++) {
      seen = awaitTick(seen);
      if (i >= MIN_JUDGED_FOR_EARLY_END || i == judged) {
        window = Window.between(from, mark(), rows(firstRow, seen), inFlightBefore);
        verdict = judge.judge(window, openRate, measurements.names());
        if (verdict.clear() && i < judged) {
          early = true;
          break;
        }
      }
    }
    Step step = new Step(number, model, phase, load, startSecond, window.seconds(), early, window.startedPerSecond(),
        window.achieved(), window.requestsPerSecond(), window.sentPerSecond(), window.requests(), window.errors(), window.percentile(50),
        window.percentile(95), window.percentile(99), window.meanLatency(), window.meanActive(), window.server(),
        verdict.good(), verdict.breaches(), verdict.closest(), verdict.closestShare(),
        verdict.borderline(settings.borderline()), warmUp > warming.set() ? warmUp : 0,
        Reading.over(rows(firstRow, seen), rules));
    synchronized (steps) {
      steps.add(step);
    }
    System.out.println(step.line());
    return step;
  }

  /** No new journey until those in progress have ended, at most drain-timeout (and the deadline). */
  private void drain(long deadline) throws InterruptedException {
    admission.pause();
    long until = Math.min(deadline, System.currentTimeMillis() + settings.drainTimeout().toMillis());
    int seen = measurements.rows().size();
    while (System.currentTimeMillis() < until) {
      seen = awaitTick(seen);
      SecondRow last = measurements.rows().get(seen - 1);
      if (last.usersActive() == 0 && last.inFlight() == 0) {
        return;
      }
    }
  }

  private Window.Mark mark() {
    Set<String> scopes = new LinkedHashSet<>(judge.scopes());
    scopes.addAll(measurements.names());
    return Window.Mark.take(measurements, scopes);
  }

  private List<SecondRow> rows(int fromIndex, int toIndex) {
    List<SecondRow> all = measurements.rows();
    return all.subList(Math.min(fromIndex, all.size()), Math.min(toIndex, all.size()));
  }

  /**
   * Waits for the results ticker's next second (at most 3 s: a stalled ticker does not hang the
   * search); returns the number of rows then.
   */
  private int awaitTick(int seen) throws InterruptedException {
    long until = System.currentTimeMillis() + 3000;
    while (System.currentTimeMillis() < until) {
      if (admission.done()) {
        throw new InterruptedException("search stopped");
      }
      int now = measurements.rows().size();
      if (now > seen) {
        return now;
      }
      Thread.sleep(20);
    }
    return measurements.rows().size();
  }
}
