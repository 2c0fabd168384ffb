package interviews.loadtest.scaling;

import interviews.loadtest.scaling.ScalingInputs.StepFigures;
import java.util.Locale;

/**
 * Celery workers for the notification jobs, by Little's law: the workers busy on average are the
 * job rate times the job time, L = λ·S; with a busy share (utilisation) ρ, the workers needed are
 * ⌈λ·S / ρ⌉. The job time is configured, or measured. When the queue saturated first, from the
 * drain rate at the step it did: the queue grew while W workers drained the rest of the jobs
 * offered, so a job takes W / drain rate. Otherwise as an upper bound: at the capacity found the
 * workers kept up with that many jobs a second, so a job takes at most W / rate. A job longer than
 * the lag target cannot meet it at all.
 *
 * @param measured false when the job time is unknown (a Login search sends no booking and none was set)
 * @param jobSeconds the time one job takes
 * @param jobSource where that comes from
 * @param searchedWorkers the workers the search ran with (measured by a source or assumed)
 * @param drain the queue's growth and drain rate where it saturated, or null
 * @param burstJobs jobs a second in the burst
 * @param burstWorkers the workers the burst needs
 * @param peakJobs jobs a second in the busy day's peak hour
 * @param peakWorkers the workers that hour needs
 * @param lagMet whether a job fits in the lag target
 * @param because the arithmetic in words
 */
