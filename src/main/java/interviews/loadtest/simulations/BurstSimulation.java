package interviews.loadtest.simulations;

import interviews.loadtest.journeys.Booking;
import interviews.loadtest.profiles.Burst;

/** 500 bookings a minute: ramp up, hold, and the SLOs must hold too. */
public class BurstSimulation extends SuiteSimulation {

  public BurstSimulation() {
    super(run -> {
      Burst profile = run.profile(Burst::from);
      run.announce(profile.describe(), profile.duration());
      return Booking.journey(run.settings(), run.data()).injectOpen(profile.injection());
    });
  }
}
