package interviews.loadtest.results;

import interviews.loadtest.measure.HlogTags;
import interviews.loadtest.measure.Measurements;
import interviews.loadtest.results.summary.JourneyCounts;
import interviews.loadtest.results.summary.MergedSummary;
import interviews.loadtest.results.summary.RequestSummary;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Merges the histogram logs of several runs (e.g. one per injector) into one exact summary.
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=interviews.loadtest.results.MergeHistograms \
 *   -Dexec.args="--out target/merged run1/histograms.hlog run2/histograms.hlog"
 * </pre>
 *
 * Writes {@code OUT/summary.json}: latency statistics from the merged histograms (exact: the
 * histograms are added, not the percentiles averaged; {@code latencyOkMs} only when every log has
 * OK streams), counts (ok/race/ko, errors, journeys) summed from the {@code summary.json} next to
 * each log when present (else counts are the histograms' totals and ok/race/ko are null). Exit status 0, or 2 with one line on stderr for a
 * missing, unreadable or invalid file or bad arguments.
 */
public final class MergeHistograms {

  private MergeHistograms() {}

  public static void main(String[] args) {
    try {
      Path out = run(args);
      System.out.println("merged summary written to " + out);
    } catch (IllegalArgumentException e) {
      System.err.println("MergeHistograms: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Does the work of {@link #main}; throws IllegalArgumentException with a one-line message. */
  public static Path run(String[] args) {
    Path outDir = null;
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--out needs a directory");
        }
        outDir = Path.of(args[++i]);
      } else if (args[i].startsWith("--")) {
        throw new IllegalArgumentException("unknown option " + args[i] + "; usage: --out DIR run1/histograms.hlog run2/histograms.hlog ...");
      } else {
        inputs.add(Path.of(args[i]));
      }
    }
    if (outDir == null || inputs.isEmpty()) {
      throw new IllegalArgumentException("usage: --out DIR run1/histograms.hlog run2/histograms.hlog ...");
    }
    Map<String, Histogram> merged = new TreeMap<>();
    Map<String, Histogram> mergedOk = new TreeMap<>();
    boolean okKnown = true;
    List<JsonNode> summaries = new ArrayList<>();
    for (Path in : inputs) {
      Logged log = read(in);
      log.all().forEach((name, h) -> merged.computeIfAbsent(name, k -> new Histogram(3)).add(h));
      log.ok().forEach((name, h) -> mergedOk.computeIfAbsent(name, k -> new Histogram(3)).add(h));
      okKnown &= log.okStreams();
      Path sibling = in.toAbsolutePath().getParent().resolve("summary.json");
      if (Files.isRegularFile(sibling)) {
        try {
          summaries.add(Summaries.JSON.readTree(sibling.toFile()));
        } catch (IOException e) {
          throw new IllegalArgumentException(sibling + " is not valid JSON: " + oneLine(e));
        }
      }
    }
    boolean withCounts = summaries.size() == inputs.size();
    Map<String, RequestSummary> requests = new LinkedHashMap<>();
    for (String name : merged.keySet()) {
      if (!name.equals(Measurements.GLOBAL)) {
        requests.put(name, scope(merged.get(name), okKnown ? mergedOk.getOrDefault(name, new Histogram(3)) : null,
            withCounts ? summaries.stream().map(x -> x.path("requests").path(name)).toList() : null));
      }
    }
    MergedSummary s = new MergedSummary(
        Summaries.SCHEMA,
        inputs.stream().map(Path::toString).toList(),
        summaries.stream().map(j -> j.path("runId").asText()).toList(),
        summaries.stream().map(j -> j.path("simulation").asText()).distinct().toList(),
        summaries.stream().map(j -> j.path("start").asText()).min(String::compareTo).orElse(null),
        summaries.stream().map(j -> j.path("end").asText()).max(String::compareTo).orElse(null),
        withCounts,
        withCounts ? journeys(summaries) : null,
        scope(merged.getOrDefault(Measurements.GLOBAL, new Histogram(3)),
            okKnown ? mergedOk.getOrDefault(Measurements.GLOBAL, new Histogram(3)) : null,
            withCounts ? summaries.stream().map(x -> x.path("global")).toList() : null),
        requests);
    try {
      Files.createDirectories(outDir);
      Path file = outDir.resolve("summary.json");
      Summaries.JSON.writeValue(file.toFile(), s);
      return file;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + outDir.resolve("summary.json") + ": " + oneLine(e));
    }
  }

  /** The runs' journey counts summed, per name too. */
  private static JourneyCounts journeys(List<JsonNode> summaries) {
    Map<String, long[]> byName = new TreeMap<>();
    for (JsonNode x : summaries) {
      for (Iterator<Map.Entry<String, JsonNode>> it = x.at("/journeys/byName").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        long[] c = byName.computeIfAbsent(e.getKey(), k -> new long[2]);
        c[0] += e.getValue().path("started").asLong();
        c[1] += e.getValue().path("ended").asLong();
      }
    }
    Map<String, JourneyCounts.Tally> tallies = new LinkedHashMap<>();
    byName.forEach((k, c) -> tallies.put(k, new JourneyCounts.Tally(c[0], c[1])));
    return new JourneyCounts(
        summaries.stream().mapToLong(x -> x.at("/journeys/started").asLong()).sum(),
        summaries.stream().mapToLong(x -> x.at("/journeys/ended").asLong()).sum(),
        tallies);
  }

  /**
   * One scope: the merged histograms (of the OK requests: null when not every log has them), and
   * the counts summed from the runs' summaries when known.
   */
  private static RequestSummary scope(Histogram h, Histogram ok, List<JsonNode> parts) {
    if (parts == null) {
      return RequestSummary.latencyOnly(Summaries.latency(h), ok == null ? null : Summaries.latency(ok));
    }
    long okCount = 0;
    long race = 0;
    long ko = 0;
    long none = 0;
    Map<String, Long> byStatus = new TreeMap<>();
    Map<String, Long> byMessage = new TreeMap<>();
    Map<String, Long> byCause = new TreeMap<>();
    for (JsonNode p : parts) {
      okCount += p.path("ok").asLong();
      race += p.path("race").asLong();
      ko += p.path("ko").asLong();
      none += p.path("noResponse").asLong();
      sumInto(byStatus, p.path("errorsByStatus"));
      sumInto(byMessage, p.path("errorsByMessage"));
      sumInto(byCause, p.path("errorsByCause"));
    }
    return Summaries.request(new Summaries.Counts(okCount, race, ko, none, byStatus, byMessage, byCause), h, ok);
  }

  private static void sumInto(Map<String, Long> into, JsonNode obj) {
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      into.merge(e.getKey(), e.getValue().asLong(), Long::sum);
    }
  }

  /**
   * One histogram log, its interval histograms summed per stream, keyed by request name
   * ({@value Measurements#GLOBAL} for all requests).
   *
   * @param all every request that ended
   * @param ok the Gatling-OK requests only
   * @param okStreams whether the log has OK streams at all (logs of the results format 1 have not)
   */
  public record Logged(Map<String, Histogram> all, Map<String, Histogram> ok, boolean okStreams) {}

  /** Reads one histogram log. */
  public static Logged read(Path hlog) {
    if (!Files.isRegularFile(hlog)) {
      throw new IllegalArgumentException(hlog + ": no such file");
    }
    if (!Files.isReadable(hlog)) {
      throw new IllegalArgumentException(hlog + ": not readable");
    }
    Map<String, Histogram> all = new TreeMap<>();
    Map<String, Histogram> ok = new TreeMap<>();
    int intervals = 0;
    try {
      HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
      EncodableHistogram e;
      while ((e = reader.nextIntervalHistogram()) != null) {
        if (!(e instanceof Histogram h)) {
          throw new IllegalArgumentException(hlog + ": holds double histograms, expected integer milliseconds");
        }
        HlogTags.Stream stream = HlogTags.stream(h.getTag());
        String name = stream.name() == null ? Measurements.GLOBAL : stream.name();
        (stream.okOnly() ? ok : all).computeIfAbsent(name, k -> new Histogram(3)).add(h);
        intervals++;
      }
    } catch (FileNotFoundException ex) {
      throw new IllegalArgumentException(hlog + ": cannot open (" + ex.getMessage() + ")");
    } catch (IllegalArgumentException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      throw new IllegalArgumentException(hlog + ": not a valid HdrHistogram log (" + oneLine(ex) + ")");
    }
    String header = header(hlog);
    if (intervals == 0 && !header.contains("#[Histogram log format version")) {
      throw new IllegalArgumentException(hlog + ": not an HdrHistogram log (no format version header)");
    }
    // The header says whether OK streams were written (a log may hold none when nothing was OK).
    return new Logged(all, ok, !ok.isEmpty() || header.contains("Tag=" + HlogTags.OK_PREFIX));
  }

  /** The log's leading comment lines. */
  private static String header(Path hlog) {
    StringBuilder sb = new StringBuilder();
    try (java.io.BufferedReader r = Files.newBufferedReader(hlog, java.nio.charset.StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null && line.startsWith("#")) {
        sb.append(line).append('\n');
      }
    } catch (IOException ex) {
      throw new IllegalArgumentException(hlog + ": not readable (" + oneLine(ex) + ")");
    }
    return sb.toString();
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replace('\n', ' ');
  }
}
