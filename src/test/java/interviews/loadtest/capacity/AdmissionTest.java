package interviews.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdmissionTest {

  @Test
  void admitsTheStepsShareOfTheArrivalsEvenlySpaced() {
    Admission a = new Admission(200);
    a.open(21.25);
    int admitted = 0;
    int sinceLast = 0;
    int longestGap = 0;
    for (int i = 0; i < 200 * 60; i++) {
      sinceLast++;
      if (a.admitArrival()) {
        admitted++;
        longestGap = Math.max(longestGap, sinceLast);
        sinceLast = 0;
      }
    }
    assertEquals(21.25 * 60, admitted, 1);
    assertTrue(longestGap <= 10, "evenly spaced: at most ceil(200 / 21.25) arrivals apart, was " + longestGap);
  }

  @Test
  void neverAboveTheCeilingAndNothingWhilePausedOrDone() {
    Admission a = new Admission(50);
    assertThrows(IllegalArgumentException.class, () -> a.open(50.5));
    a.open(50);
    for (int i = 0; i < 100; i++) {
      assertTrue(a.admitArrival(), "at the ceiling every arrival runs");
    }
    a.pause();
    assertFalse(a.admitArrival());
    a.closed(3);
    assertTrue(a.seatActive(3));
    assertFalse(a.seatActive(4));
    assertFalse(a.admitArrival(), "no arrivals in the closed model");
    a.finish();
    assertTrue(a.done());
    assertFalse(a.seatActive(1));
  }
}
