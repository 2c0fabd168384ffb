package interviews.loadtest.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.SuiteSettings;
import interviews.loadtest.config.SuiteSettings.ApiSettings;
import interviews.loadtest.safety.TargetGuard;
import interviews.loadtest.reference.ReferenceTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The system the run loads: the configured base URL, or the embedded reference target started
 * on 127.0.0.1 when none is configured. It must answer its health check before any load is sent.
 */
public final class Target implements AutoCloseable {

  private final String baseUrl;
  private final ReferenceTarget embedded;
  private final TargetGuard.Verdict verdict;
  /** The client of the checks before load, made by the first of them. */
  private HttpClient preflight;

  private Target(String baseUrl, ReferenceTarget embedded, TargetGuard.Verdict verdict) {
    this.baseUrl = baseUrl;
    this.embedded = embedded;
    this.verdict = verdict;
  }

  /** Starts the embedded target when {@code loadtest.target.base-url} is empty, then checks health. */
  public static Target open(SuiteSettings settings) {
    Target target;
    if (settings.embeddedTarget()) {
      // The embedded target knows the suite's accounts and speaks the suite's token dialect.
      Config config = settings.settings().config().getConfig("reference-target")
          .withValue("seed.users-file", ConfigValueFactory.fromAnyRef(settings.feeders().users().toString()))
          .withValue("auth.scheme", ConfigValueFactory.fromAnyRef(settings.api().authScheme()))
          .withValue("auth.token-field", ConfigValueFactory.fromAnyRef(settings.api().tokenField()));
      ReferenceTarget started;
      try {
        started = ReferenceTarget.start(config);
      } catch (IllegalArgumentException e) {
        // The embedded target's own settings (reference-target.*) are checked as it starts.
        throw new SettingError(e.getMessage());
      }
      target = new Target(started.baseUrl(), started, null);
    } else {
      // Nothing, not even the health check, goes to a host the guard refuses.
      TargetGuard.Verdict verdict = TargetGuard.from(settings.settings()).check(settings.baseUrl());
      if (verdict.approved()) {
        System.out.println("[loadtest] APPROVED target " + verdict.host() + ": " + verdict.reason()
            + ", run by " + TargetGuard.operator());
      }
      target = new Target(settings.baseUrl(), null, verdict);
    }
    try {
      target.checkHealth(settings.api().healthPath(), settings.healthCheckTimeout());
      target.checkNoRedirects(settings.api(), settings.healthCheckTimeout());
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
    return target;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** True for the embedded reference target. */
  public boolean embedded() {
    return embedded != null;
  }

  /** Why this target may be loaded; null for the embedded one. */
  public TargetGuard.Verdict verdict() {
    return verdict;
  }

  /** GET the health path once; anything but a 200 in time stops the run before it starts. */
  void checkHealth(String healthPath, Duration timeout) {
    String problem;
    try {
      HttpResponse<Void> response = get(healthPath, timeout);
      if (response.statusCode() == 200) {
        return;
      }
      problem = "answered " + response.statusCode() + redirectedTo(response);
    } catch (java.net.http.HttpTimeoutException e) {
      problem = "did not answer within " + timeout.toMillis() + " ms";
    } catch (java.net.ConnectException e) {
      problem = "cannot be reached (connection refused)";
    } catch (IOException e) {
      problem = "cannot be reached (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "health check interrupted";
    }
    throw new TargetUnavailable("target " + baseUrl + " failed its health check: GET " + healthPath + " " + problem
        + "; no load was sent");
  }

  /**
   * GET each API path once, without a token, and refuse the run when one is redirected: the run
   * never follows a redirect (it could lead anywhere), so a path set without the trailing slash a
   * Django backend expects would fail every request. The answers themselves (401, 405) do not
   * matter; the target is known to be up.
   */
  void checkNoRedirects(ApiSettings api, Duration timeout) {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("loadtest.api.paths.login", api.loginPath());
    paths.put("loadtest.api.paths.slots", api.slotsPath());
    paths.put("loadtest.api.paths.interviews", api.interviewsPath());
    paths.put("loadtest.api.paths.interview", api.interviewPath(1));
    for (Map.Entry<String, String> path : paths.entrySet()) {
      HttpResponse<Void> response;
      try {
        response = get(path.getValue(), timeout);
      } catch (IOException e) {
        continue; // a path that cannot be checked is found out by the run itself
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400) {
        throw SettingError.of(path.getKey(), path.getValue(), "the target answers GET " + path.getValue() + " with "
            + status + redirectedTo(response) + ", and redirects are never followed; set the path it redirects to");
      }
    }
  }

  private HttpResponse<Void> get(String path, Duration timeout) throws IOException, InterruptedException {
    if (preflight == null) {
      // One client for the health check and the path checks; the JDK's follows no redirect.
      preflight = HttpClient.newBuilder().connectTimeout(timeout).build();
    }
    HttpClient client = preflight;
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.discarding());
  }

  private static String redirectedTo(HttpResponse<?> response) {
    return response.headers().firstValue("Location").map(location -> " (redirect to " + location + ")").orElse("");
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }

  /** The target did not pass its health check. */
  public static final class TargetUnavailable extends RuntimeException {
    TargetUnavailable(String message) {
      super(message, null, false, false);
    }

    @Override
    public String toString() {
      return "Target unavailable: " + getMessage();
    }
  }
}
