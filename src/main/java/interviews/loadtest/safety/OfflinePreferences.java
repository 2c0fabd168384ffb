package interviews.loadtest.safety;

import java.util.HashMap;
import java.util.Map;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;
import java.util.prefs.PreferencesFactory;

/**
 * Java preferences for the suite's JVMs, kept in memory: the user's own preferences are never
 * read or written, and Gatling's latest-release check never calls out. Gatling ({@code
 * LatestGatlingRelease} in gatling-commons) asks Maven Central for its newest version on every
 * run unless node {@value #RELEASE_CHECK_NODE} holds a check that is still valid; this tree holds
 * one, dated in the far future and unsuccessful, so Gatling reads "no newer version known" and
 * sends nothing. The JDK picks this factory up from {@code META-INF/services} whenever the
 * suite's classes are on the class path, so no flag can be forgotten.
 */
public final class OfflinePreferences implements PreferencesFactory {

  /** Where Gatling caches its latest-release check. */
  public static final String RELEASE_CHECK_NODE = "/io/gatling/latestVersion";

  private static final Preferences USER = seeded();
  private static final Preferences SYSTEM = new Node(null, "");

  @Override
  public Preferences userRoot() {
    return USER;
  }

  @Override
  public Preferences systemRoot() {
    return SYSTEM;
  }

  private static Preferences seeded() {
    Node root = new Node(null, "");
    Preferences check = root.node(RELEASE_CHECK_NODE);
    // Gatling's cache is valid while now - lastCheckTimestamp < its maximum age: a check stamped
    // at the end of time stays valid, and an unsuccessful one means "nothing to announce".
    check.putLong("lastCheckTimestamp", Long.MAX_VALUE);
    check.putBoolean("lastCheckSuccess", false);
    return root;
  }

  /** A preferences node in memory; nothing is persisted. */
  private static final class Node extends AbstractPreferences {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Node> children = new HashMap<>();

    Node(Node parent, String name) {
      super(parent, name);
    }

    @Override
    protected void putSpi(String key, String value) {
      values.put(key, value);
    }

    @Override
    protected String getSpi(String key) {
      return values.get(key);
    }

    @Override
    protected void removeSpi(String key) {
      values.remove(key);
    }

    @Override
    protected void removeNodeSpi() {
      values.clear();
    }

    @Override
    protected String[] keysSpi() {
      return values.keySet().toArray(String[]::new);
    }

    @Override
    protected String[] childrenNamesSpi() {
      return children.keySet().toArray(String[]::new);
    }

    @Override
    protected AbstractPreferences childSpi(String name) {
      return children.computeIfAbsent(name, n -> new Node(this, n));
    }

    @Override
    protected void syncSpi() {}

    @Override
    protected void flushSpi() {}
  }
}
