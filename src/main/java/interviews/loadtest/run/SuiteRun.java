package interviews.loadtest.run;

import static io.gatling.javaapi.http.HttpDsl.http;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import interviews.loadtest.config.SuiteSettings;
import interviews.loadtest.journeys.Scopes;
import interviews.loadtest.journeys.TestData;
import interviews.loadtest.measure.Measured;
import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.RunInfo;
import interviews.loadtest.results.RunResults;
import interviews.loadtest.results.server.SourceSettings;
import interviews.loadtest.safety.TargetGuard;
import interviews.loadtest.slo.DriftPlan;
import interviews.loadtest.slo.DriftSlo;
import interviews.loadtest.slo.Metric;
import interviews.loadtest.slo.Slo;
import interviews.loadtest.slo.SloAssertions;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.nio.file.Path;

/**
 * What every simulation shares: the checked settings and test data, the target (embedded or
 * configured, allowed and healthy), the HTTP protocol, the SLOs and the run's results. The
 * simulations' base class, {@code SuiteSimulation}, opens one, hands it to the simulation to
 * compose its population ({@link #profile}, {@link #announce}), then {@linkplain #connect connects}
 * to the target (so a profile refused by its settings sends not even a health check), sets the run
 * up with its protocol, {@link #assertions()} and {@link #maxDuration()}, and calls
 * {@link #begin()} in {@code before()} and {@link #finish()} in {@code after()}.
 */
public final class SuiteRun {

  private final String simulationClass;
  private final String simulation;
  private final SuiteSettings settings;
  private final ResultsSettings resultsSettings;
  private final TestData data;
  /** Opened by {@link #connect()}, once the population is composed. */
  private Target target;
  /** The approval of a load above the Burst rate, when the run needed one. */
  private String heavierThanBurstApproval;
  /** The configured SLOs; {@link #judge} keeps those this run's journeys can be judged by. */
  private final List<Slo> slos = new ArrayList<>();
  private String profile;
  /** How long the profile injects, as announced. */
  private Duration length;
  /** True when the simulation judges the SLOs step by step itself (the capacity search). */
  private boolean slosJudgedInSteps;
  /** Called once the run's results are being recorded ({@link #begin}). */
  private final List<Runnable> onBegin = new ArrayList<>();
  /** Called with the run folder once the run's results are written ({@link #finish}). */
  private final List<Consumer<Path>> onFinish = new ArrayList<>();
  /** What SIGTERM or Ctrl-C does while the run is recorded; null in-process (the JVM is not the run's). */
  private Interruption interruption;

  private SuiteRun(Class<? extends Simulation> simulationClass, SuiteSettings settings, ResultsSettings resultsSettings,
      TestData data) {
    this.simulationClass = simulationClass.getSimpleName();
    this.simulation = displayName(simulationClass);
    this.settings = settings;
    this.resultsSettings = resultsSettings;
    this.data = data;
    slos.addAll(settings.slos());
  }

  /** Reads and checks every setting; a problem is one line, before any request. */
  public static SuiteRun open(Class<? extends Simulation> simulationClass) {
    try {
      SuiteSettings settings = SuiteSettings.load();
      checkScopes(settings.slos());
      ResultsSettings results = ResultsSettings.from(settings.settings().config());
      checkDrift(settings.drift(), results);
      TestData data = TestData.load(settings);
      if (!results.prometheus().url().isEmpty()) {
        // Server metrics come from the target's own host unless set otherwise: then the guard decides.
        TargetGuard.from(settings.settings()).check("loadtest.results.prometheus.url", results.prometheus().url());
      }
      results = guardSources(TargetGuard.from(settings.settings()), results);
      if (settings.embeddedTarget()) {
        results = results.withWebWorkers(embeddedHandlers(settings));
      }
      return new SuiteRun(simulationClass, settings, results, data);
    } catch (SettingError e) {
      throw Refusal.refuse(displayName(simulationClass), e);
    }
  }

  /** The embedded target's request handlers (its web workers), as its settings say; 0 when they say nothing valid. */
  private static int embeddedHandlers(SuiteSettings settings) {
    String key = "reference-target.handlers.count";
    com.typesafe.config.Config c = settings.settings().config();
    try {
      return c.hasPath(key) ? Math.max(0, c.getInt(key)) : 0;
    } catch (com.typesafe.config.ConfigException e) {
      return 0; // the target refuses it in one line when it starts
    }
  }

  /**
   * Passes every server source's URL through the target guard, as the target's: a refused source
   * is kept, marked refused, and said in one line when the run begins; monitoring never stops a run.
   */
  public static ResultsSettings guardSources(TargetGuard guard, ResultsSettings results) {
    List<SourceSettings> checked = new ArrayList<>();
    for (SourceSettings src : results.sources()) {
      try {
        guard.check("loadtest.results.sources." + src.name() + ".url", src.url());
        checked.add(src);
      } catch (SettingError e) {
        checked.add(src.refusedFor(e.getMessage()));
      }
    }
    return results.withSources(checked);
  }

