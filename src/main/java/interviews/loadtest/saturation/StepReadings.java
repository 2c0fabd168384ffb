package interviews.loadtest.saturation;

import java.util.List;

/**
 * The readings of one capacity step, with the load it was offered.
 *
 * @param model open (journeys a second) or closed (users)
 * @param load the offered load
 * @param held whether the step held its SLOs
 * @param readings every rule's reading over the step's judged window
 */
public record StepReadings(String model, double load, boolean held, List<Reading> readings) {}
