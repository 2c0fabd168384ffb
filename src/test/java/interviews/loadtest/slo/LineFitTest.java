package interviews.loadtest.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LineFitTest {

  @Test
  void aStraightLineIsFoundExactly() {
    LineFit fit = LineFit.of(new double[] {0, 1, 2, 3}, new double[] {5, 7, 9, 11});
    assertEquals(2.0, fit.slope(), 1e-12);
    assertEquals(5.0, fit.intercept(), 1e-12);
    assertEquals(1.0, fit.r2(), 1e-12);
    assertEquals(13.0, fit.at(4), 1e-12);
    assertEquals(0.0, fit.slopeError(), 1e-12);
    assertEquals(2.0, fit.slopeAtLeast(), 1e-12, "on the line: sure of the whole slope");
  }

  @Test
  void theSlopeItIsSureOfIsLowerTheNoisierAndTheFewerThePoints() {
    // y = x plus noise of +-1: with 5 points the noise hides much of the slope, with 101 little.
    LineFit few = LineFit.of(new double[] {0, 1, 2, 3, 4}, new double[] {1, 0, 3, 2, 5});
    assertEquals(1.0, few.slope(), 1e-12);
    assertEquals(0.4, few.slopeError(), 1e-12); // sqrt(SSE / (n - 2) / Sxx) = sqrt(4.8 / 3 / 10)
    assertEquals(1.0 - 2.353 * 0.4, few.slopeAtLeast(), 1e-12); // t(0.95, 3 df) = 2.353
    double[] xs = new double[101];
    double[] ys = new double[101];
    for (int i = 0; i <= 100; i++) {
      xs[i] = i;
      ys[i] = i + (i % 2 == 0 ? 1 : -1);
    }
    LineFit many = LineFit.of(xs, ys);
    assertEquals(1.0, many.slope(), 0.001);
    assertTrue(many.slopeAtLeast() > 0.99 && many.slopeAtLeast() < many.slope(), String.valueOf(many.slopeAtLeast()));
  }

  @Test
  void noiseAroundAFlatLineHasASlopeNearZeroAndALowR2() {
    double[] xs = new double[100];
    double[] ys = new double[100];
    for (int i = 0; i < 100; i++) {
      xs[i] = i;
      ys[i] = i % 2 == 0 ? 10 : 12; // a sawtooth around 11
    }
    LineFit fit = LineFit.of(xs, ys);
    assertEquals(0.0, fit.slope(), 0.001);
    assertEquals(0.0, fit.r2(), 0.01);
  }

  @Test
  void aFlatLineFitsPerfectly() {
    LineFit fit = LineFit.of(new double[] {0, 1, 2}, new double[] {4, 4, 4});
    assertEquals(0.0, fit.slope());
    assertEquals(1.0, fit.r2());
  }

  @Test
  void tooFewPointsOrOneXAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> LineFit.of(new double[] {1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> LineFit.of(new double[] {1, 1}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> LineFit.of(new double[] {1, 2}, new double[] {1}));
  }
}
