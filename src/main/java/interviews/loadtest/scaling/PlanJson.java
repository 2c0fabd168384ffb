package interviews.loadtest.scaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes scaling-plan.json: what it was made from, the assumptions (each with its key), then every
 * recommendation with its figures and a {@code because} that traces them. Fields: docs/scaling.md.
 */
final class PlanJson {

  static final String FORMAT = "interviews-loadtest-scaling-plan/1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  static void write(ScalingPlan plan, Path file) {
    try {
      JSON.writeValue(file.toFile(), tree(plan));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static Map<String, Object> tree(ScalingPlan p) {
    ScalingInputs in = p.inputs();
    ScalingSettings s = p.settings();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);

    Map<String, Object> from = new LinkedHashMap<>();
    from.put("runDirectory", in.runDirectory().getFileName() == null ? in.runDirectory().toString()
        : in.runDirectory().getFileName().toString());
    from.put("runId", in.runId());
    from.put("journey", in.journey());
    from.put("target", in.target());
    from.put("maxRateJourneysPerSecond", Plain.figure(in.maxRate()));
    from.put("atLeast", in.atLeast());
    from.put("limitedBy", in.limitedBy());
    from.put("searchEndedBy", in.searchEndedBy());
    from.put("requestsPerJourney", Plain.figure(in.requestsPerJourney()));
    from.put("instancesMeasured", s.measured().instances());
    from.put("perInstanceJourneysPerSecond", Plain.figure(p.vm().perInstance()));
    root.put("from", from);
    root.put("basis", p.basis());
    root.put("measured", p.measured());
    root.put("searchHigher", p.searchHigher());

    List<Map<String, Object>> sizes = new ArrayList<>();
    for (Sizes.Size z : p.sizes().all()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", z.name());
      one.put("value", Plain.figure(z.value()));
      one.put("measured", z.measured());
      one.put("from", z.from());
      sizes.add(one);
    }
    root.put("sizes", sizes);

    Map<String, Object> assumed = new LinkedHashMap<>();
    assumed.put("loadtest.scaling.headroom", s.headroom());
    assumed.put("loadtest.scaling.saturation", s.saturation());
    assumed.put("loadtest.profiles.burst (journeys/s)", Plain.figure(s.burstPerSecond()));
    assumed.put("loadtest.scaling.peak-day", s.peakDay());
    assumed.put("peak hour (UTC)", s.peakHour());
    assumed.put("peak hour (journeys/s)", Plain.figure(s.peakHourPerSecond()));
    assumed.put("loadtest.scaling.measured.vcpus", s.measured().vcpus());
    assumed.put("loadtest.scaling.measured.instances", s.measured().instances());
    assumed.put("loadtest.scaling.measured.gunicorn-workers", s.measured().gunicornWorkers());
    assumed.put("loadtest.scaling.measured.gunicorn-threads", s.measured().gunicornThreads());
    assumed.put("loadtest.scaling.measured.celery-workers", s.measured().celeryWorkers());
    assumed.put("loadtest.scaling.measured.startup-time (s)", s.measured().startupTime().toSeconds());
    assumed.put("loadtest.scaling.database.max-connections", s.database().maxConnections());
    assumed.put("loadtest.scaling.database.reserve", s.database().reserve());
    assumed.put("loadtest.scaling.database.conn-max-age (s)", s.database().connMaxAgeSeconds());
    assumed.put("loadtest.scaling.celery.utilisation", s.celery().utilisation());
    assumed.put("loadtest.scaling.celery.lag-target (s)", s.celery().lagTarget().toMillis() / 1000.0);
    assumed.put("loadtest.scaling.autoscaler.zone", s.autoscaler().zone());
    assumed.put("loadtest.scaling.autoscaler.region", s.autoscaler().region());
    root.put("assumptions", assumed);

    Map<String, Object> instances = new LinkedHashMap<>();
    instances.put("burst", instances(p.burst()));
    instances.put("peakHour", instances(p.peakHour()));
    instances.put("caution", p.instancesCaution());
    root.put("instances", instances);

    SaturatedFirst saturation = p.saturation();
    Map<String, Object> sat = new LinkedHashMap<>();
    sat.put("resource", saturation.resource());
    sat.put("label", saturation.label());
    sat.put("metric", saturation.metric());
    sat.put("atJourneysPerSecond", Plain.figure(saturation.atLoad()));
    sat.put("evidence", saturation.evidence());
    sat.put("from", saturation.from());
    List<Map<String, Object>> reached = new ArrayList<>();
    for (SaturationEvidence.Reached r : saturation.reached()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("resource", r.resource());
      one.put("label", r.label());
      one.put("metric", r.metric());
      one.put("atJourneysPerSecond", Plain.figure(r.atLoad()));
      one.put("text", r.text());
      reached.add(one);
    }
    sat.put("reached", reached);
    double cpuShare = saturation.cpuShareAtAnswer(p.vm().vcpus());
    sat.put("cpuAtAnswer", saturation.cpuAtAnswer() == null ? null : saturation.cpuAtAnswer().words());
    sat.put("cpuBusyShareAtAnswer", Plain.figure(cpuShare));
    sat.put("cpuCoresAtAnswer", Plain.figure(cpuShare * p.vm().vcpus()));
    root.put("saturatedFirst", sat);

    Map<String, Object> vm = new LinkedHashMap<>();
    vm.put("choice", p.vm().choice());
    vm.put("because", p.vm().because());
    vm.put("vcpus", p.vm().vcpus());
    vm.put("vcpusFrom", p.vm().vcpusFrom());
    if (in.usl() != null) {
      vm.put("usl", Map.of("sigma", in.usl().sigma(), "kappa", in.usl().kappa()));
    } else {
      vm.put("usl", null);
    }
    Map<String, Object> predictions = new LinkedHashMap<>();
    predictions.put("oneInstance", prediction(p.vm().perInstance(), "measured: maxRate / measured.instances"));
    predictions.put("twoInstances", prediction(p.vm().horizontal(2), p.vm().horizontalBecause(2)));
    predictions.put("twiceTheVm", prediction(p.vm().vertical(2), p.vm().verticalBecause(2)));
    vm.put("predictions", predictions);
    root.put("vm", vm);

    Map<String, Object> g = new LinkedHashMap<>();
    g.put("workersPerInstance", p.gunicorn().perInstance());
    g.put("start", p.gunicorn().start());
    g.put("threads", p.gunicorn().threads());
    g.put("databaseBound", p.gunicorn().databaseBound());
    g.put("boundedByDatabase", p.gunicorn().boundedByDatabase());
    g.put("because", p.gunicorn().because());
    root.put("gunicorn", g);

    Map<String, Object> c = new LinkedHashMap<>();
    c.put("measured", p.celery().measured());
    c.put("workers", p.celery().measured() ? p.celery().workers() : null);
    c.put("jobSeconds", Plain.figure(p.celery().jobSeconds()));
    c.put("jobTimeFrom", p.celery().jobSource());
    c.put("burstJobsPerSecond", Plain.figure(p.celery().burstJobs()));
    c.put("burstWorkers", p.celery().measured() ? p.celery().burstWorkers() : null);
    c.put("peakHourJobsPerSecond", Plain.figure(p.celery().peakJobs()));
    c.put("peakHourWorkers", p.celery().measured() ? p.celery().peakWorkers() : null);
    c.put("lagTargetMet", p.celery().measured() ? p.celery().lagMet() : null);
    c.put("because", p.celery().because());
    c.put("searchedWorkers", p.celery().searchedWorkers().whole());
    c.put("searchedWorkersFrom", p.celery().searchedWorkers().source());
    CeleryWorkers.Drain drain = p.celery().drain();
    if (drain == null) {
      c.put("drain", null);
    } else {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("atBookingsPerSecond", Plain.figure(drain.atLoad()));
      d.put("offeredJobsPerSecond", Plain.figure(drain.offered()));
      d.put("queueGrowthJobsPerSecond", Plain.figure(drain.growth()));
      d.put("drainedJobsPerSecond", Plain.figure(drain.rate()));
      d.put("workers", drain.workers());
      d.put("text", drain.sentence());
      c.put("drain", d);
    }
    CeleryAutoscaler ca = p.celeryAutoscaler();
    Map<String, Object> auto = new LinkedHashMap<>();
    auto.put("signal", "queue length per worker");
    auto.put("measured", ca.measured());
    auto.put("drainPerWorkerJobsPerSecond", Plain.figure(ca.drainPerWorker()));
    auto.put("lagTargetSeconds", ca.lagSeconds());
    auto.put("utilisation", ca.utilisation());
    auto.put("targetQueueLengthPerWorker", ca.measured() ? ca.targetPerWorker() : null);
    auto.put("minWorkers", ca.measured() ? ca.minWorkers() : null);
    auto.put("maxWorkers", ca.measured() ? ca.maxWorkers() : null);
    auto.put("queueFigure", ca.queueFigure());
    auto.put("because", ca.because());
    auto.put("keda", ca.measured() ? ca.keda() : null);
    c.put("autoscaling", auto);
    root.put("celery", c);

    Map<String, Object> db = new LinkedHashMap<>();
    db.put("webConnections", p.budget().web());
    db.put("celeryConnections", p.budget().celery());
    db.put("demand", p.budget().demand());
    db.put("available", p.budget().available());
    db.put("fits", p.budget().fits());
    db.put("pgbouncerDefaultPoolSize", p.budget().fits() ? null : p.budget().poolSize());
    db.put("pgbouncerMaxClientConn", p.budget().fits() ? null : p.budget().maxClientConn());
    db.put("because", p.budget().because());
    root.put("database", db);

    Map<String, Object> a = new LinkedHashMap<>();
    a.put("group", p.autoscaler().group());
    a.put("scope", p.autoscaler().regional() ? "regional" : "zonal");
    a.put("zone", p.autoscaler().regional() ? null : p.autoscaler().zone());
    a.put("region", p.autoscaler().regional() ? p.autoscaler().region() : null);
    a.put("minReplicas", p.autoscaler().minReplicas());
    a.put("maxReplicas", p.autoscaler().maxReplicas());
    a.put("targetCpuUtilization", p.autoscaler().targetCpu());
    a.put("initialisationPeriodSeconds", p.autoscaler().coolDownSeconds());
    a.put("scaleInMaxReplicas", p.autoscaler().scaleInMaxReplicas());
    a.put("scaleInTimeWindowSeconds", p.autoscaler().scaleInWindowSeconds());
    a.put("because", p.autoscaler().because());
    a.put("caution", p.autoscaler().caution());
    a.put("gcloud", p.autoscaler().gcloud());
    a.put("terraform", p.autoscaler().terraform());
    root.put("autoscaler", a);
    return root;
  }

  private static Map<String, Object> instances(InstanceCount c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("journeysPerSecond", Plain.figure(c.perSecond()));
    m.put("instances", c.instances());
    m.put("atMost", c.atMost());
    m.put("because", c.because());
    return m;
  }

  private static Map<String, Object> prediction(double value, String because) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("journeysPerSecond", Plain.figure(value));
    m.put("because", because);
    return m;
  }
}
