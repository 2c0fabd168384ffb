package interviews.loadtest.run;

import static org.junit.jupiter.api.Assertions.*;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.TestConfigs;
import interviews.loadtest.results.ResultsSettings;
import interviews.loadtest.results.server.SourceSettings;
import interviews.loadtest.safety.TargetGuard;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the run checks of the server sources before any load: drift SLOs on their keys, and the guard. */
class SourcesBeforeLoadTest {

  private static final String[] BROKER = {
    "loadtest.results.sources.broker.kind", "redis",
    "loadtest.results.sources.broker.url", "redis://127.0.0.1:6379/0",
    "loadtest.drift.slo.queue-growth.metric", "broker.queued"};

  @Test
  void aDriftSloMayWatchASourcesMetricAndOnlyOneThatIsSampled() {
    SuiteRun.checkDrift(TestConfigs.suite(BROKER).drift(), ResultsSettings.from(TestConfigs.config(BROKER)));
    SettingError e = assertThrows(SettingError.class, () -> SuiteRun.checkDrift(
        TestConfigs.suite("loadtest.drift.slo.queue-growth.metric", "broker.queued").drift(),
        ResultsSettings.from(TestConfigs.config())));
    assertTrue(e.getMessage().startsWith("loadtest.drift.slo.queue-growth.metric = 'broker.queued': is no server metric"),
        e.getMessage());
    // The default drift SLOs keep watching the reference target's keys.
    SuiteRun.checkDrift(TestConfigs.suite().drift(), ResultsSettings.from(TestConfigs.config()));
  }

  @Test
  void eachSourcePassesTheTargetGuardAndARefusedOneIsMarkedNotFatal() {
    ResultsSettings r = ResultsSettings.from(TestConfigs.config(
        "loadtest.results.sources.local.preset", "node",
        "loadtest.results.sources.local.url", "http://127.0.0.1:9100/metrics",
        "loadtest.results.sources.staging.preset", "node",
        "loadtest.results.sources.staging.url", "http://staging.stub.invalid:9100/metrics",
        "loadtest.results.sources.prod.preset", "postgres",
        "loadtest.results.sources.prod.url", "http://prod.stub.invalid:9187/metrics"));
    List<SourceSettings> checked = SuiteRun.guardSources(
        new TargetGuard(List.of("staging.stub.invalid"), "", ""), r).sources();
    assertNull(checked.stream().filter(s -> s.name().equals("local")).findFirst().orElseThrow().refused());
    assertNull(checked.stream().filter(s -> s.name().equals("staging")).findFirst().orElseThrow().refused());
    String refused = checked.stream().filter(s -> s.name().equals("prod")).findFirst().orElseThrow().refused();
    assertTrue(refused.startsWith("loadtest.results.sources.prod.url = 'http://prod.stub.invalid:9187/metrics': "
        + "refusing to call prod.stub.invalid"), refused);
    // An approval for exactly that host lets it be called.
    assertNull(SuiteRun.guardSources(new TargetGuard(List.of(), "CHG-1", "prod.stub.invalid"), r).sources().stream()
        .filter(s -> s.name().equals("prod")).findFirst().orElseThrow().refused());
  }
}
