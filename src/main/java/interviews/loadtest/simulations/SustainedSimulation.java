package interviews.loadtest.simulations;

import interviews.loadtest.journeys.Booking;
import interviews.loadtest.profiles.Sustained;

/**
 * A business day's bookings (2,000 or 4,000), even or by working hours, at real-time rates from
 * the busiest hour by default, or compressed; above the Burst rate only on loopback or approved.
 */
public class SustainedSimulation extends SuiteSimulation {

  public SustainedSimulation() {
    super(run -> {
      Sustained profile = run.profile(Sustained::from);
      if (profile.heavierThanBurst()) {
        run.requireApprovalAboveBurst("loadtest.profiles.sustained.compression", profile.rates());
      }
      run.announce(profile.describe(), profile.duration());
      return Booking.journey(run.settings(), run.data()).injectOpen(profile.injection());
    });
  }
}
