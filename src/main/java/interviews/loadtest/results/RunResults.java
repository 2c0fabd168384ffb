package interviews.loadtest.results;

import interviews.loadtest.measure.ScopeStats;
import interviews.loadtest.measure.SecondRow;
import interviews.loadtest.results.live.LiveEndpoint;
import interviews.loadtest.saturation.RunSaturation;
import interviews.loadtest.results.server.ServerMetricsSampler;
import interviews.loadtest.results.server.ServerSources;
import interviews.loadtest.results.server.SourceSummary;
import interviews.loadtest.results.server.ServerSummary;
import interviews.loadtest.results.summary.Rounding;
import interviews.loadtest.results.summary.JourneyCounts;
import interviews.loadtest.results.summary.RequestSummary;
import interviews.loadtest.results.summary.RunSummary;
import interviews.loadtest.slo.DriftJudge;
import interviews.loadtest.slo.DriftVerdict;
import interviews.loadtest.slo.Watchdog;
import interviews.loadtest.measure.gatling.CurrentRun;
import interviews.loadtest.measure.Measurements;
import interviews.loadtest.slo.SloVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The lifecycle of a run's machine-readable results. Call {@link #begin} in the simulation's
 * {@code before()} and {@link #finish} in its {@code after()}:
 *
 * <pre>{@code
 * @Override public void before() { RunResults.begin(info, ResultsSettings.from(config)); }
 * @Override public void after()  { RunResults.finish(); }
 * }</pre>
 *
 * During the run it samples the target's metrics endpoint and the named server sources
 * ({@link ServerSources}) into each second's row, and serves the live figures ({@link LiveEndpoint}).
 * {@code finish()} judges the run's drift SLOs and the saturation rules and writes summary.json,
 * series.csv, slo-junit.xml and histograms.hlog into the run's Gatling folder (next to simulation.log). When the run
 * was stopped early (by the watchdog, with {@code watchdog.fail-run} on, or by SIGTERM or Ctrl-C
 * through {@link #interrupt}), answered no request, or failed a drift SLO, it then has Gatling render
 * its HTML report, within {@code stop-timeout} (or writes a page saying why there is none), and
 * throws {@link FailedRunException}, which makes the Gatling process exit with status 1: Gatling's
 * own assertions know nothing of these.
 */
public final class RunResults {

  /** Where {@link #finish} wrote, and what it found. */
  public record Written(Path directory, Path summary, Path series, Path junit, Path histograms,
      List<SloVerdict> verdicts, List<DriftVerdict> drift, String stoppedReason,
      Map<String, SourceSummary> sources, RunSaturation saturation) {

    /** The drift SLOs that failed. */
    public List<DriftVerdict> driftFailed() {
      return drift.stream().filter(DriftVerdict::failed).toList();
    }
  }

  /**
   * Thrown by {@link #finish} after an early stop, a run with no answered request or a failed drift
   * SLO, once every file and the report are written, so that the run exits non-zero. Its message
   * completes "[loadtest] Sustained ...": "stopped early: ...", "failed: no request was answered
   * ..." or "failed its drift SLOs: ...".
   */
  public static final class FailedRunException extends RuntimeException {
    private final transient Path directory;

    FailedRunException(String message, Path directory) {
      super(message);
      this.directory = directory;
    }

    /** The run folder its files were written into. */
    public Path directory() {
      return directory;
    }
  }

  private static volatile ActiveRun active;

  private RunResults() {}

  /** Starts recording a run: fresh measurements, ticker, sampler, watchdog. */
  public static synchronized void begin(RunInfo info, ResultsSettings settings) {
    if (active != null) {
      active.stop();
    }
    ActiveRun run = new ActiveRun(info, settings, System.currentTimeMillis());
    active = run;
    CurrentRun.install(run.measurements, run.stop);
    run.start();
    System.out.println("[results] run " + info.runId() + " of " + info.simulation() + " started"
        + "; " + run.watchdog.describe()
        + (run.sampler != null ? "; sampling " + run.sampler.uri() : "")
        + (run.sources.describe().isEmpty() ? "" : "; sources " + run.sources.describe())
        + (run.live != null ? "; live figures on " + run.live.url() : ""));
  }

  /** Finishes the current run and writes its files into the Gatling run folder found for it. */
  public static Written finish() {
    ActiveRun run = stopActive("finish");
    Path dir = run.findRunDirectory();
    describe(dir, run.info);
    Written w = run.write(dir);
    System.out.println("[results] wrote " + dir.resolve("summary.json") + ", series.csv, slo-junit.xml, histograms.hlog");
    for (SloVerdict v : w.verdicts()) {
      System.out.println("[results] SLO " + v.status() + ": " + v.message());
    }
    boolean tooShort = !w.drift().isEmpty() && w.drift().stream().allMatch(v -> !v.passed() && !v.failed()
        && v.message().equals(w.drift().get(0).message()));
    if (tooShort) {
      // The same reason for every drift SLO (the run was too short): said once.
      System.out.println("[results] drift " + w.drift().get(0).message());
    } else {
      w.drift().forEach(v -> System.out.println("[results] " + v.line()));
    }
    w.sources().forEach((name, src) -> {
      String trouble = src.trouble(name);
      if (trouble != null) {
        System.out.println(trouble);
      }
    });
    System.out.println("[results] " + w.saturation().sentence());
    String causes = run.measurements.errorsByCauseLine();
    if (causes != null) {
      System.out.println(causes);
    }
    String failure = failure(run, w);
    if (failure != null) {
      // Gatling would build its report after after(), which a failed run leaves by exiting: build it now.
      String noReport = GatlingReports.generate(dir, run.settings.stopTimeout(),
          why -> NoReportPage.render(run.info, why, failure, run.measurements.rows()));
      if (noReport != null) {
        System.out.println("[results] " + noReport + "; " + dir.resolve("index.html") + " says so");
      }
      throw new FailedRunException(failure, dir);
    }
    return w;
  }

  /**
   * Why a written run fails although Gatling's assertions cannot tell, or null: stopped by an
   * interruption, or by the watchdog ({@code watchdog.fail-run}); no request answered at all (what
   * Gatling cannot even build a report of); a drift SLO failed.
   */
  private static String failure(ActiveRun run, Written w) {
    List<SecondRow> rows = run.measurements.rows();
    String unanswered = run.measurements.global().requests() > 0 ? null
        : "no request was answered (" + (rows.isEmpty() ? 0 : rows.get(rows.size() - 1).inFlight())
            + " still in flight when it ended)";
    if (w.stoppedReason() != null && (run.stop.by() == EarlyStop.By.INTERRUPTED || run.settings.watchdogFailsRun()
        || unanswered != null)) {
      return "stopped early: " + w.stoppedReason() + (unanswered == null ? "" : "; " + unanswered);
    }
    if (unanswered != null) {
      return "failed: " + unanswered;
    }
    if (!w.driftFailed().isEmpty()) {
      return "failed its drift SLOs: " + String.join("; ",
          w.driftFailed().stream().map(v -> v.name() + ": " + v.message()).toList());
    }
    return null;
  }

  /**
   * Gives Gatling's report of the run in {@code dir} its description (profile, target, SLOs): its
   * simulation.log is closed by now, and the report is built from it next.
   */
  private static void describe(Path dir, RunInfo info) {
    Path log = dir.resolve("simulation.log");
    if (Files.isRegularFile(log) && !Files.exists(dir.resolve("index.html"))) {
      String written = SimulationLogDescription.write(log, RunDescription.of(info));
      if (written != null) {
        System.out.println("[results] description: " + written);
      }
    }
  }

  /** Finishes the current run writing into {@code directory} instead (tests, tools). */
  public static Written finishInto(Path directory) {
    return stopActive("finishInto").write(directory);
  }

  /** Takes the current run out of service and stops its ticker, sampler and watchdog. */
  private static ActiveRun stopActive(String caller) {
    ActiveRun run;
    synchronized (RunResults.class) {
      run = active;
      active = null;
    }
    if (run == null) {
      throw new IllegalStateException("RunResults." + caller + "() without RunResults.begin()");
    }
    run.stop();
    return run;
  }

  /**
   * Stops the current run now for {@code reason} (SIGTERM, Ctrl-C): the injection stops, and the
   * run ends as a run stopped early, its files and report written. Returns false outside a run.
   */
  public static boolean interrupt(String reason) {
    ActiveRun r = active;
    if (r == null) {
      return false;
    }
    long now = System.currentTimeMillis();
    long second = Math.max(0, (now - r.startMillis) / 1000);
    if (r.stop.stop(EarlyStop.By.INTERRUPTED, reason, now, second)) {
      System.out.println("[results] INTERRUPTED at t=" + second + "s: " + reason + "; stopping the injection");
    }
    return true;
  }

  /** The current run's live endpoint URL, null outside a run or when it is off. */
  public static String liveUrl() {
    ActiveRun r = active;
    return r == null || r.live == null ? null : r.live.url();
  }

  /** The current run's measurements (null outside a run). */
  public static Measurements measurements() {
    ActiveRun r = active;
    return r == null ? null : r.measurements;
  }

  // --------------------------------------------------------------------------------------------

  static final class ActiveRun {
    final RunInfo info;
    final ResultsSettings settings;
    final long startMillis;
    final Measurements measurements;
    final Watchdog watchdog;
    /** Whether, why and when the run was stopped early: by the watchdog or an interruption. */
    final EarlyStop stop = new EarlyStop();
    final ServerMetricsSampler sampler;
    final ServerSources sources;
    private LiveEndpoint live;
    private ScheduledExecutorService ticker;
    private long endMillis;

    ActiveRun(RunInfo info, ResultsSettings settings, long startMillis) {
      this.info = info;
      this.settings = settings;
      this.startMillis = startMillis;
      this.measurements = new Measurements(startMillis);
      this.watchdog = new Watchdog(info.slos(), measurements);
      URI endpoint = ServerMetricsSampler.endpoint(settings.prometheus(), info.target());
      this.sampler = endpoint == null ? null
          : new ServerMetricsSampler(endpoint, settings.prometheus().interval(), settings.prometheus().timeout(),
              settings.prometheus().metrics());
      this.sources = new ServerSources(settings.sources());
    }

    void start() {
      if (sampler != null) {
        sampler.start();
      }
      sources.start();
      if (settings.live().enabled()) {
        live = LiveEndpoint.start(settings.live().port(), info.simulation(), info.runId());
      }
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "results-ticker");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::tick, 1000, 1000, TimeUnit.MILLISECONDS);
    }

    private void tick() {
      try {
        long now = System.currentTimeMillis();
        Map<String, Double> server = currentServer(now);
        SecondRow row = measurements.tick(now, server);
        if (live != null) {
          live.update(row);
        }
        if (watchdog.evaluate(row)
            && stop.stop(EarlyStop.By.WATCHDOG, watchdog.reason(), watchdog.trippedAtMillis(), watchdog.trippedAtSecond())) {
          System.out.println("[results] WATCHDOG STOP at t=" + row.second() + "s: " + watchdog.reason());
        }
        long every = settings.consoleInterval().toSeconds();
        if (every > 0 && row.second() % every == 0) {
          String line = measurements.consoleLine((int) every, server);
          if (line != null) {
            System.out.println(line);
          }
        }
      } catch (RuntimeException e) {
        System.err.println("[results] ticker error: " + e);
      }
    }

    /** The target's latest values (keys without prefix), then every source's ({@code <source>.<metric>}). */
    private Map<String, Double> currentServer(long now) {
      Map<String, Double> out = new LinkedHashMap<>();
      ServerMetricsSampler.ServerSample s = sampler == null ? null : sampler.latest();
      if (s != null && !s.gap() && now - s.epochMillis() <= settings.prometheus().interval().toMillis() + 1000) {
        out.putAll(s.values());
      }
      out.putAll(sources.current(now));
      return out;
    }

    synchronized void stop() {
      if (ticker == null) {
        return;
      }
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ticker = null;
      if (sampler != null) {
        sampler.close();
      }
      sources.close();
      if (live != null) {
        live.close();
      }
      endMillis = System.currentTimeMillis();
      measurements.tick(endMillis, currentServer(endMillis)); // the last, partial second
      CurrentRun.uninstall(measurements);
    }

    /** The newest Gatling run folder of this simulation under the results folder. */
    Path findRunDirectory() {
      List<Path> roots = new ArrayList<>();
      if (!settings.directory().isEmpty()) {
        roots.add(Path.of(settings.directory()));
      }
      String prop = System.getProperty("gatling.core.directory.results");
      if (prop != null && !prop.isBlank()) {
        roots.add(Path.of(prop));
      }
      roots.add(Path.of("target", "gatling"));
      roots.add(Path.of("results"));
      String prefix = info.simulation().toLowerCase(Locale.ROOT) + "-";
      for (Path root : roots) {
        if (!Files.isDirectory(root)) {
          continue;
        }
        try (Stream<Path> s = Files.list(root)) {
          Path found = s.filter(p -> Files.isRegularFile(p.resolve("simulation.log")))
              .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith(prefix))
              .filter(p -> modified(p.resolve("simulation.log")) >= startMillis - 60_000)
              .max(Comparator.comparingLong(p -> modified(p.resolve("simulation.log"))))
              .orElse(null);
          if (found != null) {
            return found;
          }
        } catch (IOException e) {
          // try the next root
        }
      }
      Path fallback = roots.get(0).resolve(info.simulation().toLowerCase(Locale.ROOT) + "-results-" + info.runId());
      System.err.println("[results] no Gatling run folder of " + info.simulation() + " found; writing to " + fallback);
      return fallback;
    }

    private static long modified(Path p) {
      try {
        return Files.getLastModifiedTime(p).toMillis();
      } catch (IOException e) {
        return 0;
      }
    }

    Written write(Path dir) {
      try {
        Files.createDirectories(dir);
        List<String> names = measurements.names();
        List<SloVerdict> verdicts = Summaries.verdicts(info.slos(), names,
            n -> {
              ScopeStats s = measurements.scope(n);
              return s == null ? null : Summaries.Counts.of(s);
            },
            n -> {
              ScopeStats s = measurements.scope(n);
              return s == null ? null : s.latency();
            });
        String reason = stop.reason();
        List<DriftVerdict> drift = new DriftJudge(info.drift(), measurements.rows(), measurements::secondsOf,
            settings.prometheus().interval()).verdicts();
        RunSaturation saturation = RunSaturation.judge(measurements.rows(), settings.saturationRules());
        Map<String, SourceSummary> sourceSummaries = SourceSummary.of(sources);
        RunSummary summary = summary(names, verdicts, drift, reason, sourceSummaries, saturation);
        Path summaryFile = dir.resolve("summary.json");
        Summaries.JSON.writeValue(summaryFile.toFile(), summary);
        Path series = dir.resolve("series.csv");
        Files.writeString(series, SeriesCsv.render(measurements.rows(), sources.keys()), StandardCharsets.UTF_8);
        Path junit = dir.resolve("slo-junit.xml");
        Files.writeString(junit, SloJUnitXml.render(info.simulation(), verdicts, drift,
            watchdog.enabled(), reason == null ? null : stop.by().key, reason, (endMillis - startMillis) / 1000.0),
            StandardCharsets.UTF_8);
        Path hlog = dir.resolve("histograms.hlog");
        Files.writeString(hlog, measurements.hlogText(info.runId(), info.simulation()), StandardCharsets.UTF_8);
        return new Written(dir, summaryFile, series, junit, hlog, verdicts, drift, reason, sourceSummaries, saturation);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write run results into " + dir, e);
      }
    }

    private RunSummary summary(List<String> names, List<SloVerdict> verdicts, List<DriftVerdict> drift, String reason,
        Map<String, SourceSummary> sourceSummaries, RunSaturation saturation) {
      RunSummary.StoppedEarly stopped = reason == null ? null : new RunSummary.StoppedEarly(stop.by().key, reason,
          Instant.ofEpochMilli(stop.atMillis()).toString(), stop.atSecond());
      boolean anyFailed = verdicts.stream().anyMatch(SloVerdict::failed) || drift.stream().anyMatch(DriftVerdict::failed);
      Measurements.Journeys journeys = measurements.journeys();
      Map<String, JourneyCounts.Tally> byJourney = new LinkedHashMap<>();
      measurements.journeysByName().forEach((k, v) -> byJourney.put(k, new JourneyCounts.Tally(v.started(), v.ended())));
      ScopeStats global = measurements.global();
      Map<String, RequestSummary> requests = new LinkedHashMap<>();
      for (String n : names) {
        ScopeStats s = measurements.scope(n);
        requests.put(n, Summaries.request(Summaries.Counts.of(s), s.latency(), s.okLatency()));
      }
      return new RunSummary(
          Summaries.SCHEMA,
          info.runId(),
          info.simulation(),
          info.target(),
          info.profile(),
          Instant.ofEpochMilli(startMillis).toString(),
          Instant.ofEpochMilli(endMillis).toString(),
          Rounding.round3((endMillis - startMillis) / 1000.0),
          info.config(),
          Summaries.sloSummaries(info.slos()),
          stopped,
          !anyFailed && reason == null,
          Summaries.verdictSummaries(verdicts),
          Summaries.drift(info.drift(), drift),
          new JourneyCounts(journeys.started(), journeys.ended(), byJourney),
          Summaries.request(Summaries.Counts.of(global), global.latency(), global.okLatency()),
          requests,
          ServerSummary.of(sampler, settings.prometheus()),
          sourceSummaries,
          saturation,
          new RunSummary.Measurement(measurements.rows().size(), measurements.unmatched()));
    }
  }
}
