package interviews.loadtest.scaling;

import interviews.loadtest.scaling.ScalingInputs.StepFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sizes the plan counts with, each measured by a source the capacity search read (capacity.json's
 * {@code saturation.sizes}, or a step's reading of the resource) or else assumed from its setting:
 * one web VM's vCPUs ({@code cores}, node_exporter), PostgreSQL's max_connections
 * ({@code max-connections}, postgres_exporter), the Celery workers ({@code queue-workers}), the
 * web worker threads of an instance ({@code web-workers}) and the memory ({@code memory-bytes}, no
 * setting: only when measured).
 *
 * @param vcpus vCPUs of one web VM
 * @param maxConnections PostgreSQL's max_connections
 * @param queueWorkers Celery workers consuming the queue during the search
 * @param webWorkers web worker threads of one instance during the search
 * @param memoryBytes one VM's memory, or null when no source measured it
 * @param reserve the connections kept from the application ({@code loadtest.scaling.database.reserve})
 */
public record Sizes(Size vcpus, Size maxConnections, Size queueWorkers, Size webWorkers, Size memoryBytes,
    int reserve) {

  /**
   * One size.
   *
   * @param name its key in capacity.json's sizes (cores, max-connections...)
   * @param value its value
   * @param measured true when a source measured it
   * @param from the field and metric it was measured by, or the setting's key it was assumed from
   */
  public record Size(String name, double value, boolean measured, String from) {
    /** The value as a whole count, at least 1. */
    public int whole() {
      return (int) Math.max(1, Math.round(value));
    }

    /** "measured (from)" or "assumed (key)". */
    public String source() {
      return (measured ? "measured: " : "assumed: ") + from;
    }
  }

  /** The sizes of this search, measured where its sources could tell, else the settings'. */
  static Sizes of(ScalingInputs in, ScalingSettings s) {
    ScalingSettings.Measured m = s.measured();
    String k = ScalingSettings.KEY;
    Size vcpus = size(in, "cores", SaturatedFirst.CPU, m.vcpus(), k + "measured.vcpus");
    Size max = size(in, "max-connections", SaturatedFirst.DB_CONNECTIONS, s.database().maxConnections(),
        k + "database.max-connections");
    if (max.measured() && max.whole() <= s.database().reserve()) {
      throw new ScalingInputError(String.format(Locale.ROOT, "capacity.json in %s: the database's max_connections,"
              + " %s (%s), is not above loadtest.scaling.database.reserve (%d): nothing would be left for the"
              + " application; lower the reserve", in.runDirectory(), Plain.number(max.value()), max.from(),
          s.database().reserve()));
    }
    Size queue = size(in, "queue-workers", SaturatedFirst.QUEUE, m.celeryWorkers(), k + "measured.celery-workers");
    Size web = size(in, "web-workers", SaturatedFirst.WEB_WORKERS, m.gunicornWorkers() * m.gunicornThreads(),
        k + "measured.gunicorn-workers x gunicorn-threads");
    Size memory = size(in, "memory-bytes", SaturatedFirst.MEMORY, Double.NaN, null);
    return new Sizes(vcpus, max, queue, web, memory.measured() ? memory : null, s.database().reserve());
  }

  /**
   * A size from capacity.json's saturation.sizes, else from a step's reading of its resource that
   * carries it, else the setting (NaN and no key: not known).
   */
  private static Size size(ScalingInputs in, String name, String resource, double assumed, String key) {
    SaturationEvidence e = in.saturation();
    ResourceReading reading = readingWithSize(in.steps(), name, resource);
    String metric = reading == null || reading.metric().isEmpty() ? "" : ", read with " + reading.metric();
    if (e != null && e.sizes().containsKey(name)) {
      return new Size(name, e.sizes().get(name), true, "saturation.sizes." + name + metric);
    }
    if (reading != null) {
      return new Size(name, reading.size(), true, "steps[].resources " + reading.resource() + " size" + metric);
    }
    return new Size(name, assumed, false, key);
  }

  private static ResourceReading readingWithSize(List<StepFigures> steps, String name, String resource) {
    ResourceReading byResource = null;
    for (StepFigures step : steps) {
      for (ResourceReading r : step.resources()) {
        if (r.size() > 0 && name.equals(r.sizeName())) {
          return r;
        }
        if (byResource == null && r.size() > 0 && resource.equals(r.resource())) {
          byResource = r;
        }
      }
    }
    return byResource;
  }

  /** The connections the application may hold: max_connections minus the reserve. */
  public int available() {
    return maxConnections.whole() - reserve;
  }

  /** Every size, in the order the plan lists them. */
  public List<Size> all() {
    List<Size> all = new ArrayList<>(List.of(vcpus, maxConnections, webWorkers, queueWorkers));
    if (memoryBytes != null) {
      all.add(memoryBytes);
    }
    return List.copyOf(all);
  }

  /** The sizes a source measured, by name. */
  public List<String> measuredNames() {
    return all().stream().filter(Size::measured).map(Size::name).toList();
  }
}
