package interviews.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the pages of docs/ hold together: every relative link names a file that exists
 * and, with an anchor, a heading of that file (as GitHub makes anchors of headings); every page
 * of docs/ is linked from the README; the README stays a quick start.
 */
class DocsLinksTest {

  static final int README_MAX_LINES = 250;

  /** {@code [text](target)} and {@code ![alt](target)}; the target ends at a space or ')'. */
  private static final Pattern INLINE_LINK = Pattern.compile("\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

  /** {@code [label]: target} */
  private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");

  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  @Test
  void everyRelativeLinkNamesAnExistingFileAndHeading() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      List<Boolean> code = inCode(lines);
      for (int n = 0; n < lines.size(); n++) {
        for (String target : links(lines.get(n), code.get(n))) {
          checked++;
          String problem = problem(page, target);
          if (problem != null) {
            broken.add(page + ":" + (n + 1) + ": " + target + ": " + problem);
          }
        }
      }
    }
    assertTrue(checked > 0, "no link found at all: the parser is broken");
    assertEquals(List.of(), broken, "broken links");
  }

  @Test
  void everyPageOfDocsIsLinkedFromTheReadme() throws IOException {
    Path readme = Path.of("README.md");
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    List<Boolean> code = inCode(lines);
    Set<Path> linked = new LinkedHashSet<>();
    for (int n = 0; n < lines.size(); n++) {
      for (String target : links(lines.get(n), code.get(n))) {
        if (!isExternal(target)) {
          String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
          if (!file.isEmpty()) {
            linked.add(Path.of(file).normalize());
          }
        }
      }
    }
    List<Path> docs = docsPages();
    assertFalse(docs.isEmpty(), "docs/ has pages");
    List<Path> unlinked = docs.stream().map(Path::normalize).filter(page -> !linked.contains(page)).toList();
    assertEquals(List.of(), unlinked, "pages of docs/ the README does not link");
  }

  @Test
  void theReadmeIsAQuickStart() throws IOException {
    long lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8).size();
    assertTrue(lines <= README_MAX_LINES, "README.md has " + lines + " lines; at most " + README_MAX_LINES
        + ": move the details into docs/");
  }

  @Test
  void anchorsFollowGitHubsRules() {
    assertEquals("configuration-resultsconf-under-loadtestresults",
        anchor("Configuration (`results.conf`, under `loadtest.results`)"));
    assertEquals("the-default-iteration-count-100000", anchor("The default iteration count: 100,000"));
    assertEquals("the-measurement-layers-cost", anchor("The measurement layer's cost"));
    assertEquals("the-capacity-model-ws", anchor("The capacity model: W/S"));
    assertEquals("layers--d-environment-file-defaults", anchor("Layers: -D, environment, file, defaults"));
    assertEquals("quick-start-a-fresh-machine-only-a-jdk-17", anchor("Quick start (a fresh machine, only a JDK 17+)"));
    assertEquals("see-the-guide", anchor("See [the guide](docs/x.md)"));
    assertEquals("metrics-get-metrics", anchor("Metrics (`GET /metrics`)"));
    assertEquals(List.of("a-b", "a-b-1"), List.copyOf(headingAnchors(List.of("# A b", "text", "## A b"))));
    assertEquals(List.of("x", "after"), List.copyOf(headingAnchors(List.of("# x", "```", "# inside", "```", "## after"))));
    assertEquals(List.of("docs/a.md#b"), links("see [a](docs/a.md#b) and `[c](d.md)`", false));
    assertTrue(isExternal("https://example.com/x"));
    assertFalse(isExternal("docs/results.md#watchdog"));
  }

  // ------------------------------------------------------------------------------ the pages

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(Path.of("README.md"));
    pages.addAll(docsPages());
    return pages;
  }

  private static List<Path> docsPages() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      return files.filter(file -> file.getFileName().toString().endsWith(".md")).sorted().toList();
    }
  }

  // ------------------------------------------------------------------------------ links

  /** What is wrong with {@code target} as a link of {@code page}, or null. */
  private static String problem(Path page, String target) throws IOException {
    if (isExternal(target)) {
      return null;
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? null : target.substring(hash + 1);
    if (file.startsWith("/")) {
      return "absolute path; link relative to the page";
    }
    Path resolved = file.isEmpty() ? page : resolve(page, file);
    if (!Files.exists(resolved)) {
      return "no such file " + resolved;
    }
    if (fragment == null) {
      return null;
    }
    if (!resolved.getFileName().toString().endsWith(".md")) {
      return "an anchor into " + resolved + ", which is not a Markdown page";
    }
    Set<String> anchors = headingAnchors(Files.readAllLines(resolved, StandardCharsets.UTF_8));
    String wanted = decode(fragment);
    return anchors.contains(wanted) ? null : "no heading #" + wanted + " in " + resolved + "; there are " + anchors;
  }

  private static Path resolve(Path page, String file) {
    Path dir = page.getParent() == null ? Path.of("") : page.getParent();
    return dir.resolve(decode(file)).normalize();
  }

  private static boolean isExternal(String target) {
    return SCHEME.matcher(target).find() || target.startsWith("//");
  }

  /** The link targets on one line, leaving out code spans (and the whole line inside a fence). */
  static List<String> links(String line, boolean inFence) {
    List<String> targets = new ArrayList<>();
    if (inFence) {
      return targets;
    }
    String text = withoutCodeSpans(line);
    Matcher inline = INLINE_LINK.matcher(text);
    while (inline.find()) {
      targets.add(inline.group(1));
    }
    Matcher definition = REFERENCE_DEFINITION.matcher(text);
    if (definition.matches()) {
      targets.add(definition.group(1));
    }
    return targets;
  }

  private static String withoutCodeSpans(String line) {
    return line.replaceAll("(`+)(?:(?!\\1).)+?\\1", " ");
  }

  /** For each line: whether it is inside a fenced code block (the fences included). */
  private static List<Boolean> inCode(List<String> lines) {
    List<Boolean> inCode = new ArrayList<>();
    String fence = null;
    for (String line : lines) {
      Matcher m = FENCE.matcher(line);
      if (fence == null && m.find()) {
        fence = m.group(1);
        inCode.add(true);
      } else if (fence != null) {
        inCode.add(true);
        String trimmed = line.strip();
        char mark = fence.charAt(0);
        if (trimmed.startsWith(fence) && trimmed.chars().allMatch(c -> c == mark)) {
          fence = null;
        }
      } else {
        inCode.add(false);
      }
    }
    return inCode;
  }

  // ------------------------------------------------------------------------------ anchors

  /** The anchors GitHub gives the headings of a page, repeats numbered -1, -2, ... */
  static Set<String> headingAnchors(List<String> lines) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    List<Boolean> code = inCode(lines);
    for (int n = 0; n < lines.size(); n++) {
      if (code.get(n)) {
        continue;
      }
      Matcher heading = HEADING.matcher(lines.get(n));
      if (heading.matches()) {
        String base = anchor(heading.group(2));
        int count = seen.merge(base, 1, Integer::sum) - 1;
        anchors.add(count == 0 ? base : base + "-" + count);
      }
    }
    return anchors;
  }

  /**
   * GitHub's anchor of a heading: its text as rendered (code marks, '*' emphasis and link targets
   * dropped), lower case, every character that is not a letter, a digit, a space, '-' or '_'
   * dropped, and each space turned into '-'.
   */
  static String anchor(String heading) {
    String text = heading
        .replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // a link: its text
        .replace("`", "")
        .replaceAll("(\\*{1,3})(\\S(?:.*?\\S)?)\\1", "$2") // emphasis
        .replaceAll("<[^>]+>", ""); // inline HTML tags
    StringBuilder anchor = new StringBuilder();
    text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
      if (c == ' ') {
        anchor.append('-');
      } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        anchor.appendCodePoint(c);
      }
    });
    return anchor.toString();
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
