package interviews.loadtest.results;

import interviews.loadtest.safety.Secrets;
import interviews.loadtest.slo.DriftPlan;
import interviews.loadtest.slo.Slo;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a run is, as given by the simulation to {@link RunResults#begin}.
 *
 * @param runId unique id; null → generated ({@code yyyyMMdd-HHmmss-xxxx})
 * @param simulation the simulation's name (its class's simple name is best: Gatling names the run
 *     folder after it)
 * @param target the target's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param profile a description of the load profile, e.g. "Burst: 300 users at once"
 * @param config the settings used (nested maps allowed); values under keys containing password,
 *     secret, token or authorization are masked again here
 * @param slos the SLOs judged at the end
 * @param drift the drift SLOs judged at the end, with their windows ({@link DriftPlan#NONE}: none)
 */
public record RunInfo(
    String runId, String simulation, String target, String profile, Map<String, Object> config, List<Slo> slos,
    DriftPlan drift) {

  /** {@code config."target-guard".target} of a run against the embedded reference target. */
  public static final String EMBEDDED_TARGET = "embedded reference target";

  public RunInfo {
    if (runId == null || runId.isBlank()) {
      runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
          + "-" + Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xF000));
    }
    if (simulation == null || simulation.isBlank()) {
      throw new IllegalArgumentException("RunInfo.simulation is required");
    }
    target = target == null ? "" : target;
    profile = profile == null ? "" : profile;
    config = Secrets.mask(config == null ? Map.of() : config);
    slos = slos == null ? List.of() : List.copyOf(slos);
    drift = drift == null ? DriftPlan.NONE : drift;
  }

  /** A RunInfo with a generated run id and no drift SLOs. */
  public static RunInfo of(String simulation, String target, String profile, Map<String, Object> config, List<Slo> slos) {
    return new RunInfo(null, simulation, target, profile, config, slos, DriftPlan.NONE);
  }

  /** The same run, judged for drift by {@code plan} too. */
  public RunInfo withDrift(DriftPlan plan) {
    return new RunInfo(runId, simulation, target, profile, config, slos, plan);
  }

  /** The subtree at {@code path} of a Typesafe config as plain maps (for {@code config}). */
  public static Map<String, Object> configMap(Config config, String path) {
    if (!config.hasPath(path)) {
      return Map.of();
    }
    Object v = config.getValue(path).unwrapped();
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), val));
      return out;
    }
    return Map.of(path, config.getValue(path).render(ConfigRenderOptions.concise()));
  }
}