public record CeleryWorkers(boolean measured, double jobSeconds, String jobSource, Sizes.Size searchedWorkers,
    Drain drain, double burstJobs, int burstWorkers, double peakJobs, int peakWorkers, boolean lagMet,
    String because) {

  /**
   * The queue where it saturated: the jobs offered, how fast the queue grew (a queue growing
   * steadily over the judged window has its mean halfway and its maximum at the end, so it grew
   * 2 × (max − mean) / seconds), and the rest, which the workers drained.
   *
   * @param atLoad the step's bookings a second
   * @param offered jobs a second offered there
   * @param growth jobs a second the queue grew by
   * @param rate jobs a second the workers drained
   * @param workers the workers that drained them
   * @param reading the step's reading of the queue
   * @param seconds the step's judged seconds
   */
  public record Drain(double atLoad, double offered, double growth, double rate, int workers, ResourceReading reading,
      double seconds) {
    /** The measured queue figure in words: at 3 bookings/s the queue grew 0.9 jobs/s with 2 workers. */
    public String sentence() {
      String metric = reading.metric().isEmpty() ? reading.label() : reading.metric();
      String how = Double.isNaN(reading.slope())
          ? String.format(Locale.ROOT, "%s: mean %s, max %s over %s s: 2 x (max - mean) / %s s", metric,
              Plain.number(reading.mean()), Plain.number(reading.max()), Plain.number(seconds), Plain.number(seconds))
          : String.format(Locale.ROOT, "%s: the line fitted over the step's %s s, mean %s jobs", metric,
              Plain.number(seconds), Plain.number(reading.mean()));
      return String.format(Locale.ROOT, "at %s bookings/s the queue grew %s jobs/s with %d workers (%s), so they"
              + " drained %s - %s = %s jobs/s", Plain.number(atLoad), Plain.number(growth), workers, how,
          Plain.number(offered), Plain.number(growth), Plain.number(rate));
    }
  }

  static CeleryWorkers of(ScalingInputs in, ScalingSettings s, Sizes sizes, SaturatedFirst sat) {
    ScalingSettings.Celery c = s.celery();
    Sizes.Size searched = sizes.queueWorkers();
    int workers = searched.whole();
    Drain drain = SaturatedFirst.QUEUE.equals(sat.resource()) && "Booking".equalsIgnoreCase(in.journey())
        ? drain(in, sat, c.jobsPerBooking(), workers) : null;
    double job;
    String source;
    if (c.jobTime() != null) {
      job = c.jobTime().toMillis() / 1000.0;
      source = "loadtest.scaling.celery.job-time";
    } else if (SaturatedFirst.QUEUE.equals(sat.resource()) && "Booking".equalsIgnoreCase(in.journey()) && !in.atLeast()) {
      // The search holds a step only when the queue does not grow through it: the rate it found is
      // the rate the workers drain. One step's growth, over a few seconds, is the rougher figure.
      double rate = in.maxRate() * c.jobsPerBooking();
      job = workers / rate;
      source = String.format(Locale.ROOT, "measured: the queue saturated first and the search held only rates it"
          + " drained, so %d workers drain the %s jobs/s it found; a job takes %d / %s (workers %s)%s", workers,
          Plain.number(rate), workers, Plain.number(rate), searched.source(),
          drain == null ? "" : "; where it saturated, " + drain.sentence());
    } else if (drain != null) {
      job = workers / drain.rate();
      source = String.format(Locale.ROOT, "measured where the queue saturated: %s; a job takes %d workers / %s jobs/s"
          + " (workers %s)", drain.sentence(), workers, Plain.number(drain.rate()), searched.source());
    } else if ("Booking".equalsIgnoreCase(in.journey())) {
      job = workers / (in.maxRate() * c.jobsPerBooking());
      source = String.format(Locale.ROOT, "measured: at most %d workers / %s jobs/s at the capacity found (workers %s)%s",
          workers, Plain.number(in.maxRate() * c.jobsPerBooking()), searched.source(),
          SaturatedFirst.QUEUE.equals(sat.resource()) ? "; the queue saturated first (" + sat.figure() + ") but its step"
              + " gave no growth to measure the drain rate by" : "");
    } else {
      return new CeleryWorkers(false, Double.NaN, "not measured: a " + in.journey() + " search sends no booking;"
          + " search Booking or set loadtest.scaling.celery.job-time", searched, null, Double.NaN, 0, Double.NaN, 0,
          true, "not measured");
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
    return new CeleryWorkers(true, job, source, searched, drain, burst, burstWorkers, peak, peakWorkers, lagMet,
        because);
  }

  /** The drain rate at the step where the queue saturated; null when its reading cannot give it. */
  private static Drain drain(ScalingInputs in, SaturatedFirst sat, double jobsPerBooking, int workers) {
    StepFigures at = null;
    for (StepFigures step : in.steps()) {
      if (step.offered() == sat.atLoad() && step.reading(SaturatedFirst.QUEUE) != null) {
        at = step;
        break;
      }
    }
    for (int i = 0; at == null && i < in.steps().size(); i++) {
      ResourceReading q = in.steps().get(i).reading(SaturatedFirst.QUEUE);
      if (q != null && q.atLimit()) {
        at = in.steps().get(i);
      }
    }
    if (at == null) {
      return null;
    }
    ResourceReading q = at.reading(SaturatedFirst.QUEUE);
    double seconds = at.judgedSeconds();
    if (Double.isNaN(q.mean()) || Double.isNaN(q.max()) || !(seconds > 0) || q.max() < q.mean()) {
      return null;
    }
    double offered = at.offered() * jobsPerBooking;
    // The fitted growth a second when the search gave it; else from the highest and the mean of a
    // steady rise over the window (the mean is half-way up).
    double growth = Double.isNaN(q.slope()) ? 2 * (q.max() - q.mean()) / seconds : q.slope();
    double rate = offered - growth;
    if (!(rate > 0)) {
      return null;
    }
    return new Drain(at.offered(), offered, growth, rate, workers, q, seconds);
  }

  private static int workers(double jobsPerSecond, double jobSeconds, double utilisation) {
    return Math.max(1, (int) Math.ceil(jobsPerSecond * jobSeconds / utilisation - 1e-9));
  }

  /** The workers to run: the burst's (the peak hour needs no more). */
  public int workers() {
    return Math.max(burstWorkers, peakWorkers);
  }
}