  /**
   * Opens the target (the embedded one, or the configured one once the guard allows it and it
   * answers its health check): called by the simulations' base class once the population is
   * composed, so that a refused profile sends nothing at all. A problem is one line, before any load.
   */
  public void connect() {
    try {
      target = Target.open(settings);
    } catch (SettingError | Target.TargetUnavailable e) {
      throw Refusal.refuse(simulation, e);
    }
  }

  /**
   * Refuses a profile that offers more than the Burst rate ({@code what}, made so by the setting
   * {@code key}) against a host other than loopback without the approval for that host
   * ({@code loadtest.safety.approval.*}, see {@link TargetGuard#approveHeavierThanBurst}); the
   * embedded target needs none. Called while composing the population: before any request.
   */
  public void requireApprovalAboveBurst(String key, String what) {
    if (settings.embeddedTarget()) {
      return;
    }
    try {
      String ticket = TargetGuard.from(settings.settings())
          .approveHeavierThanBurst(settings.baseUrl(), key, settings.settings().raw(key), what);
      if (ticket != null) {
        heavierThanBurstApproval = ticket;
        System.out.println("[loadtest] APPROVED load above the Burst rate (" + what + "): " + ticket
            + ", run by " + TargetGuard.operator());
      }
    } catch (SettingError e) {
      throw refuse(e);
    }
  }

  /** Refuses an SLO whose scope no journey records: a typo would otherwise never be judged. */
  static void checkScopes(List<Slo> slos) {
    for (Slo slo : slos) {
      if (!Slo.GLOBAL.equals(slo.scope()) && !Scopes.all().contains(slo.scope())) {
        throw SettingError.of("loadtest.slo." + slo.name() + ".scope", slo.scope(),
            "no journey records a request or group of that name; use global or one of: " + String.join(", ", Scopes.all()));
      }
    }
  }

  /**
   * Refuses a drift SLO of a request no journey records, of a group (only requests are kept second
   * by second), or of a server metric that is not sampled under that key.
   */
  static void checkDrift(DriftPlan drift, ResultsSettings results) {
    for (DriftSlo slo : drift.slos()) {
      String key = "loadtest.drift.slo." + slo.name();
      if (slo instanceof DriftSlo.LatencyCreep c && !Slo.GLOBAL.equals(c.scope()) && !Scopes.requests().contains(c.scope())) {
        throw SettingError.of(key + ".scope", c.scope(),
            "no journey records a request of that name; use global or one of: " + String.join(", ", Scopes.requests()));
      }
      if (slo instanceof DriftSlo.ServerGrowth g && !results.prometheus().metrics().containsKey(g.metric())
          && !results.serverKeys().subList(ResultsSettings.SERVER_METRICS.length, results.serverKeys().size())
              .contains(g.metric())) {
        throw SettingError.of(key + ".metric", g.metric(), "is no server metric; use one of: "
            + String.join(", ", results.serverKeys())
            + " (loadtest.results.prometheus.metrics, or <source>.<metric> of loadtest.results.sources)");
      }
    }
  }

  /**
   * Reads the simulation's profile with {@code reader} ({@code Burst::from}); a bad value refuses
   * the run in one line, before any load.
   */
  public <P> P profile(Function<Settings, P> reader) {
    try {
      return reader.apply(settings.settings());
    } catch (SettingError e) {
      throw refuse(e);
    }
  }

  private static String displayName(Class<? extends Simulation> simulationClass) {
    return simulationClass.getSimpleName().replaceFirst("Simulation$", "");
  }

  public SuiteSettings settings() {
    return settings;
  }

  public TestData data() {
    return data;
  }

  /** The checked {@code loadtest.results} settings (sources the target guard refused marked so). */
  public ResultsSettings results() {
    return resultsSettings;
  }

  public Target target() {
    return target;
  }

  /**
   * Gatling's HTTP protocol for the target: JSON, no warm-up call to any outside host, and no
   * redirect followed: a 3xx is a failed request ("redirect not followed"), so that no request
   * is ever led to a host the target guard has not allowed.
   */
  public HttpProtocolBuilder protocol() {
    return Measured.protocol(http.baseUrl(target.baseUrl())
        .disableFollowRedirect()
        .acceptHeader("application/json")
        .userAgentHeader("interview-scheduling-load"));
  }

