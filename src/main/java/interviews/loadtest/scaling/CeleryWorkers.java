package interviews.loadtest.scaling;

import java.util.Locale;

/**
 * Celery workers for the notification jobs, by Little's law: the workers busy on average are the
 * job rate times the job time, L = λ·S; with a busy share (utilisation) ρ, the workers needed are
 * ⌈λ·S / ρ⌉. The job time is configured, or measured: at the capacity found the notification
 * workers kept up with (or, when they were the limit, delivered) that many bookings a second, so
 * a job takes at most workers / rate. A job longer than the lag target cannot meet it at all.
 *
 * @param measured false when the job time is unknown (a Login search sends no booking and none was set)
 * @param jobSeconds the time one job takes
 * @param jobSource where that comes from
 * @param burstJobs jobs a second in the burst
 * @param burstWorkers the workers the burst needs
 * @param peakJobs jobs a second in the busy day's peak hour
 * @param peakWorkers the workers that hour needs
 * @param lagMet whether a job fits in the lag target
 * @param because the arithmetic in words
 */
public record CeleryWorkers(boolean measured, double jobSeconds, String jobSource, double burstJobs, int burstWorkers,
    double peakJobs, int peakWorkers, boolean lagMet, String because) {

  static CeleryWorkers of(ScalingInputs in, ScalingSettings s) {
    ScalingSettings.Celery c = s.celery();
    double job;
    String source;
    if (c.jobTime() != null) {
      job = c.jobTime().toMillis() / 1000.0;
      source = "loadtest.scaling.celery.job-time";
    } else if ("Booking".equalsIgnoreCase(in.journey())) {
      job = s.measured().celeryWorkers() / (in.maxRate() * c.jobsPerBooking());
      source = String.format(Locale.ROOT, "measured: at most %d workers / %s jobs/s at the capacity found",
          s.measured().celeryWorkers(), Plain.number(in.maxRate() * c.jobsPerBooking()));
    } else {
      return new CeleryWorkers(false, Double.NaN, "not measured: a " + in.journey() + " search sends no booking;"
          + " search Booking or set loadtest.scaling.celery.job-time", Double.NaN, 0, Double.NaN, 0, true,
          "not measured");
    }
    double burst = s.burstPerSecond() * c.jobsPerBooking();
    double peak = s.peakHourPerSecond() * c.jobsPerBooking();
    int burstWorkers = workers(burst, job, c.utilisation());
    int peakWorkers = workers(peak, job, c.utilisation());
    boolean lagMet = job <= c.lagTarget().toMillis() / 1000.0;
    String because = String.format(Locale.ROOT, "Little's law: %s jobs/s x %s s a job = %s busy workers; / utilisation"
        + " %s = %d for the burst (%s jobs/s x %s s / %s = %d for the peak hour); a job of %s s %s the lag target of %s s",
        Plain.number(burst), Plain.number(job), Plain.number(burst * job), Plain.number(c.utilisation()), burstWorkers,
        Plain.number(peak), Plain.number(job), Plain.number(c.utilisation()), peakWorkers, Plain.number(job),
        lagMet ? "fits" : "does not fit", Plain.number(c.lagTarget().toMillis() / 1000.0));
    return new CeleryWorkers(true, job, source, burst, burstWorkers, peak, peakWorkers, lagMet, because);
  }

  private static int workers(double jobsPerSecond, double jobSeconds, double utilisation) {
    return Math.max(1, (int) Math.ceil(jobsPerSecond * jobSeconds / utilisation - 1e-9));
  }

  /** The workers to run: the burst's (the peak hour needs no more). */
  public int workers() {
    return Math.max(burstWorkers, peakWorkers);
  }
}
