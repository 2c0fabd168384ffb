package interviews.loadtest.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The baseline's median and band, by the documented rule (docs/trends.md). */
class TrendBaselineTest {

  @Test
  void medianAndScaledMadBand() {
    // Sorted 390 400 405 410 420: median 405; deviations 15 5 0 5 15: MAD 5, scaled 7.413;
    // band max(3 x 7.413, 0.10 x 405) = max(22.239, 40.5) = 40.5.
    Baseline b = Baseline.of(List.of(400.0, 410.0, 390.0, 420.0, 405.0), 3, 0.10);
    assertEquals(405, b.median(), 1e-9);
    assertEquals(1.4826 * 5, b.spread(), 1e-9);
    assertEquals(40.5, b.band(), 1e-9);
    assertEquals(445.5, b.upper(), 1e-9);
    assertEquals(364.5, b.lower(), 1e-9);
    assertEquals(5, b.runs());
  }

  @Test
  void aNoisyHistoryWidensTheBandAndOneWildRunDoesNotMoveIt() {
    // 300 500 400 600 380: median 400; deviations 100 100 0 200 20: MAD 100, scaled 148.26;
    // band max(3 x 148.26, 40) = 444.78. The one wild run (600) moves neither the median nor the MAD much.
    Baseline b = Baseline.of(List.of(300.0, 500.0, 400.0, 600.0, 380.0), 3, 0.10);
    assertEquals(400, b.median(), 1e-9);
    assertEquals(3 * 1.4826 * 100, b.band(), 1e-9);
  }

  @Test
  void aQuietHistoryStillHasTheMinimumTolerance() {
    Baseline b = Baseline.of(List.of(400.0, 400.0, 400.0), 3, 0.10);
    assertEquals(0, b.spread(), 1e-9);
    assertEquals(40, b.band(), 1e-9);
  }

  @Test
  void anEvenCountTakesTheMeanOfTheMiddleTwo() {
    Baseline b = Baseline.of(List.of(20.0, 22.0, 21.0, 24.0), 3, 0.05);
    assertEquals(21.5, b.median(), 1e-9);
    // Deviations 1.5 0.5 0.5 2.5: MAD 1.0.
    assertEquals(1.4826, b.spread(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> Baseline.of(List.of(), 3, 0.1));
  }
}
