package interviews.loadtest.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No real credential may enter the repository again: every tracked file, the synthetic feeders
 * apart, is scanned for what looks like a password, a token, a key or a real person's e-mail.
 */
class RepositoryHasNoCredentialsTest {

  /** Synthetic by construction (see simulations-data/README.md). */
  static final Set<String> SYNTHETIC = Set.of("simulations-data/users.csv", "simulations-data/candidates.csv");

  /** Domains reserved for examples and tests (RFC 2606 / RFC 6761). */
  static final Pattern RESERVED_DOMAIN = Pattern.compile(
      "(?i).*(^|\\.)(example\\.(com|org|net)|example|test|invalid|localhost)$");

  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");

  static final List<Pattern> SECRETS = List.of(
      // a password key with a quoted literal value, in code, config or JSON
      Pattern.compile("(?i)\\bpass(word|wd)?\\b\\\\?\"?\\s*[:=]\\s*\\\\?\"(?!Syn-)([^\"\\\\#{}$<>]{6,})\\\\?\""),
      // ... or an unquoted one up to the end of the line (properties, YAML, HOCON)
      Pattern.compile("(?i)^\\s*\"?([\\w-]+\\.)*pass(word|wd)?\"?\\s*[:=]\\s*(?!Syn-)([^\\s\"'(){}$#<>,;]{6,})\\s*$"),
      Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
      Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
      Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36}\\b"),
      Pattern.compile("\\b(Bearer|Token)\\s+([A-Za-z0-9._~+/-]{24,})"));

  @Test
  void noTrackedFileHoldsACredentialOrARealEmail() throws IOException, InterruptedException {
    List<String> findings = new ArrayList<>();
    for (String file : trackedFiles()) {
      if (SYNTHETIC.contains(file)) {
        continue;
      }
      Path path = Path.of(file);
      if (!Files.isRegularFile(path) || isBinary(path)) {
        continue;
      }
      List<String> lines = Files.readAllLines(path, StandardCharsets.ISO_8859_1);
      for (int n = 0; n < lines.size(); n++) {
        findings.addAll(findingsIn(file + ":" + (n + 1), lines.get(n)));
      }
    }
    assertEquals(List.of(), findings);
  }

  @Test
  void theScanFindsWhatItLooksFor() {
    // The scan itself must bite: each of these is a finding. (Assembled at run time, so that this
    // file does not hold them.)
    String secret = "Winter" + "2024";
    assertEquals(1, findingsIn("x", "email = jane.doe@" + "gmail.com").size());
    assertEquals(1, findingsIn("x", "pass" + "word = \"" + secret + "!\"").size());
    assertEquals(1, findingsIn("x", "{\\\"pass" + "word\\\": \\\"" + secret + "\\\"}").size());
    assertEquals(1, findingsIn("x", "-----BEGIN RSA PRIVATE" + " KEY-----").size());
    assertEquals(1, findingsIn("x", "Authorization: Bearer " + "abcdefghijklmnopqrstuvwxyz012345").size());
    // ... and these are not.
    assertEquals(List.of(), findingsIn("x", "recruiter0001@example.com, candidate@staging.example.test"));
    assertEquals(List.of(), findingsIn("x", "\"password\": #{password.jsonStringify()}"));
    assertEquals(List.of(), findingsIn("x", "password = \"\""));
    assertEquals(List.of(), findingsIn("x", "String password = requiredString(body, \"password\");"));
    assertEquals(List.of(), findingsIn("x", "{\\\"password\\\":\\\"Syn-test-pass-01\\\"}"));
    assertEquals(List.of(), findingsIn("x", "Authorization: Bearer 0000000000000000000000000000000000000000"));
    assertEquals(1, findingsIn("x", "db.pass" + "word: " + secret).size());
  }

  @Test
  void aPrivateFeederIsIgnoredByGit() throws IOException, InterruptedException {
    for (String file : List.of("simulations-data/private/users.csv", "simulations-data/staging.private.csv")) {
      Process git = new ProcessBuilder("git", "check-ignore", "-q", file).inheritIO().start();
      assertEquals(0, git.waitFor(), file + " is not git-ignored");
    }
  }

  static List<String> findingsIn(String where, String line) {
    List<String> findings = new ArrayList<>();
    Matcher email = EMAIL.matcher(line);
    while (email.find()) {
      if (!RESERVED_DOMAIN.matcher(email.group(1)).matches()) {
        findings.add(where + ": e-mail outside the reserved example domains: " + email.group());
      }
    }
    for (Pattern secret : SECRETS) {
      Matcher m = secret.matcher(line);
      if (m.find() && !placeholder(m.group(m.groupCount()))) {
        findings.add(where + ": looks like a credential: " + m.group());
      }
    }
    return findings;
  }

  /**
   * A value no one would use as a secret: synthetic ("Syn-" prefix, as in the feeders) or of
   * almost no entropy (0000..., xxxx...).
   */
  static boolean placeholder(String value) {
    return value != null && (value.startsWith("Syn-") || value.chars().distinct().count() < 4);
  }

  static List<String> trackedFiles() throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "ls-files", "--cached", "--others", "--exclude-standard")
        .redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, git.waitFor(), out);
    List<String> files = out.lines().filter(l -> !l.isBlank()).toList();
    assertTrue(files.contains("pom.xml"), "not run from the project root: " + files.size() + " files");
    return files;
  }

  static boolean isBinary(Path path) throws IOException {
    byte[] head = Files.readAllBytes(path);
    for (int i = 0; i < Math.min(head.length, 8000); i++) {
      if (head[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
