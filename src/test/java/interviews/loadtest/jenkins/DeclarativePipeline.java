package interviews.loadtest.jenkins;

import com.lesfurets.jenkins.unit.BasePipelineTest;
import com.lesfurets.jenkins.unit.MethodSignature;
import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs a declarative Jenkinsfile on JenkinsPipelineUnit 1.1, which knows scripted pipelines only:
 * a small stand-in for {@code pipeline}, {@code stages}, {@code stage}, {@code environment},
 * {@code when}, {@code steps} and {@code post} with Jenkins's order and rules (a stage after a
 * failed one is skipped, {@code post.always} still runs, a stage's environment reaches its steps
 * only), and the steps the Jenkinsfile uses, each recorded with the environment it ran in.
 *
 * <p>A step or condition it does not know fails the run ("No signature of method"), so a new step
 * in the Jenkinsfile needs a stand-in here, and a test.
 */
final class DeclarativePipeline extends BasePipelineTest {

  /** One step the pipeline took: where, what, with which arguments, in which environment. */
  record Step(String stage, String name, List<Object> args, Map<String, String> env) {

    /** The first argument as text (a sh command, an echo), or a map argument's {@code key}. */
    String text() {
      return args.isEmpty() ? "" : String.valueOf(args.get(0));
    }

    @SuppressWarnings("unchecked")
    Object arg(String key) {
      return args.isEmpty() || !(args.get(0) instanceof Map<?, ?> m) ? null : ((Map<String, Object>) m).get(key);
    }
  }

  /** How a stage came out: "ran", "skipped" (its when said no) or "not run" (an earlier stage failed), "failed". */
  record StageOutcome(String name, String status) {}

  /** A declared parameter: kind (string, choice, booleanParam), name, default. */
  record Parameter(String kind, String name, Object defaultValue) {}

  /** The whole run. */
  record Run(List<Parameter> parameters, List<String> triggers, List<StageOutcome> stages, List<Step> steps,
      String description, String result, Throwable failure) {

    List<Step> steps(String name) {
      return steps.stream().filter(s -> s.name().equals(name)).toList();
    }

    List<String> shell() {
      return steps("sh").stream().map(Step::text).toList();
    }

    String status(String stage) {
      return stages.stream().filter(s -> s.name().equals(stage)).map(StageOutcome::status).findFirst().orElse("absent");
    }
  }

  /** Jenkins's {@code currentBuild}: what the Jenkinsfile reads and writes of it. */
  public static final class Build extends GroovyObjectSupport {
    private String description;
    private String result = "SUCCESS";
    private final int number;
    private final Build previousBuild;
    private final boolean byTimer;

    Build(int number, Build previousBuild, boolean byTimer) {
      this.number = number;
      this.previousBuild = previousBuild;
      this.byTimer = byTimer;
    }

    /** Build {@code number}, started by the timer or not, with {@code earlier} builds before it. */
    static Build numbered(int number, int earlier, boolean byTimer) {
      Build previous = null;
      for (int n = number - earlier; n < number; n++) {
        previous = new Build(n, previous, false);
      }
      return new Build(number, previous, byTimer);
    }

    public String getDescription() {
      return description;
    }

    public void setDescription(String description) {
      this.description = description;
    }

    public String getResult() {
      return result;
    }

    public void setResult(String result) {
      this.result = result;
    }

    public int getNumber() {
      return number;
    }

    public Build getPreviousBuild() {
      return previousBuild;
    }

    public List<Map<String, String>> getBuildCauses(String causeClass) {
      return byTimer && causeClass.equals("hudson.triggers.TimerTrigger$TimerTriggerCause")
          ? List.of(Map.of("_class", causeClass, "shortDescription", "Started by timer")) : List.of();
    }
  }

  private final Map<String, Object> givenParams;
  private final Map<String, String> env;
  private final Build build;
  private final Function<String, String> shellOutput;
  private final Function<String, Integer> shellStatus;

  private final List<Parameter> parameters = new ArrayList<>();
  private final List<String> triggers = new ArrayList<>();
  private final List<StageOutcome> stages = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private String currentStage = "(pipeline)";
  private boolean failed;
  /** The stage being declared: its parts are recorded first, run after. */
  private StagePlan declaring;
  private Map<String, Closure<?>> postBlocks;

