package interviews.loadtest.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

class SearchPlanTest {

  /** Runs a plan against a system that holds every load {@code holds} accepts; returns the loads tried. */
  private static List<Double> run(SearchPlan plan, DoublePredicate holds) {
    List<Double> tried = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      OptionalDouble next = plan.next();
      if (next.isEmpty()) {
        return tried;
      }
      double load = next.getAsDouble();
      tried.add(load);
      if (holds.test(load)) {
        plan.good(load);
      } else {
        plan.bad(load);
      }
    }
    throw new AssertionError("the plan did not end: " + tried);
  }

  @Test
  void doublesThenBisectsUntilTheResolution() {
    SearchPlan plan = new SearchPlan(2, 200, 2, 0.05, false);
    List<Double> tried = run(plan, load -> load <= 20.6);
    assertEquals(List.of(2.0, 4.0, 8.0, 16.0, 32.0, 24.0, 20.0, 22.0, 21.0), tried);
    assertEquals(20.0, plan.lastGood());
    assertEquals(21.0, plan.firstBad());
    assertEquals(SearchPlan.End.RESOLVED, plan.end());
    assertTrue(plan.firstBad() - plan.lastGood() <= 0.05 * plan.lastGood());
  }

  @Test
  void neverOffersMoreThanTheCeilingAndSaysAtLeastIt() {
    SearchPlan plan = new SearchPlan(2, 50, 2, 0.05, false);
    List<Double> tried = run(plan, load -> true);
    assertEquals(List.of(2.0, 4.0, 8.0, 16.0, 32.0, 50.0), tried);
    assertEquals(SearchPlan.End.CEILING, plan.end());
    assertTrue(Double.isNaN(plan.firstBad()));
  }

  @Test
  void aFirstStepThatBreaksIsFollowedBySmallerOnes() {
    SearchPlan plan = new SearchPlan(50, 500, 2, 0.05, true);
    List<Double> tried = run(plan, load -> load <= 30);
    assertEquals(50.0, tried.get(0));
    assertEquals(25.0, tried.get(1));
    assertEquals(30.0, plan.lastGood());
    assertEquals(31.0, plan.firstBad(), "whole users: refined to one user");
    tried.forEach(load -> assertEquals(Math.rint(load), load, "whole users"));
  }

  @Test
  void aTargetThatFailsEveryLoadEndsAtTheFloor() {
    SearchPlan plan = new SearchPlan(8, 100, 2, 0.05, false);
    List<Double> tried = run(plan, load -> false);
    assertEquals(SearchPlan.End.FLOOR, plan.end());
    assertTrue(Double.isNaN(plan.lastGood()));
    assertTrue(tried.size() <= 7, tried.toString());
  }
}
