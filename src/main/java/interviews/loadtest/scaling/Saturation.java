package interviews.loadtest.scaling;

import interviews.loadtest.scaling.ScalingInputs.StepFigures;
import java.util.ArrayList;
import java.util.List;

/**
 * Which resource saturated first: walking the open model's steps from the lightest load up, the
 * first step where a sampled server metric's mean reached {@code saturation} of its size. The
 * resources, in the order a tie is broken: the database (requests waiting for a pooled
 * connection, {@code db-pending} ≥ 1), the CPU ({@code cpu} cores ≥ saturation × vCPUs), the web
 * workers ({@code in-flight} requests ≥ saturation × workers × threads) and the notification
 * workers (a backlog, {@code queue-depth}, as large as the Celery workers).
 *
 * @param resource {@value #DATABASE}, {@value #CPU}, {@value #WEB_WORKERS}, {@value #NOTIFICATIONS} or {@value #NONE}
 * @param atLoad the step's offered load, journeys a second (NaN for none)
 * @param evidence the figure that showed it, in words
 * @param cpuAtAnswer CPU cores used at the answer's step (NaN when not sampled)
 */
public record Saturation(String resource, double atLoad, String evidence, double cpuAtAnswer) {

  public static final String DATABASE = "database";
  public static final String CPU = "cpu";
  public static final String WEB_WORKERS = "web workers";
  public static final String NOTIFICATIONS = "notification workers";
  public static final String NONE = "none";

  /** Finds the first saturated resource in the search's steps. */
  public static Saturation find(ScalingInputs in, ScalingSettings s) {
    ScalingSettings.Measured m = s.measured();
    StepFigures answer = in.answerStep();
    double cpuAtAnswer = answer == null ? Double.NaN : answer.metric("cpu");
    for (StepFigures step : in.steps()) {
      List<String[]> found = new ArrayList<>();
      double pending = step.metric("db-pending");
      if (pending >= 1) {
        found.add(new String[] {DATABASE, Plain.number(pending) + " requests waiting for a database connection"});
      }
      double cpu = step.metric("cpu");
      if (cpu >= s.saturation() * m.vcpus()) {
        found.add(new String[] {CPU, Plain.number(cpu) + " of " + m.vcpus() + " vCPUs busy (loadtest.scaling.measured.vcpus)"});
      }
      int workers = m.gunicornWorkers() * m.gunicornThreads();
      double inFlight = step.metric("in-flight");
      if (inFlight >= s.saturation() * workers) {
        found.add(new String[] {WEB_WORKERS, Plain.number(inFlight) + " requests in flight for " + workers
            + " worker threads (loadtest.scaling.measured.gunicorn-workers x gunicorn-threads)"});
      }
      double queue = step.metric("queue-depth");
      if (queue >= m.celeryWorkers()) {
        found.add(new String[] {NOTIFICATIONS, Plain.number(queue) + " notification jobs waiting for "
            + m.celeryWorkers() + " workers (loadtest.scaling.measured.celery-workers)"});
      }
      if (!found.isEmpty()) {
        String[] first = found.get(0);
        return new Saturation(first[0], step.offered(),
            "at " + Plain.number(step.offered()) + " journeys/s: " + first[1] + " (mean of the step)", cpuAtAnswer);
      }
    }
    return new Saturation(NONE, Double.NaN, "no sampled server metric (cpu, in-flight, db-pending, queue-depth) reached"
        + " saturation at any step: the limit lies outside them (balancer, network, load generator) or the"
        + " target exposes none of them", cpuAtAnswer);
  }
}