  private static final class StagePlan {
    final Map<String, String> environment = new LinkedHashMap<>();
    final List<Closure<?>> when = new ArrayList<>();
    Closure<?> steps;
    Map<String, Closure<?>> post = new LinkedHashMap<>();
  }

  /**
   * @param params the build's parameters (the rest take the Jenkinsfile's defaults)
   * @param env Jenkins's environment before the pipeline (JOB_NAME, BUILD_NUMBER, STAGING_URL, ...)
   * @param shellOutput what {@code sh(returnStdout: true)} prints for a command
   * @param shellStatus the exit status of each {@code sh}: not 0 fails it, as in Jenkins
   */
  DeclarativePipeline(Map<String, Object> params, Map<String, String> env, Build build,
      Function<String, String> shellOutput, Function<String, Integer> shellStatus) {
    this.givenParams = params;
    this.env = new TreeMap<>(env);
    this.build = build;
    this.shellOutput = shellOutput;
    this.shellStatus = shellStatus;
  }

  /** Runs {@code jenkinsfile} (a path relative to the project) to its end. */
  Run run(String jenkinsfile) throws Exception {
    setScriptRoots(new String[] {"."});
    setScriptExtension("");
    setUp();
    Binding binding = getBinding();
    binding.setVariable("params", new LinkedHashMap<String, Object>());
    binding.setVariable("env", env);
    binding.setVariable("currentBuild", build);
    binding.setVariable("any", "any");
    registerDeclarative();
    registerSteps();
    Throwable failure = null;
    try {
      runScript(jenkinsfile);
    } catch (Throwable t) {
      failure = t;
    }
    return new Run(List.copyOf(parameters), List.copyOf(triggers), List.copyOf(stages), List.copyOf(steps),
        build.getDescription(), build.getResult(), failure);
  }

  private void registerDeclarative() {
    allow("pipeline", List.of(Closure.class), a -> {
      closure(a[0]).call();
      return null;
    });
    allow("agent", List.of(Object.class), a -> null);
    allow("parameters", List.of(Closure.class), a -> {
      closure(a[0]).call();
      // Jenkins builds params from the declared defaults and the values the build was given.
      @SuppressWarnings("unchecked")
      Map<String, Object> params = (Map<String, Object>) getBinding().getVariable("params");
      parameters.forEach(p -> params.put(p.name(), p.defaultValue()));
      givenParams.forEach((k, v) -> {
        if (!params.containsKey(k)) {
          throw new IllegalArgumentException("the Jenkinsfile declares no parameter " + k);
        }
        params.put(k, v);
      });
      return null;
    });
    allow("string", List.of(Map.class), a -> parameter("string", map(a[0]), map(a[0]).get("defaultValue")));
    allow("booleanParam", List.of(Map.class), a -> parameter("booleanParam", map(a[0]), map(a[0]).get("defaultValue")));
    allow("choice", List.of(Map.class), a -> parameter("choice", map(a[0]), ((List<?>) map(a[0]).get("choices")).get(0)));
    allow("triggers", List.of(Closure.class), a -> {
      closure(a[0]).call();
      return null;
    });
    allow("cron", List.of(String.class), a -> {
      triggers.add("cron " + a[0]);
      return null;
    });
    allow("options", List.of(Closure.class), a -> {
      closure(a[0]).call();
      return null;
    });
    allow("timeout", List.of(Map.class), a -> null);
    allow("buildDiscarder", List.of(Object.class), a -> null);
    allow("logRotator", List.of(Map.class), a -> null);
    allow("disableConcurrentBuilds", List.of(), a -> null);
    allow("stages", List.of(Closure.class), a -> {
      closure(a[0]).call();
      return null;
    });
    allow("stage", List.of(String.class, Closure.class), a -> {
      runStage((String) a[0], closure(a[1]));
      return null;
    });
    allow("environment", List.of(Closure.class), a -> {
      Closure<?> block = closure(a[0]);
      // A pipeline-wide environment reaches every stage, as in Jenkins.
      block.setDelegate(new EnvironmentBlock(declaring != null ? declaring.environment : env));
      block.setResolveStrategy(Closure.DELEGATE_FIRST);
      block.call();
      return null;
    });
    allow("when", List.of(Closure.class), a -> {
      closure(a[0]).call();
      return null;
    });
    allow("expression", List.of(Closure.class), a -> {
      declaring.when.add(closure(a[0]));
      return null;
    });
    allow("steps", List.of(Closure.class), a -> {
      declaring.steps = closure(a[0]);
      return null;
    });
    allow("post", List.of(Closure.class), a -> {
      Map<String, Closure<?>> blocks = new LinkedHashMap<>();
      postBlocks = blocks;
      closure(a[0]).call();
      postBlocks = null;
      if (declaring != null) {
        declaring.post = blocks;
      } else {
        runPost(blocks, "(post)");
      }
      return null;
    });
    for (String condition : List.of("always", "success", "failure", "unstable")) {
      allow(condition, List.of(Closure.class), a -> {
        postBlocks.put(condition, closure(a[0]));
        return null;
      });
    }
  }

