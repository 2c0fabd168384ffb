package interviews.loadtest.simulations;

import interviews.loadtest.journeys.Booking;
import interviews.loadtest.profiles.Burst;

/** 500 bookings a minute: ramp up, hold, and the SLOs must hold too. */
public class BurstSimulation extends SuiteSimulation {

  private final Burst profile = run.profile(Burst::from);

  {
    run.announce(profile.describe(), profile.duration());
    setUp(Booking.journey(run.settings(), run.data()).injectOpen(profile.injection()))
        .protocols(run.protocol())
        .assertions(run.slos())
        .maxDuration(run.maxDuration());
  }
}
