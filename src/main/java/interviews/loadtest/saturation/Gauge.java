package interviews.loadtest.saturation;

/**
 * What a server metric tells about a resource: which resource, in what unit, and which metric of
 * the same source gives the resource's size (node_exporter's cores, postgres_exporter's
 * max_connections), so that a figure can be said in words: "CPU: 0.90 of 2 cores".
 *
 * @param resource the resource it shows
 * @param unit {@value #SHARE} (a share of the size), {@value #AVAILABLE_SHARE} (the share still
 *     free), {@value #BYTES}, or a word for a count ("cores", "jobs", "requests waiting"), "" for a
 *     plain number
 * @param sizeMetric the metric (of the same source, without its prefix) holding the size, or ""
 * @param sizeUnit the size's unit ("cores", "connections", or {@value #BYTES}), or ""
 */
public record Gauge(Resource resource, String unit, String sizeMetric, String sizeUnit) {

  public static final String SHARE = "share";
  public static final String AVAILABLE_SHARE = "available share";
  public static final String BYTES = "bytes";

  /** A gauge without a size. Example: {@code Gauge.of(Resource.QUEUE, "jobs")}. */
  public static Gauge of(Resource resource, String unit) {
    return new Gauge(resource, unit, "", "");
  }

  /** A share of a size another metric holds. Example: {@code Gauge.shareOf(Resource.CPU, "cores", "cores")}. */
  public static Gauge shareOf(Resource resource, String sizeMetric, String sizeUnit) {
    return new Gauge(resource, SHARE, sizeMetric, sizeUnit);
  }

  /** The same gauge for another resource (a user's mapping). */
  public Gauge as(Resource other) {
    return new Gauge(other, unit, sizeMetric, sizeUnit);
  }
}
