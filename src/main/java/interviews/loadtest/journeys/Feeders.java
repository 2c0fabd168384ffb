package interviews.loadtest.journeys;

import interviews.loadtest.config.SettingError;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the CSV feeders (accounts, candidates) and the body templates, refusing a missing, empty
 * or malformed file with one line that names the setting, the file and the line at fault, before
 * any load is sent. Fields may be quoted ("Doe, Jane"); a quote inside quotes is doubled.
 */
public final class Feeders {

  /** The columns of the accounts feeder. */
  public static final List<String> USER_COLUMNS = List.of("email", "password");
  /** The columns of the candidates feeder. */
  public static final List<String> CANDIDATE_COLUMNS = List.of("candidate_name", "candidate_email", "position");

  private Feeders() {}

  /** The recruiter accounts: email,password. */
  public static List<Map<String, Object>> users(String key, Path file) {
    List<Map<String, Object>> rows = csv(key, file, USER_COLUMNS);
    for (int i = 0; i < rows.size(); i++) {
      String email = (String) rows.get(i).get("email");
      if (!email.matches("[^@\\s]+@[^@\\s]+")) {
        throw new SettingError(key + ": " + file + " line " + (i + 2) + ": email '" + email + "' is not an e-mail address");
      }
    }
    return rows;
  }

  /** The candidates booked for: candidate_name,candidate_email,position. */
  public static List<Map<String, Object>> candidates(String key, Path file) {
    return csv(key, file, CANDIDATE_COLUMNS);
  }

  /** A CSV file with exactly the given header; every row has every column, none empty. */
  public static List<Map<String, Object>> csv(String key, Path file, List<String> columns) {
    List<String> lines = lines(key, file);
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new SettingError(key + ": " + file + " is empty; it needs the header " + String.join(",", columns) + " and rows");
    }
    List<String> header = fields(key, file, 1, stripBom(lines.get(0)));
    if (!header.equals(columns)) {
      throw new SettingError(key + ": " + file + " has the header '" + String.join(",", header)
          + "', needs '" + String.join(",", columns) + "'");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      List<String> values = fields(key, file, n + 1, line);
      if (values.size() != columns.size()) {
        throw new SettingError(key + ": " + file + " line " + (n + 1) + " has " + values.size()
            + " field(s), needs " + columns.size() + " (" + String.join(",", columns) + ")");
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        if (values.get(c).isBlank()) {
          throw new SettingError(key + ": " + file + " line " + (n + 1) + ": " + columns.get(c) + " is empty");
        }
        row.put(columns.get(c), values.get(c));
      }
      rows.add(row);
    }
    if (rows.isEmpty()) {
      throw new SettingError(key + ": " + file + " has a header but no rows");
    }
    return rows;
  }

  /** The text of a body template. */
  public static String template(String key, Path file) {
    List<String> lines = lines(key, file);
    String text = String.join("\n", lines).trim();
    if (text.isEmpty()) {
      throw new SettingError(key + ": " + file + " is empty");
    }
    return text;
  }

  private static List<String> lines(String key, Path file) {
    if (!Files.exists(file)) {
      throw new SettingError(key + ": no file at " + file);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new SettingError(key + ": " + file + " is not a readable file");
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new SettingError(key + ": " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new SettingError(key + ": " + file + " cannot be read: " + e.getMessage());
    }
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /** Splits one CSV line; quoted fields may hold commas and doubled quotes. */
  static List<String> fields(String key, Path file, int lineNumber, String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank()) {
        quoted = true;
        field.setLength(0);
      } else if (c == ',') {
        fields.add(field.toString().trim());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new SettingError(key + ": " + file + " line " + lineNumber + " has an unclosed quote");
    }
    fields.add(field.toString().trim());
    return fields;
  }
}
