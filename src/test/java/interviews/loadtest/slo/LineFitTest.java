package interviews.loadtest.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LineFitTest {

  @Test
  void aStraightLineIsFoundExactly() {
    LineFit fit = LineFit.of(new double[] {0, 1, 2, 3}, new double[] {5, 7, 9, 11});
    assertEquals(2.0, fit.slope(), 1e-12);
    assertEquals(5.0, fit.intercept(), 1e-12);
    assertEquals(1.0, fit.r2(), 1e-12);
    assertEquals(13.0, fit.at(4), 1e-12);
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
