package interviews.loadtest.pages;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The command line of a headless Chromium that cannot reach the network, not even for its own
 * background calls: every background service that calls home is off, every request goes to a proxy
 * on a loopback port nobody listens on (loopback included), and no host name resolves. Pages are
 * opened as file:// URLs, which need none of it. The profile is a fresh folder of its own.
 */
final class OfflineChromium {

  private OfflineChromium() {}

  /** Chromium's options for these settings, its profile in {@code profile}, the proxy on {@code closedPort}. */
  static ChromeOptions options(PageSettings settings, Path profile, int closedPort) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(settings.browser().toFile());
    options.addArguments(arguments(settings, profile, closedPort, runsAsRoot()));
    // The console's every entry (errors are SEVERE), read back through chromedriver.
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    return options;
  }

  /** The arguments themselves. */
  static List<String> arguments(PageSettings settings, Path profile, int closedPort, boolean root) {
    List<String> args = new ArrayList<>(List.of(
        "--headless=new",
        "--disable-gpu",
        "--window-size=" + settings.width() + "," + settings.height(),
        "--hide-scrollbars",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-domain-reliability",
        "--disable-client-side-phishing-detection",
        "--disable-breakpad",
        "--no-pings",
        "--metrics-recording-only",
        "--password-store=basic",
        "--use-mock-keychain",
        "--mute-audio",
        "--disable-dev-shm-usage",
        "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,"
            + "AutofillServerCommunication,CertificateTransparencyComponentUpdater",
        // Nothing leaves the machine: every request, loopback's too (<-loopback>), goes to a closed port...
        "--proxy-server=http://127.0.0.1:" + closedPort,
        "--proxy-bypass-list=<-loopback>",
        // ...and no name resolves.
        "--host-resolver-rules=MAP * ~NOTFOUND"));
    if (root) {
      args.add("--no-sandbox"); // Chromium refuses to start its sandbox as root
    }
    return args;
  }

  /** A loopback port nobody listened on a moment ago. */
  static int closedPort() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new PagesError("no loopback port for the browser's closed proxy: " + e.getMessage());
    }
  }

  /** This process runs as root (uid 0). */
  static boolean runsAsRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
