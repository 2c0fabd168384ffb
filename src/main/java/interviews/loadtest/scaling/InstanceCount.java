package interviews.loadtest.scaling;

import java.util.Locale;

/**
 * Web instances of the measured size for one load, with headroom: n = ⌈load / (headroom × one
 * instance's capacity)⌉, at least 1. When the search found no limit the capacity is a lower
 * bound, so n is at most what is needed.
 *
 * @param load the load's name: burst or peak hour
 * @param perSecond journeys a second to serve
 * @param perInstance one instance's measured capacity, journeys a second
 * @param headroom the share of it each instance may carry
 * @param instances the instances needed
 * @param atMost true when the capacity was a lower bound (fewer may do)
 * @param because the arithmetic in words
 */
public record InstanceCount(String load, double perSecond, double perInstance, double headroom, int instances,
    boolean atMost, String because) {

  static InstanceCount of(String load, String source, double perSecond, ScalingInputs in, ScalingSettings s) {
    double perInstance = in.maxRate() / s.measured().instances();
    int n = Math.max(1, (int) Math.ceil(perSecond / (s.headroom() * perInstance) - 1e-9));
    String because = String.format(Locale.ROOT, "%s %s journeys/s (%s) / (headroom %s x %s journeys/s an instance%s) = %s -> %d",
        load, Plain.number(perSecond), source, Plain.number(s.headroom()), Plain.number(perInstance),
        in.atLeast() ? ", at least" : "", Plain.number(perSecond / (s.headroom() * perInstance)), n);
    return new InstanceCount(load, perSecond, perInstance, s.headroom(), n, in.atLeast(), because);
  }
}
