package interviews.loadtest.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;
import java.util.prefs.PreferencesFactory;

/**
 * Java preferences kept in memory for the test JVM (surefire's argLine names this class in
 * {@code -Djava.util.prefs.PreferencesFactory}), so that no test reads or writes the preferences
 * of the user who runs it.
 *
 * <p>Gatling is the one that uses them: before a run and in its report it reads, under
 * {@code /io/gatling/latestVersion}, when it last asked Maven Central for a newer release, asks
 * again when that is old, and writes the answer back. Here that check is recorded as made at the
 * end of time, so an in-process run never asks and never writes.
 */
public final class InMemoryPreferences implements PreferencesFactory {

  /** Gatling's node and key for the time of its last release check. */
  static final String GATLING_NODE = "/io/gatling/latestVersion";
  static final String GATLING_LAST_CHECK = "lastCheckTimestamp";

  private static final Preferences USER = new Node(null, "");
  private static final Preferences SYSTEM = new Node(null, "");

  static {
    USER.node(GATLING_NODE).putLong(GATLING_LAST_CHECK, Long.MAX_VALUE);
  }

  @Override
  public Preferences userRoot() {
    return USER;
  }

  @Override
  public Preferences systemRoot() {
    return SYSTEM;
  }

  /** A node whose values live in this JVM only. {@link AbstractPreferences} holds its lock around each call. */
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
      children.clear();
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
    protected void syncSpi() {
    }

    @Override
    protected void flushSpi() {
    }
  }
}