  private void registerSteps() {
    allow("sh", List.of(String.class), a -> shell(String.valueOf(a[0]), Map.of("script", String.valueOf(a[0]))));
    allow("sh", List.of(Map.class), a -> shell(String.valueOf(map(a[0]).get("script")), map(a[0])));
    allow("echo", List.of(String.class), a -> record("echo", a));
    allow("error", List.of(String.class), a -> {
      record("error", a);
      throw new IllegalStateException("error: " + a[0]);
    });
    allow("script", List.of(Closure.class), a -> closure(a[0]).call());
    allow("timeout", List.of(Map.class, Closure.class), a -> {
      record("timeout", new Object[] {a[0]});
      return closure(a[1]).call();
    });
    allow("withEnv", List.of(List.class, Closure.class), a -> {
      Map<String, String> overlay = new LinkedHashMap<>();
      for (Object entry : (List<?>) a[0]) {
        String[] kv = String.valueOf(entry).split("=", 2);
        overlay.put(kv[0], kv[1]);
      }
      return withEnvironment(overlay, closure(a[1]));
    });
    allow("file", List.of(Map.class), a -> map(a[0]));
    allow("withCredentials", List.of(List.class, Closure.class), a -> {
      record("withCredentials", new Object[] {a[0]});
      Map<String, String> overlay = new LinkedHashMap<>();
      for (Object binding : (List<?>) a[0]) {
        overlay.put(String.valueOf(map(binding).get("variable")), "/jenkins/secrets/" + map(binding).get("credentialsId"));
      }
      return withEnvironment(overlay, closure(a[1]));
    });
    allow("catchError", List.of(Map.class, Closure.class), a -> {
      record("catchError", new Object[] {a[0]});
      try {
        return closure(a[1]).call();
      } catch (RuntimeException e) {
        // As Jenkins does: a result only ever gets worse (SUCCESS, UNSTABLE, FAILURE).
        List<String> worse = List.of("SUCCESS", "UNSTABLE", "FAILURE");
        String given = String.valueOf(map(a[0]).get("buildResult"));
        if (worse.indexOf(given) > worse.indexOf(build.getResult())) {
          build.setResult(given);
        }
        return null;
      }
    });
    allow("specific", List.of(String.class), a -> Map.of("specific", String.valueOf(a[0])));
    for (String recorded : List.of("junit", "archiveArtifacts", "publishHTML", "copyArtifacts")) {
      allow(recorded, List.of(Map.class), a -> record(recorded, a));
      allow(recorded, List.of(String.class), a -> record(recorded, a));
    }
  }

