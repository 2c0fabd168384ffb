package interviews.loadtest.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A block of entries a user names, such as {@code loadtest.slo} or {@code loadtest.drift.slo}: read
 * in name order; an entry set to {@code null} (in the user's file) is removed; a name has only
 * letters, digits, - and _; every entry is an object, read by the block's own reader. Each mistake
 * is one line naming its key.
 */
final class NamedEntries {

  /** Reads one entry: {@code name} is its key in the block, {@code key} its whole path. */
  interface Reader<T> {
    T read(Settings s, String name, String key);
  }

  private NamedEntries() {}

  /**
   * @param what what an entry is, for the messages ("SLO", "drift SLO")
   * @param oneOfThem the same with its article ("an SLO", "a drift SLO")
   * @param fields the fields of an entry, for the messages ("{ scope, metric, ... }")
   */
  static <T> List<T> read(Settings s, String root, String what, String oneOfThem, String fields, Reader<T> reader) {
    Config config = s.config();
    if (!config.hasPath(root)) {
      throw new SettingError(root + " is missing");
    }
    if (config.getValue(root).valueType() != ConfigValueType.OBJECT) {
      throw SettingError.of(root, s.raw(root), "must be a set of named " + what + "s, each " + fields);
    }
    ConfigObject entries = config.getObject(root);
    List<T> read = new ArrayList<>();
    for (String name : new TreeSet<>(entries.keySet())) {
      ConfigValue entry = entries.get(name);
      if (entry.valueType() == ConfigValueType.NULL) {
        continue; // removed by the user
      }
      if (!name.matches("[A-Za-z0-9_-]+")) {
        throw new SettingError(root + ": the " + what + " name '" + name + "' may have only letters, digits, - and _");
      }
      String key = root + "." + name;
      if (entry.valueType() != ConfigValueType.OBJECT) {
        throw SettingError.of(key, entry.unwrapped(), "must be " + oneOfThem + ": " + fields);
      }
      read.add(reader.read(s, name, key));
    }
    return List.copyOf(read);
  }
}
