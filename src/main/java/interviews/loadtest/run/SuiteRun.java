package interviews.loadtest.run;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.http.HttpDsl.http;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.SuiteSettings;
import interviews.loadtest.journeys.TestData;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every simulation shares: the checked settings and test data, the target (embedded or
 * configured, healthy), the HTTP protocol, the SLO assertions and the run's length limit. A
 * simulation opens one in its constructor and closes it in {@code after()}.
 */
public final class SuiteRun implements AutoCloseable {

  private final String simulation;
  private final SuiteSettings settings;
  private final TestData data;
  private final TargetUnderTest target;

  private SuiteRun(String simulation, SuiteSettings settings, TestData data, TargetUnderTest target) {
    this.simulation = simulation;
    this.settings = settings;
    this.data = data;
    this.target = target;
  }

  /** Reads and checks everything, then opens the target; a problem is one line, before any load. */
  public static SuiteRun open(String simulation) {
    try {
      SuiteSettings settings = SuiteSettings.load();
      TestData data = TestData.load(settings);
      return new SuiteRun(simulation, settings, data, TargetUnderTest.open(settings));
    } catch (SettingError | TargetUnderTest.TargetUnavailable e) {
      System.err.println("[loadtest] " + simulation + " not started: " + e.getMessage());
      throw e;
    }
  }

  public SuiteSettings settings() {
    return settings;
  }

  public TestData data() {
    return data;
  }

  public TargetUnderTest target() {
    return target;
  }

  /** Gatling's HTTP protocol for the target: JSON, no warm-up call to any outside host. */
  public HttpProtocolBuilder protocol() {
    return http.baseUrl(target.baseUrl())
        .disableWarmUp()
        .acceptHeader("application/json")
        .userAgentHeader("interview-scheduling-load");
  }

  /** The configured SLOs as Gatling assertions: a breach makes the run exit non-zero. */
  public List<Assertion> slos() {
    SuiteSettings.Slos slos = settings.slos();
    List<Assertion> assertions = new ArrayList<>();
    assertions.add(global().responseTime().percentile(slos.percentile()).lt((int) Math.ceil(slos.responseTimeMillis())));
    assertions.add(slos.errorPercent() == 0
        ? global().failedRequests().count().is(0L)
        : global().failedRequests().percent().lt(slos.errorPercent()));
    return assertions;
  }

  /** The run's hard length limit, {@code loadtest.max-duration}. */
  public Duration maxDuration() {
    return settings.maxDuration();
  }

  /**
   * Refuses a profile that keeps more recruiters busy at once than the users feeder has accounts:
   * two concurrent logins with one account measure something else than two recruiters.
   */
  public void requireAccounts(int concurrentRecruiters, String profileKey) {
    int accounts = data.users().size();
    if (accounts < concurrentRecruiters) {
      refuse(new SettingError("loadtest.feeders.users: " + settings.feeders().users() + " has " + accounts
          + " accounts, too few for " + concurrentRecruiters + " concurrent recruiters (" + profileKey
          + "): each needs an account of its own"));
    }
  }

  private void refuse(SettingError error) {
    System.err.println("[loadtest] " + simulation + " not started: " + error.getMessage());
    close();
    throw error;
  }

  /**
   * Checks that a profile injecting for {@code length} fits into {@code loadtest.max-duration},
   * then prints what is about to run, so that a console log says what was tested.
   */
  public void announce(String profile, Duration length) {
    if (length.compareTo(settings.maxDuration()) > 0) {
      refuse(SettingError.of("loadtest.max-duration", settings.settings().raw("loadtest.max-duration"),
          "is shorter than the " + simulation + " profile (" + length.toSeconds() + "s); raise it or shorten the profile"));
    }
    SuiteSettings.Slos slos = settings.slos();
    System.out.printf(Locale.ROOT, "[loadtest] %s against %s%s%n[loadtest] %s%n[loadtest] SLO: %s < %.0f ms, failed requests < %s %%%n",
        simulation, target.baseUrl(), target.embedded() ? " (embedded reference target)" : "",
        profile, slos.percentileName(), slos.responseTimeMillis(), slos.errorPercent());
  }

  @Override
  public void close() {
    target.close();
  }
}
