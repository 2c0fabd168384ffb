package interviews.loadtest.safety;

import interviews.loadtest.config.Environment;
import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.Settings;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Decides, before a single request, whether a target may be loaded at all: loopback and the
 * embedded target always; a staging host when it matches {@code loadtest.safety.allowed-hosts};
 * any other host only with an approval (a change ticket) naming exactly that host. Host names are
 * compared as written, never resolved, so the check itself sends nothing anywhere.
 */
public final class TargetGuard {

  private final List<String> allowedHosts;
  private final String approvalTicket;
  private final String approvalHost;

  public TargetGuard(List<String> allowedHosts, String approvalTicket, String approvalHost) {
    this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    this.approvalTicket = approvalTicket.trim();
    this.approvalHost = approvalHost.trim().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code loadtest.safety}. */
  public static TargetGuard from(Settings s) {
    List<String> hosts;
    try {
      hosts = s.config().getStringList("loadtest.safety.allowed-hosts");
    } catch (com.typesafe.config.ConfigException e) {
      throw SettingError.of("loadtest.safety.allowed-hosts", s.raw("loadtest.safety.allowed-hosts"),
          "must be a list of host names or *.suffix patterns");
    }
    for (String host : hosts) {
      if (!host.trim().matches("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
        throw SettingError.of("loadtest.safety.allowed-hosts", host,
            "each entry must be a host name (staging.example.test) or *.suffix (*.staging.example.test)");
      }
    }
    return new TargetGuard(hosts, s.optionalText("loadtest.safety.approval.ticket"),
        s.optionalText("loadtest.safety.approval.host"));
  }

  /** Why a target may be loaded. */
  public record Verdict(String host, String reason, String approvalTicket) {
    /** True when the target needed, and has, an explicit approval. */
    public boolean approved() {
      return approvalTicket != null;
    }
  }

  /** The verdict for the target's base URL, or a {@link SettingError} saying how to approve the host. */
  public Verdict check(String baseUrl) {
    return check("loadtest.target.base-url", baseUrl);
  }

  /**
   * The verdict for any URL the suite is about to call ({@code key} is the setting it comes from),
   * or a {@link SettingError} saying how to approve the host. The one rule for every outgoing
   * request: the target, its health check, the server-metrics endpoint and whatever comes next.
   */
  public Verdict check(String key, String url) {
    String rawHost;
    try {
      rawHost = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      throw SettingError.of(key, url, "is not a valid URL");
    }
    if (rawHost == null) {
      throw SettingError.of(key, url, "has no valid host name");
    }
    String host = rawHost.toLowerCase(Locale.ROOT);
    if (isLoopback(host)) {
      return new Verdict(host, "loopback", null);
    }
    for (String pattern : allowedHosts) {
      if (matches(pattern, host)) {
        return new Verdict(host, "allowed by loadtest.safety.allowed-hosts (" + pattern + ")", null);
      }
    }
    if (!approvalTicket.isEmpty() && approvalHost.equals(host)) {
      return new Verdict(host, "approved by " + approvalTicket, approvalTicket);
    }
    String mismatch = approvalTicket.isEmpty() || approvalHost.isEmpty() ? ""
        : " (approval " + approvalTicket + " is for " + approvalHost + ", not " + host + ")";
    String refusal = key.equals("loadtest.target.base-url") ? "refusing to load " : key + " = '" + url + "': refusing to call ";
    throw new SettingError(refusal + host + ": it is not loopback and not in loadtest.safety.allowed-hosts"
        + mismatch + "; for a staging host add it there, for any other set -Dloadtest.safety.approval.ticket=<change id> "
        + "-Dloadtest.safety.approval.host=" + host);
  }

  /**
   * Allows a load heavier than the Burst profile against {@code baseUrl}: on loopback always; on
   * any other host, even a staging host in {@code allowed-hosts}, only with the approval for
   * exactly that host, as production needs. {@code key} and {@code value} name the setting that
   * makes the load heavy, {@code what} says how heavy. Returns the approving ticket (null on
   * loopback), or throws a {@link SettingError} saying what to do. Never resolves the host.
   */
  public String approveHeavierThanBurst(String baseUrl, String key, String value, String what) {
    String host = check(baseUrl).host();
    if (isLoopback(host)) {
      return null;
    }
    if (!approvalTicket.isEmpty() && approvalHost.equals(host)) {
      return approvalTicket;
    }
    String mismatch = approvalTicket.isEmpty() || approvalHost.isEmpty() ? ""
        : " (approval " + approvalTicket + " is for " + approvalHost + ")";
    throw SettingError.of(key, value, what + " against " + host + ", which is not loopback: above the Burst rate it "
        + "needs an approval as production does" + mismatch + "; set -Dloadtest.safety.approval.ticket=<change id> "
        + "-Dloadtest.safety.approval.host=" + host + ", or lower " + key);
  }

  /** localhost, 127.0.0.0/8 or ::1, as written in the URL: never resolved. */
  public static boolean isLoopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.equals("localhost") || h.matches("127(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}")
        || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  static boolean matches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      return host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1;
    }
    return pattern.equals(host);
  }

  /** Who started the run: the CI's build user when there is one, else the login name. */
  public static String operator() {
    for (String variable : List.of("BUILD_USER_ID", "BUILD_USER", "GITLAB_USER_LOGIN", "GITHUB_ACTOR")) {
      String value = Environment.variables().get(variable);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return System.getProperty("user.name", "unknown");
  }
}