  /**
   * Tightens every error-rate SLO to not a single failure, and adds one of all requests if there
   * is none (the Smoke gate).
   */
  public void noFailuresAllowed() {
    slos.replaceAll(slo -> slo.metric().equals(Metric.ERROR_RATE) ? slo.withLimit(0) : slo);
    if (slos.stream().noneMatch(slo -> slo.metric().equals(Metric.ERROR_RATE) && Slo.GLOBAL.equals(slo.scope()))) {
      slos.add(new Slo("no-failures", Slo.GLOBAL, Metric.ERROR_RATE, 0, Slo.AbortOnFail.OFF));
    }
  }

  /**
   * Keeps the SLOs the population's journeys can be judged by and says on the console what runs,
   * against what, judged by which SLOs: an SLO of a request or group that none of the journeys
   * records (Login and the notification lag) is set aside, named. Called by the simulation's base
   * class once the simulation has composed its population and {@linkplain #announce announced} it.
   */
  public void judge(PopulationBuilder population) {
    if (profile == null) {
      throw new IllegalStateException(simulationClass + " composes its population without run.announce(profile, length)");
    }
    Set<String> journeys = new LinkedHashSet<>();
    // The population and those it starts after itself (andThen): each runs one journey.
    scala.collection.Iterator<io.gatling.core.structure.PopulationBuilder> all = io.gatling.core.structure.PopulationBuilder
        .flatten(scala.jdk.javaapi.CollectionConverters.asScala(List.of(population.asScala())).toList())
        .iterator();
    while (all.hasNext()) {
      String journey = all.next().scenarioBuilder().name();
      if (!Scopes.isJourney(journey)) {
        throw new IllegalStateException(simulationClass + " runs the scenario '" + journey
            + "', which is no journey of journeys.Scopes: add its requests and groups there");
      }
      journeys.add(journey);
    }
    Set<String> recorded = new LinkedHashSet<>();
    journeys.forEach(journey -> recorded.addAll(Scopes.recordedBy(journey)));
    List<String> setAside = new ArrayList<>();
    slos.removeIf(slo -> {
      boolean judged = Slo.GLOBAL.equals(slo.scope()) || recorded.contains(slo.scope());
      if (!judged) {
        setAside.add(slo.name() + " (" + String.join(", ", journeys) + " records no " + slo.scope() + ")");
      }
      return !judged;
    });
    System.out.printf(Locale.ROOT, "[loadtest] %s against %s%s%n[loadtest] %s%n[loadtest] SLO: %s%n",
        simulation, target.baseUrl(), target.embedded() ? " (embedded reference target)" : "",
        profile, String.join("; ", slos.stream().map(Slo::line).toList()));
    if (!setAside.isEmpty()) {
      System.out.println("[loadtest] SLO not judged here: " + String.join("; ", setAside));
    }
    DriftPlan drift = settings.drift();
    if (drift.slos().isEmpty() || slosJudgedInSteps) {
      return;
    }
    if (length.compareTo(drift.shortestJudged()) < 0) {
      System.out.printf(Locale.ROOT, "[loadtest] Drift not judged: the profile lasts %ds, less than the warm-up %ds "
          + "and two windows of %ds (loadtest.drift)%n", length.toSeconds(), drift.warmUp().toSeconds(),
          drift.window().toSeconds());
    } else {
      System.out.printf(Locale.ROOT, "[loadtest] Drift (after %ds, windows of %ds): %s%n", drift.warmUp().toSeconds(),
          drift.window().toSeconds(), String.join("; ", drift.slos().stream().map(DriftSlo::line).toList()));
    }
  }

  /** The SLOs as Gatling assertions: a breach makes the run exit non-zero. */
  public List<Assertion> assertions() {
    return slosJudgedInSteps ? List.of() : SloAssertions.of(slos, Scopes::gatlingPath);
  }

  /**
   * For a simulation that overloads the target on purpose and judges the SLOs itself, step by step
   * (the capacity search): the whole run is then judged by no SLO (no Gatling assertion, no verdict
   * in summary.json, no watchdog), and {@link #slos()} gives the simulation the SLOs to judge.
   */
  public void judgeSlosInSteps() {
    slosJudgedInSteps = true;
  }

  /** The SLOs this run's journeys are judged by, once {@link #judge} has kept them. */
  public List<Slo> slos() {
    return List.copyOf(slos);
  }

  /** Runs {@code action} once the run's results are being recorded (after {@code before()}'s start). */
  public void onBegin(Runnable action) {
    onBegin.add(action);
  }

  /** Runs {@code action} with the run folder once the run's own files are written there. */
  public void onFinish(Consumer<Path> action) {
    onFinish.add(action);
  }

  /**
   * The run's hard length limit: {@code loadtest.max-duration}, or with {@code auto} the announced
   * profile's length and 10 minutes.
   */
  public Duration maxDuration() {
    return settings.maxDurationFor(length);
  }

