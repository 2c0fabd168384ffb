package interviews.loadtest.simulations;

import interviews.loadtest.journeys.Booking;
import interviews.loadtest.profiles.Sustained;

/** A business day's bookings (2,000 or 4,000), even or by working hours, optionally compressed. */
public class SustainedSimulation extends SuiteSimulation {

  public SustainedSimulation() {
    super(run -> {
      Sustained profile = run.profile(Sustained::from);
      run.announce(profile.describe(), profile.duration());
      return Booking.journey(run.settings(), run.data()).injectOpen(profile.injection());
    });
  }
}
