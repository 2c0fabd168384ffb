package interviews.loadtest.capacity;

/**
 * Little's law between the two answers: N = X · (R + Z). The open model's highest rate within the
 * SLOs is X; the time a user takes per journey at the closed model's answer, R + Z (its requests'
 * waiting R and its thinking Z), is measured on that step as journeys in progress / journeys ended
 * a second; so the closed model's answer should be about X · (R + Z) users. A ratio far from 1 says
 * the two searches disagree about the system's throughput (or the closed answer stopped before
 * the open model's rate was reached).
 *
 * @param throughput X, journeys a second: the open model's answer
 * @param cycleSeconds R + Z measured at the closed model's answer
 * @param responseSeconds R: the mean request latency there times the requests a journey sends
 * @param thinkSeconds Z: the rest of the cycle (thinking, pauses between polls)
 * @param predictedUsers X · (R + Z)
 * @param foundUsers the closed model's answer
 * @param ratio foundUsers / predictedUsers
 */
record LittlesLaw(double throughput, double cycleSeconds, double responseSeconds, double thinkSeconds,
    double predictedUsers, double foundUsers, double ratio) {

  /** The cross-check, or null when either model found no answer. */
  static LittlesLaw of(ModelResult open, ModelResult closed) {
    if (open == null || closed == null || open.foundStep() == null || closed.foundStep() == null) {
      return null;
    }
    Step at = closed.foundStep();
    if (at.achieved() <= 0) {
      return null;
    }
    double x = open.found();
    double cycle = at.concurrency() / at.achieved();
    double requestsPerJourney = at.requestsPerSecond() / at.achieved();
    double r = Double.isNaN(at.meanLatency()) ? 0 : at.meanLatency() / 1000 * requestsPerJourney;
    double predicted = x * cycle;
    return new LittlesLaw(x, cycle, r, Math.max(0, cycle - r), predicted, closed.found(), closed.found() / predicted);
  }
}