  private Object runStage(String name, Closure<?> body) {
    StagePlan plan = new StagePlan();
    StagePlan outer = declaring;
    declaring = plan;
    try {
      body.call();
    } finally {
      declaring = outer;
    }
    String previous = currentStage;
    currentStage = name;
    try {
      if (failed) {
        stages.add(new StageOutcome(name, "not run"));
        return null;
      }
      for (Closure<?> condition : plan.when) {
        if (!Boolean.TRUE.equals(withEnvironment(plan.environment, condition))) {
          stages.add(new StageOutcome(name, "skipped"));
          return null;
        }
      }
      boolean ok = true;
      try {
        if (plan.steps != null) {
          withEnvironment(plan.environment, plan.steps);
        }
      } catch (RuntimeException e) {
        ok = false;
        failed = true;
        build.setResult("FAILURE");
      }
      stages.add(new StageOutcome(name, ok ? "ran" : "failed"));
      withEnvironment(plan.environment, () -> {
        runPost(plan.post, name);
        return null;
      });
      return null;
    } finally {
      currentStage = previous;
    }
  }

  private void runPost(Map<String, Closure<?>> blocks, String where) {
    String previous = currentStage;
    currentStage = where;
    try {
      blocks.forEach((condition, block) -> {
        boolean applies = switch (condition) {
          case "always" -> true;
          case "success" -> "SUCCESS".equals(build.getResult());
          case "failure" -> "FAILURE".equals(build.getResult());
          default -> condition.toUpperCase(java.util.Locale.ROOT).equals(build.getResult());
        };
        if (applies) {
          block.call();
        }
      });
    } finally {
      currentStage = previous;
    }
  }

  private Object shell(String command, Map<String, Object> options) {
    record("sh", new Object[] {command});
    if (Boolean.TRUE.equals(options.get("returnStdout"))) {
      return shellOutput.apply(command);
    }
    int status = shellStatus.apply(command);
    if (Boolean.TRUE.equals(options.get("returnStatus"))) {
      return status;
    }
    if (status != 0) {
      throw new IllegalStateException("script returned exit code " + status + ": " + command);
    }
    return null;
  }

  private Object withEnvironment(Map<String, String> overlay, Closure<?> body) {
    return withEnvironment(overlay, () -> body.call());
  }

  /**
   * Runs {@code body} with {@code overlay} on top of the environment, then puts back what the overlay
   * covered; what {@code env.NAME = value} set meanwhile stays, as in Jenkins.
   */
  private Object withEnvironment(Map<String, String> overlay, java.util.function.Supplier<Object> body) {
    Map<String, String> covered = new TreeMap<>();
    overlay.keySet().forEach(key -> covered.put(key, env.get(key)));
    env.putAll(overlay);
    try {
      return body.get();
    } finally {
      covered.forEach((key, value) -> {
        if (value == null) {
          env.remove(key);
        } else {
          env.put(key, value);
        }
      });
    }
  }

  private Object record(String name, Object[] args) {
    steps.add(new Step(currentStage, name, List.of(args), Map.copyOf(env)));
    return null;
  }

  private Object parameter(String kind, Map<String, Object> spec, Object defaultValue) {
    parameters.add(new Parameter(kind, String.valueOf(spec.get("name")), defaultValue));
    return spec;
  }

  private void allow(String name, List<Class<?>> types, Function<Object[], Object> body) {
    getHelper().registerAllowedMethod(MethodSignature.method(name, types.toArray(new Class<?>[0])), new Callback(body));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static Closure<?> closure(Object o) {
    return (Closure<?>) o;
  }

  /** A Groovy closure that hands its arguments to Java. */
  private static final class Callback extends Closure<Object> {
    private final transient Function<Object[], Object> body;

    Callback(Function<Object[], Object> body) {
      super(null);
      this.body = body;
    }

    @Override
    public Object call(Object... args) {
      return body.apply(args == null ? new Object[0] : args);
    }

    @Override
    public Object call() {
      return body.apply(new Object[0]);
    }

    @Override
    public int getMaximumNumberOfParameters() {
      return 0;
    }
  }

  /** The delegate of an {@code environment} block: {@code NAME = value} lines land in its map. */
  private final class EnvironmentBlock extends GroovyObjectSupport {
    private final Map<String, String> target;

    EnvironmentBlock(Map<String, String> target) {
      this.target = target;
    }

    @Override
    public void setProperty(String name, Object value) {
      target.put(name, String.valueOf(value));
    }

    @Override
    public Object getProperty(String name) {
      return getBinding().getVariable(name);
    }
  }
}