  /**
   * Refuses a profile that keeps more recruiters busy at once than the users feeder has accounts:
   * two concurrent logins with one account measure something else than two recruiters.
   */
  public void requireAccounts(int concurrentRecruiters, String profileKey) {
    int accounts = data.users().size();
    if (accounts < concurrentRecruiters) {
      throw refuse(new SettingError("loadtest.feeders.users: " + settings.feeders().users() + " has " + accounts
          + " accounts, too few for " + concurrentRecruiters + " concurrent recruiters (" + profileKey
          + "): each needs an account of its own"));
    }
  }

  /**
   * Says what the simulation's profile is, for the console and the run's summary, and checks that
   * injecting for {@code length} fits into {@code loadtest.max-duration}. Every simulation calls it
   * while composing its population.
   */
  public void announce(String profile, Duration length) {
    if (settings.maxDuration().isPresent() && length.compareTo(settings.maxDuration().get()) > 0) {
      throw refuse(SettingError.of("loadtest.max-duration", settings.settings().raw("loadtest.max-duration"),
          "is shorter than the " + simulation + " profile (" + length.toSeconds() + "s); raise it or shorten the profile"));
    }
    this.profile = profile;
    this.length = length;
  }

  /**
   * Closes the target of a run that never started: the simulation's population could not be
   * composed.
   */
  public void abandon() {
    if (target != null) {
      target.close();
    }
  }

  /** Starts recording the run's results: call it in the simulation's {@code before()}. */
  public void begin() {
    // A search judges its steps itself: the run as a whole, overloaded on purpose, has no SLO or drift verdict.
    RunResults.begin(RunInfo.of(simulationClass, target.baseUrl(), profile, recordedConfig(),
        slosJudgedInSteps ? List.of() : slos).withDrift(slosJudgedInSteps ? DriftPlan.NONE : settings.drift()),
        resultsSettings);
    if (!Boolean.getBoolean(Refusal.IN_PROCESS)) {
      // Stopping, writing the files, then the report within its own bound.
      interruption = Interruption.install(simulation, resultsSettings.stopTimeout().plusSeconds(30));
    }
    onBegin.forEach(Runnable::run);
  }

  /**
   * Writes the run's results next to Gatling's report and stops the embedded target: call it in
   * the simulation's {@code after()}.
   */
  public void finish() {
    boolean settled = false;
    if (interruption != null) {
      interruption.finishing();
    }
    try {
      Path directory = RunResults.finish().directory();
      onFinish.forEach(action -> action.accept(directory));
    } catch (RunResults.FailedRunException failed) {
      // Every file and Gatling's report are written by now: the simulation adds what it found (an
      // interrupted capacity search its steps so far), then the run ends in one line, exit 1.
      target.close();
      for (Consumer<Path> action : onFinish) {
        try {
          action.accept(failed.directory());
        } catch (RuntimeException e) {
          System.err.println("[loadtest] " + simulation + ": after the failed run, " + e);
        }
      }
      if (interruption != null && !interruption.remove()) {
        // A signal is ending the JVM, whose hook waits for this: say the line and let it end.
        Refusal.say(simulation, failed);
        settled = true;
        interruption.ended(true);
        awaitTheEnd();
      }
      throw Refusal.fail(simulation, failed);
    } finally {
      target.close();
      if (interruption != null && !settled) {
        interruption.ended(false);
      }
    }
  }

  /** Waits for the JVM, which a signal is ending, to end (bounded: it ends once its hooks have run). */
  private void awaitTheEnd() {
    try {
      Thread.sleep(resultsSettings.stopTimeout().plusMinutes(1).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The settings that made this run, for its summary (secrets are masked there). */
  private Map<String, Object> recordedConfig() {
    Map<String, Object> config = new LinkedHashMap<>(RunInfo.configMap(settings.settings().config(), "loadtest"));
    if (target.embedded()) {
      config.put("reference-target", RunInfo.configMap(settings.settings().config(), "reference-target"));
    }
    Map<String, Object> guard = new LinkedHashMap<>();
    guard.put("target", target.embedded() ? RunInfo.EMBEDDED_TARGET : target.baseUrl());
    guard.put("allowedBecause", target.embedded() ? "embedded" : target.verdict().reason());
    guard.put("approvalTicket", target.embedded() || target.verdict().approvalTicket() == null ? "" : target.verdict().approvalTicket());
    if (heavierThanBurstApproval != null) {
      guard.put("aboveBurstApprovalTicket", heavierThanBurstApproval);
    }
    guard.put("operator", TargetGuard.operator());
    config.put("target-guard", guard);
    return config;
  }

  private RuntimeException refuse(SettingError error) {
    abandon();
    return Refusal.refuse(simulation, error);
  }
}
