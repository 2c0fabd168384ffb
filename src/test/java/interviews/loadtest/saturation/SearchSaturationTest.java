package interviews.loadtest.saturation;

import static org.junit.jupiter.api.Assertions.*;

import interviews.loadtest.measure.SecondRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** What ran out first in a search, from made-up steps whose truth is known. */
class SearchSaturationTest {

  static final SaturationRule CPU = SaturationRule.parse("app.cpu-busy", ">= 0.85")
      .on(Gauge.shareOf(Resource.CPU, "cores", "cores"), "app.cores");
  static final SaturationRule CONNECTIONS = SaturationRule.parse("db.connections-share", ">= 0.9")
      .on(Gauge.shareOf(Resource.DB_CONNECTIONS, "max-connections", "connections"), "db.max-connections");
  static final SaturationRule QUEUE = SaturationRule.parse("broker.queued", "grows 15s")
      .on(Gauge.of(Resource.QUEUE, "jobs waiting"), "");

  /** Twelve seconds from {@code start}, each second's server values from {@code values}. */
  static List<SecondRow> rows(long start, IntFunction<Map<String, Double>> values) {
    List<SecondRow> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(new SecondRow(start + i, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, new HashMap<>(values.apply(i))));
    }
    return rows;
  }

  static StepReadings step(double load, List<SaturationRule> rules, IntFunction<Map<String, Double>> values) {
    return step(load, true, rules, values);
  }

  static StepReadings step(double load, boolean held, List<SaturationRule> rules, IntFunction<Map<String, Double>> values) {
    return new StepReadings("open", load, held, Reading.over(rows((long) (load * 100), values), rules));
  }

  @Test
  void theQueueThatGrowsAtTheLightestLoadRanOutFirstThoughTheCpuFollowed() {
    List<SaturationRule> rules = List.of(CPU, QUEUE);
    List<StepReadings> steps = List.of(
        step(2, rules, i -> Map.of("app.cpu-busy", 0.2, "app.cores", 4.0, "broker.queued", (double) (i % 3))),
        step(4, rules, i -> Map.of("app.cpu-busy", 0.5, "app.cores", 4.0, "broker.queued", 2.0 + i)),
        step(8, rules, i -> Map.of("app.cpu-busy", 0.95, "app.cores", 4.0, "broker.queued", 5.0 + 3 * i)));
    SearchSaturation s = SearchSaturation.of(steps, rules, "bookings/s");
    assertEquals(Resource.QUEUE, s.resource());
    assertEquals(4, s.atLoad());
    assertEquals("background queue: 7.5 jobs waiting, growing 1 a second at 4 bookings/s,"
        + " 21.5 jobs waiting, growing 3 a second at 8", s.evidence());
    assertEquals(List.of("queue", "cpu"), s.reached().stream().map(r -> r.resource().id()).toList());
    assertEquals(Map.of("cores", 4.0), s.sizes());
    assertTrue(s.sentence().startsWith("What ran out first: background queue (broker.queued): 7.5 jobs waiting"), s.sentence());
  }

  @Test
  void aSpikeAtALightLoadThatHeavierLoadsDoNotShowIsNotWhatRanOut() {
    List<SaturationRule> rules = List.of(CPU, CONNECTIONS);
    List<StepReadings> steps = List.of(
        step(3, rules, i -> Map.of("app.cpu-busy", 0.99, "db.connections-share", 0.3)),
        step(6, rules, i -> Map.of("app.cpu-busy", 0.4, "db.connections-share", 0.6)),
        step(12, rules, i -> Map.of("app.cpu-busy", 0.6, "db.connections-share", 0.95)),
        step(9, rules, i -> Map.of("app.cpu-busy", 0.5, "db.connections-share", 0.92)));
    SearchSaturation s = SearchSaturation.of(steps, rules, "logins/s");
    assertEquals(Resource.DB_CONNECTIONS, s.resource(), s.evidence());
    assertEquals(9, s.atLoad());
    assertEquals(List.of("db-connections"), s.reached().stream().map(r -> r.resource().id()).toList());
  }

  @Test
  void aCpuBusyBeforeTheLoadGrewIsNotWhatTheLoadRanOutOfButIsSaid() {
    // Another process keeps the machine's CPU at its limit from the lightest step, which held its
    // SLOs; the database connections reach theirs only as the load grows: they ran out first.
    List<SaturationRule> rules = List.of(CPU, CONNECTIONS);
    List<StepReadings> steps = List.of(
        step(3, true, rules, i -> Map.of("app.cpu-busy", 0.99, "db.connections-share", 0.3)),
        step(6, true, rules, i -> Map.of("app.cpu-busy", 1.0, "db.connections-share", 0.6)),
        step(9, false, rules, i -> Map.of("app.cpu-busy", 1.0, "db.connections-share", 0.95)));
    SearchSaturation s = SearchSaturation.of(steps, rules, "logins/s");
    assertEquals(Resource.DB_CONNECTIONS, s.resource(), s.evidence());
    assertEquals(9, s.atLoad());
    assertEquals(List.of("db-connections", "cpu"), s.reached().stream().map(r -> r.resource().id()).toList());
    assertTrue(s.evidence().endsWith("; CPU at its limit from the lightest step on" + SearchSaturation.BUSY_BEFORE),
        s.evidence());

    // The same readings when the lightest step broke its SLOs: the CPU at its limit there is what ran out.
    List<StepReadings> broke = List.of(
        step(3, false, rules, i -> Map.of("app.cpu-busy", 0.99, "db.connections-share", 0.3)),
        steps.get(1), steps.get(2));
    assertEquals(Resource.CPU, SearchSaturation.of(broke, rules, "logins/s").resource());
    // And when nothing else reached its limit, the CPU is named as before.
    List<StepReadings> alone = List.of(steps.get(0),
        step(6, true, rules, i -> Map.of("app.cpu-busy", 1.0, "db.connections-share", 0.3)));
    assertEquals(Resource.CPU, SearchSaturation.of(alone, rules, "logins/s").resource());
  }

  @Test
  void aResourceAtItsLimitOnlyAtSomeStepsIsStillNamedAndSaidSo() {
    List<SaturationRule> rules = List.of(CPU);
    SearchSaturation s = SearchSaturation.of(List.of(
        step(3, rules, i -> Map.of("app.cpu-busy", 0.5)), step(6, rules, i -> Map.of("app.cpu-busy", 0.95)),
        step(12, rules, i -> Map.of("app.cpu-busy", 0.5))), rules, "logins/s");
    assertEquals(Resource.CPU, s.resource(), "a plan never says none while a source showed a limit");
    assertEquals(6, s.atLoad());
    assertTrue(s.evidence().endsWith("(not at every heavier step: a passing spike, or a limit shared with another cause)"),
        s.evidence());
  }

  @Test
  void aTieAtOneLoadGoesToTheSharedDatabase() {
    List<SaturationRule> rules = List.of(CPU, CONNECTIONS);
    List<StepReadings> steps = List.of(
        step(5, rules, i -> Map.of("app.cpu-busy", 0.3, "db.connections-share", 0.4, "db.max-connections", 20.0)),
        step(10, rules, i -> Map.of("app.cpu-busy", 0.9, "db.connections-share", 0.95, "db.max-connections", 20.0)));
    SearchSaturation s = SearchSaturation.of(steps, rules, "logins/s");
    assertEquals(Resource.DB_CONNECTIONS, s.resource());
    assertEquals("database connections: 0.95 of 20 connections at 10 logins/s", s.evidence());
    assertEquals(Map.of("max-connections", 20.0), s.sizes());
  }

  @Test
  void noResourceAtItsLimitIsSaidWithTheRulesAndWhatCameNear() {
    List<SaturationRule> rules = List.of(CPU);
    SearchSaturation s = SearchSaturation.of(List.of(
        step(5, rules, i -> Map.of("app.cpu-busy", 0.3)), step(10, rules, i -> Map.of("app.cpu-busy", 0.8))), rules, "logins/s");
    assertNull(s.resource());
    assertEquals("no sampled resource reached its limit (app.cpu-busy >= 0.85); near it: CPU: 0.80 of its size at 10",
        s.evidence());
    assertTrue(SearchSaturation.of(List.of(), List.of(), "logins/s").evidence().startsWith("no resource judged: no saturation rule"));
    assertTrue(SearchSaturation.of(List.of(step(5, rules, i -> Map.of())), rules, "logins/s").evidence()
        .startsWith("no resource judged: no step had a value"));
  }

  @Test
  void aResourceAUserNamedIsSaidByItsName() {
    SaturationRule files = SaturationRule.parse("app.open-files", ">= 1000");
    SearchSaturation s = SearchSaturation.of(List.of(step(3, List.of(files), i -> Map.of("app.open-files", 1020.0))),
        List.of(files), "logins/s");
    assertEquals("open-files", s.resource().id());
    assertFalse(s.resource().known());
    assertEquals("open-files: 1020 at 3 logins/s", s.evidence());
  }

  @Test
  void aStepReadsAtNearOrBelowItsLimit() {
    List<SecondRow> rows = rows(0, i -> Map.of("app.cpu-busy", i < 8 ? 0.8 : 0.9, "broker.queued", (double) (i % 2)));
    Reading cpu = CPU.read(rows);
    assertEquals(Reading.NEAR_LIMIT, cpu.state(), "a mean below 0.85 with seconds above it is near");
    assertEquals((8 * 0.8 + 4 * 0.9) / 12, cpu.mean(), 1e-9);
    assertEquals(Reading.AT_LIMIT, CPU.read(rows(0, i -> Map.of("app.cpu-busy", 0.86))).state());
    assertEquals(Reading.BELOW, QUEUE.read(rows).state(), "a queue going up and down does not grow");
    assertNull(CONNECTIONS.read(rows), "no value, no reading");
  }
}
