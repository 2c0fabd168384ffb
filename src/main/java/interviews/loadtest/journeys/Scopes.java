package interviews.loadtest.journeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an SLO can judge besides "global": the requests and groups the journeys record, under the
 * names of Gatling's report, journey by journey. An SLO whose scope a simulation's journey never
 * records is not judged in that simulation (Login has no "Notification lag"); one whose scope no
 * journey records is a typo, refused before any load. A new journey, request or group is added to
 * its journey's {@code SCOPES}; SimulationRunsTest checks that the runs record nothing else.
 */
public final class Scopes {

  /** Each journey (its scenario's name) and what it records. */
  private static final Map<String, List<String>> BY_JOURNEY = Map.of(
      Booking.NAME, Booking.SCOPES,
      Login.NAME, Login.SCOPES,
      SmokeTour.NAME, SmokeTour.SCOPES);

  /** Requests recorded inside a group, and that group. */
  private static final Map<String, String> GROUP_OF = groupOf(Booking.NOTIFICATION_LAG, Booking.IN_NOTIFICATION_LAG);

  private Scopes() {}

  /** What the journey of scenario {@code journey} records; empty for a journey not listed here. */
  public static List<String> recordedBy(String journey) {
    return BY_JOURNEY.getOrDefault(journey, List.of());
  }

  /** True when {@code journey} is a journey of the suite. */
  public static boolean isJourney(String journey) {
    return BY_JOURNEY.containsKey(journey);
  }

  /** Every request and group name some journey records, sorted. */
  public static List<String> all() {
    TreeSet<String> all = new TreeSet<>();
    BY_JOURNEY.values().forEach(all::addAll);
    return new ArrayList<>(all);
  }

  /** Every request name some journey records (no group), sorted. */
  public static List<String> requests() {
    List<String> requests = all();
    requests.removeAll(GROUP_OF.values());
    return requests;
  }

  /**
   * The path of a request or group in Gatling's statistics: a request inside a group has the
   * group's name first ("Notification lag", "Poll notification").
   */
  public static List<String> gatlingPath(String scope) {
    String group = GROUP_OF.get(scope);
    return group == null ? List.of(scope) : List.of(group, scope);
  }

  private static Map<String, String> groupOf(String group, List<String> requests) {
    Map<String, String> map = new java.util.HashMap<>();
    requests.forEach(request -> map.put(request, group));
    return Map.copyOf(map);
  }
}
