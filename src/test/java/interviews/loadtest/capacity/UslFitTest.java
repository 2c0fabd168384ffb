package interviews.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UslFitTest {

  @Test
  void recoversTheLawsParametersAndItsPeak() {
    double lambda = 2.0;
    double sigma = 0.05;
    double kappa = 0.001;
    List<double[]> points = new ArrayList<>();
    for (int n : new int[] {1, 2, 4, 8, 16, 32, 64, 100}) {
      points.add(new double[] {n, lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1))});
    }
    UslFit fit = UslFit.fit(points);
    assertNotNull(fit);
    assertEquals(lambda, fit.lambda(), 1e-3);
    assertEquals(sigma, fit.sigma(), 1e-3);
    assertEquals(kappa, fit.kappa(), 1e-5);
    assertEquals((long) Math.floor(Math.sqrt((1 - sigma) / kappa)), fit.peakConcurrency());
    assertEquals(8, fit.points());
  }

  @Test
  void needsSixPoints() {
    List<double[]> points = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      points.add(new double[] {n, n});
    }
    assertNull(UslFit.fit(points));
  }
}
