package interviews.loadtest.results;

import java.util.List;
import java.util.Locale;

/**
 * One inline SVG chart for the suite's offline pages (capacity.html, trend.html): no script,
 * nothing fetched. The chart is {@code <svg class="chart">}; every data point is a circle of
 * class {@code point} with its {@code <title>}, so a page's charts and points can be found by
 * class. Values are drawn from 0 up to the maxima given; a value above the top is drawn at it.
 * Two x axes: numbers (0 to {@code maxX}, five ticks) or categories (one slot each, labelled).
 */
public final class SvgChart {

  private static final int W = 560;
  private static final int H = 300;
  private static final int L = 60;
  private static final int R = 20;
  private static final int T = 20;
  private static final int B = 45;
  /** About the width of a character of a category label (font size 10), in pixels. */
  private static final double LABEL_CHAR_WIDTH = 5.6;

  private final StringBuilder s = new StringBuilder();
  private final double maxX;
  private final double maxY;

  private SvgChart(String title, String xUnit, double maxX, double maxY) {
    this.maxX = maxX <= 0 ? 1 : maxX;
    this.maxY = maxY <= 0 ? 1 : maxY;
    s.append(String.format(Locale.ROOT,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
        W, H, esc(title)));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"13\">%s</text>", L, esc(title)));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", L, H - B, W - R, H - B));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", L, T, L, H - B));
    for (int i = 0; i <= 4; i++) {
      double yv = this.maxY * i / 4;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
          L - 4, y(yv) + 4, plain(yv)));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
        (L + W - R) / 2, H - 8, esc(xUnit)));
  }

  /** A chart whose x axis is a number from 0 to {@code maxX}. */
  public static SvgChart numeric(String title, String xUnit, double maxX, double maxY) {
    SvgChart c = new SvgChart(title, xUnit, maxX, maxY);
    for (int i = 0; i <= 4; i++) {
      double xv = c.maxX * i / 4;
      c.s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
          c.x(xv), H - B + 15, plain(xv)));
    }
    return c;
  }

  /**
   * A chart of one slot per category, in order: category {@code i} is drawn at x = i + 0.5 (use
   * {@link #slot(int)}), labelled below the axis (every k-th, and the last, when they would overlap).
   */
  public static SvgChart categories(String title, String xUnit, List<String> labels, double maxY) {
    SvgChart c = new SvgChart(title, xUnit, labels.size(), maxY);
    // Every k-th category labelled, so that the labels do not overlap (and the last one).
    int longest = labels.stream().mapToInt(String::length).max().orElse(1);
    int every = Math.max(1, (int) Math.ceil(labels.size() * (longest * LABEL_CHAR_WIDTH + 8) / (W - L - R)));
    for (int i = 0; i < labels.size(); i++) {
      if (i % every == 0 && (i == labels.size() - 1 || labels.size() - 1 - i >= every) || i == labels.size() - 1) {
        double x = c.x(slot(i));
        double half = labels.get(i).length() * LABEL_CHAR_WIDTH / 2;
        // A label that would run over the right edge ends at it.
        boolean atEdge = x + half > W - 2;
        c.s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"%s\">%s</text>",
            atEdge ? W - 2.0 : x, H - B + 14, atEdge ? "end" : "middle", esc(labels.get(i))));
      }
    }
    return c;
  }

  /** The x of category {@code i}. */
  public static double slot(int i) {
    return i + 0.5;
  }

  /** A data point: a circle of class {@code point} at (x, y), its title shown on hover. */
  public SvgChart point(double x, double y, String color, String title) {
    s.append(String.format(Locale.ROOT,
        "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s</title></circle>",
        x(x), y(y), color, esc(title)));
    return this;
  }

  /** A straight line between two data coordinates, dashed ({@code dash} like "4 3"). */
  public SvgChart line(double x1, double y1, double x2, double y2, String color, String dash, String title) {
    s.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"%s\"><title>%s</title></line>",
        x(x1), y(y1), x(x2), y(y2), color, dash, esc(title)));
    return this;
  }

  /** A horizontal line across the chart at {@code y}, with {@code label} at its right end. */
  public SvgChart horizontal(double y, String color, String dash, String label) {
    line(0, y, maxX, y, color, dash, label);
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"%s\" text-anchor=\"end\">%s</text>",
        W - R, y(y) - 3, color, esc(label)));
    return this;
  }

  /** A vertical line at {@code x}, with {@code label} at its top. */
  public SvgChart vertical(double x, String color, String dash, String title, String label) {
    line(x, 0, x, maxY, color, dash, title);
    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
        x(x) + 3, T + 12, color, esc(label)));
    return this;
  }

  /** A shaded band from {@code yLow} to {@code yHigh} between {@code x1} and {@code x2}. */
  public SvgChart band(double x1, double x2, double yLow, double yHigh, String color, String title) {
    double top = y(yHigh);
    double bottom = y(Math.max(0, yLow));
    s.append(String.format(Locale.ROOT,
        "<rect class=\"band\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.18\"><title>%s</title></rect>",
        x(x1), top, x(x2) - x(x1), Math.max(0, bottom - top), color, esc(title)));
    return this;
  }

  /** A polyline through {@code points} ({x, y} pairs), dashed. */
  public SvgChart path(List<double[]> points, String color, String dash, String title) {
    StringBuilder d = new StringBuilder();
    for (double[] p : points) {
      d.append(d.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x(p[0]), y(p[1])));
    }
    s.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-dasharray=\"")
        .append(dash).append("\"><title>").append(esc(title)).append("</title></path>");
    return this;
  }

  /** A note in the chart's top left corner, on line {@code line} (0: the first below the title). */
  public SvgChart note(int line, String text) {
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", L + 8, T + 26 + 14 * line, esc(text)));
    return this;
  }

  /** The chart's SVG, ending with a newline. */
  public String render() {
    return s + "</svg>\n";
  }

  private double x(double v) {
    return L + (W - L - R) * Math.max(0, Math.min(v, maxX)) / maxX;
  }

  private double y(double v) {
    return H - B - (H - B - T) * Math.max(0, Math.min(v, maxY)) / maxY;
  }

  /** 2, 2.5, 0.1: at most one decimal, no trailing zero. */
  private static String plain(double value) {
    double r = Math.round(value * 10) / 10.0;
    return r == Math.rint(r) && Math.abs(r) < 1e15 ? String.valueOf((long) r) : String.valueOf(r);
  }

  /** Text for HTML and SVG. */
  public static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
