package interviews.loadtest.saturation;

import static org.junit.jupiter.api.Assertions.*;

import interviews.loadtest.measure.SecondRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSaturationTest {

  /** Rows 0..n-1 whose server map holds {@code values[key][second]} (NaN: absent). */
  static List<SecondRow> rows(Map<String, double[]> values, int n) {
    List<SecondRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Double> server = new HashMap<>();
      for (Map.Entry<String, double[]> e : values.entrySet()) {
        double v = e.getValue()[i];
        if (!Double.isNaN(v)) {
          server.put(e.getKey(), v);
        }
      }
      rows.add(new SecondRow(i, 1_700_000_000_000L + i * 1000L, 0, 0, 0, 0, 0, 0, 0, 0,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, server));
    }
    return rows;
  }

  @Test
  void saysWhichResourceReachedItsLimitFirstAndWhen() {
    double[] cpu = new double[40];
    double[] conns = new double[40];
    double[] queue = new double[40];
    for (int i = 0; i < 40; i++) {
      cpu[i] = i < 30 ? 0.5 : 0.9;
      conns[i] = i < 12 ? 0.5 : 0.95;
      queue[i] = i < 5 ? Double.NaN : i; // grows from second 5 on: 15 s of growth at second 20
    }
    List<SecondRow> rows = rows(Map.of("node.cpu-busy", cpu, "db.connections-share", conns, "broker.queued", queue), 40);
    RunSaturation s = RunSaturation.judge(rows, List.of(
        SaturationRule.parse("node.cpu-busy", ">= 0.85"),
        SaturationRule.parse("db.connections-share", ">= 0.9"),
        SaturationRule.parse("broker.queued", "grows 15s")));
    assertEquals("db.connections-share", s.first().metric());
    assertEquals(12, s.first().second());
    assertEquals(List.of("db.connections-share", "broker.queued", "node.cpu-busy"),
        s.reached().stream().map(RunSaturation.Reached::metric).toList());
    assertEquals(20, s.reached().get(1).second());
    assertTrue(s.sentence().startsWith("connections-share (db.connections-share) reached its limit first (>= 0.9) at t=12s"),
        s.sentence());
    assertTrue(s.sentence().contains("then queued (broker.queued) at t=20s, cpu-busy (node.cpu-busy) at t=30s"), s.sentence());
  }

  @Test
  void aQueueThatGoesUpAndDownIsNotGrowingAndNoLimitIsSaidSo() {
    double[] queue = new double[40];
    for (int i = 0; i < 40; i++) {
      queue[i] = 5 + ((i * 7) % 5) - 2; // up and down around 5, never rising for long
    }
    RunSaturation s = RunSaturation.judge(rows(Map.of("q", queue), 40), List.of(SaturationRule.parse("q", "grows 15s")));
    assertNull(s.first());
    assertEquals("No resource reached its limit (q grows 15s).", s.sentence());
    assertTrue(RunSaturation.judge(List.of(), List.of()).sentence().startsWith("Saturation not judged"));
  }

  @Test
  void aBacklogSampledEveryFiveSecondsIsJudgedOnItsSamplesNotOnTheSecondsRepeatingThem() {
    double[] queue = new double[40];
    for (int i = 0; i < 40; i++) {
      queue[i] = Math.floor(i / 5.0); // a new sample every 5 s, each second repeating the latest
    }
    List<SecondRow> rows = rows(Map.of("q", queue), 40);
    SaturationRule everySecond = SaturationRule.parse("q", "grows 15s");
    SaturationRule everyFive = everySecond.every(java.time.Duration.ofSeconds(5));
    assertEquals(15, RunSaturation.judge(rows, List.of(everySecond)).first().second());
    // Five samples are 20 s apart at the least: the window is the last 25 s, not 15.
    assertEquals(24, RunSaturation.judge(rows, List.of(everyFive)).first().second());
    // A step of 12 s holds 3 samples: too few for a line.
    assertEquals(Reading.BELOW, everyFive.read(rows.subList(10, 22)).state());
    assertEquals(Reading.AT_LIMIT, everySecond.read(rows.subList(10, 22)).state());
  }

  @Test
  void rulesAreParsedOrRefused() {
    assertEquals(new SaturationRule("k", Gauge.of(Resource.of("k"), ""), ">", 0, "", java.time.Duration.ofSeconds(1)), SaturationRule.parse("k", "> 0"));
    assertEquals("<= 0.1", SaturationRule.parse("k", "<=0.1").text());
    assertEquals("connections-share", SaturationRule.parse("db.connections-share", ">= 1").resource().id());
    assertEquals("grows 15s", SaturationRule.parse("k", "grows 15s").text());
    for (String bad : List.of("", "85%", "grows", "grows 0s", "=> 1", "== 3")) {
      assertThrows(IllegalArgumentException.class, () -> SaturationRule.parse("k", bad), bad);
    }
  }
}
