package interviews.loadtest.scaling;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import interviews.loadtest.profiles.Burst;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The scaling plan's settings, {@code loadtest.scaling}: the headroom, the loads to size for, and
 * the named assumptions about what the capacity search cannot see from outside (the VM's vCPUs,
 * the instances and workers it measured, the database's max_connections). A wrong value, or two
 * settings that contradict each other, is refused in one line naming the key.
 *
 * @param enabled write the plan after every capacity search
 * @param headroom each instance carries at most this share of its measured capacity
 * @param saturation a resource is saturated at a step when its mean reaches this share of its size
 * @param burstPerSecond the Burst rate, bookings a second ({@code loadtest.profiles.burst})
 * @param peakDay the busy day's name or number, as set
 * @param peakHourPerSecond the bookings a second of that day's busiest hour
 * @param peakHour that hour (UTC)
 * @param measured the deployment the search measured
 * @param database the database's connection limits
 * @param celery the notification workers' figures
 * @param autoscaler the managed instance group's autoscaler
 */
public record ScalingSettings(
    boolean enabled,
    double headroom,
    double saturation,
    double burstPerSecond,
    String peakDay,
    double peakHourPerSecond,
    int peakHour,
    Measured measured,
    DatabaseBudget database,
    Celery celery,
    Autoscaler autoscaler) {

  static final String KEY = "loadtest.scaling.";

  /**
   * The deployment the capacity search measured.
   *
   * @param vcpus vCPUs of one web VM
   * @param instances web instances behind the balancer during the search
   * @param gunicornWorkers gunicorn workers per instance
   * @param gunicornThreads threads per worker
   * @param celeryWorkers Celery worker processes, all nodes together
   * @param startupTime a new VM's boot and application start
   */
  public record Measured(int vcpus, int instances, int gunicornWorkers, int gunicornThreads, int celeryWorkers,
      Duration startupTime) {}

  /**
   * @param maxConnections PostgreSQL's max_connections
   * @param reserve connections kept from the application
   * @param connMaxAgeSeconds Django's CONN_MAX_AGE (0: a connection per request)
   */
  public record DatabaseBudget(int maxConnections, int reserve, long connMaxAgeSeconds) {
    /** The connections the application may hold. */
    public int available() {
      return maxConnections - reserve;
    }
  }

  /**
   * @param jobTime the time one job takes, or null for auto (measured)
   * @param jobsPerBooking notification jobs per booking
   * @param utilisation busy share of the workers at the sized load
   * @param lagTarget the longest a notification may take
   */
  public record Celery(Duration jobTime, double jobsPerBooking, double utilisation, Duration lagTarget) {}

  /**
   * @param group the managed instance group's name
   * @param zone its zone, for a zonal group; empty for a regional one
   * @param region its region, for a regional group; empty for a zonal one
   * @param minReplicas the fewest instances
   * @param maxReplicas the most instances, or 0 for auto (the burst's)
   * @param targetCpu the CPU utilisation kept
   * @param scaleInMaxReplicas instances removed at most within the window
   * @param scaleInTimeWindow the scale-in control's window
   */
  public record Autoscaler(String group, String zone, String region, int minReplicas, int maxReplicas,
      double targetCpu, int scaleInMaxReplicas, Duration scaleInTimeWindow) {
    /** True for a regional managed instance group. */
    public boolean regional() {
      return !region.isEmpty();
    }
  }

  /** Reads and checks {@code loadtest.scaling}. */
  public static ScalingSettings from(Settings s) {
    double headroom = s.number(KEY + "headroom", 0.1, 1.0);
    double saturation = s.number(KEY + "saturation", 0.1, 1.0);
    double burst = Burst.from(s).perSecond();
    String day = s.text(KEY + "peak-day").trim();
    double perDay = bookingsPerDay(s, day);
    List<Double> weights = hourlyWeights(s);
    int hour = busiestHour(weights);
    double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
    double peak = perDay * weights.get(hour) / sum / 3600.0;

    Measured measured = new Measured(
        s.whole(KEY + "measured.vcpus", 1, 1024),
        s.whole(KEY + "measured.instances", 1, 10_000),
        s.whole(KEY + "measured.gunicorn-workers", 1, 10_000),
        s.whole(KEY + "measured.gunicorn-threads", 1, 10_000),
        s.whole(KEY + "measured.celery-workers", 1, 100_000),
        s.duration(KEY + "measured.startup-time", Duration.ofSeconds(1), Duration.ofHours(1)));

    int maxConnections = s.whole(KEY + "database.max-connections", 1, 262_143);
    int reserve = s.whole(KEY + "database.reserve", 0, 262_143);
    if (reserve >= maxConnections) {
      throw SettingError.of(KEY + "database.reserve", reserve, "must be below database.max-connections ("
          + maxConnections + "): nothing would be left for the application");
    }
    DatabaseBudget database = new DatabaseBudget(maxConnections, reserve,
        s.wholeLong(KEY + "database.conn-max-age", 0, 86_400L * 365));

    String jobKey = KEY + "celery.job-time";
    Duration jobTime = "auto".equals(s.raw(jobKey).trim()) ? null
        : s.duration(jobKey, Duration.ofMillis(1), Duration.ofHours(1));
    Duration lag = s.duration(KEY + "celery.lag-target", Duration.ofMillis(1), Duration.ofDays(1));
    if (jobTime != null && jobTime.compareTo(lag) > 0) {
      throw SettingError.of(jobKey, s.raw(jobKey), "is longer than celery.lag-target (" + s.raw(KEY + "celery.lag-target")
          + "): no number of workers delivers a notification within the lag target");
    }
    Celery celery = new Celery(jobTime, s.number(KEY + "celery.jobs-per-booking", 0, 1000),
        s.number(KEY + "celery.utilisation", 0.1, 1.0), lag);

    String a = KEY + "autoscaler.";
    int min = s.whole(a + "min-replicas", 1, 1000);
    int max = 0;
    if (!"auto".equals(s.raw(a + "max-replicas").trim())) {
      max = s.whole(a + "max-replicas", 1, 1000);
      if (max < min) {
        throw SettingError.of(a + "max-replicas", max, "is below autoscaler.min-replicas (" + min + ")");
      }
    }
    double target = headroom;
    if (!"auto".equals(s.raw(a + "target-cpu").trim())) {
      target = s.number(a + "target-cpu", 0.1, 1.0);
      if (target > headroom) {
        throw SettingError.of(a + "target-cpu", s.raw(a + "target-cpu"), "is above loadtest.scaling.headroom ("
            + s.raw(KEY + "headroom") + "): the autoscaler would let each instance carry more than the plan sized it for");
      }
    }
    String zone = s.optionalText(a + "zone").trim();
    String region = s.optionalText(a + "region").trim();
    if (!zone.isEmpty() && !region.isEmpty()) {
      throw SettingError.of(a + "region", region, "is set with autoscaler.zone (" + zone + "): a managed instance group"
          + " is zonal or regional; set autoscaler.zone = \"\" for a regional one");
    }
    if (zone.isEmpty() && region.isEmpty()) {
      throw SettingError.of(a + "zone", zone, "must name the zonal group's zone, or set autoscaler.region for a"
          + " regional one");
    }
    Autoscaler autoscaler = new Autoscaler(name(s, a + "group"), zone.isEmpty() ? "" : name(s, a + "zone"),
        region.isEmpty() ? "" : name(s, a + "region"), min, max, target,
        s.whole(a + "scale-in-max-replicas", 1, 1000),
        s.duration(a + "scale-in-time-window", Duration.ofSeconds(60), Duration.ofHours(24)));

    return new ScalingSettings(s.flag(KEY + "enabled"), headroom, saturation, burst, day, peak, hour, measured,
        database, celery, autoscaler);
  }

  /** A name for gcloud and Terraform: lower-case letters, digits and hyphens (GCP's resource names). */
  private static String name(Settings s, String key) {
    String value = s.text(key).trim();
    if (!value.matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?")) {
      throw SettingError.of(key, value, "must be a GCP name: lower-case letters, digits and hyphens, starting with a letter");
    }
    return value;
  }

  private static double bookingsPerDay(Settings s, String day) {
    if (day.matches("[0-9]+(\\.[0-9]+)?")) {
      return s.positive(KEY + "peak-day", 100_000_000);
    }
    String preset = "loadtest.profiles.sustained.presets." + day;
    if (!s.config().hasPath(preset)) {
      List<String> names = new ArrayList<>(s.config().getConfig("loadtest.profiles.sustained.presets").root().keySet());
      Collections.sort(names);
      throw SettingError.of(KEY + "peak-day", day, "must be a number of bookings a day or a preset: " + String.join(", ", names));
    }
    return s.positive(preset, 100_000_000);
  }

  /** The day's shape as the Sustained profile has it: even, or its working-hours weights. */
  private static List<Double> hourlyWeights(Settings s) {
    String shape = s.oneOf("loadtest.profiles.sustained.shape", List.of("even", "working-hours"));
    List<Double> weights = shape.equals("even") ? Collections.nCopies(24, 1.0)
        : s.numbers("loadtest.profiles.sustained.hourly-weights", 24, 0, 1_000_000);
    if (weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw SettingError.of("loadtest.profiles.sustained.hourly-weights", weights, "needs at least one hour above 0");
    }
    return weights;
  }

  private static int busiestHour(List<Double> weights) {
    int busiest = 0;
    for (int hour = 1; hour < weights.size(); hour++) {
      if (weights.get(hour) > weights.get(busiest)) {
        busiest = hour;
      }
    }
    return busiest;
  }
}
