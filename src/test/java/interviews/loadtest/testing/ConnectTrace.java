package interviews.loadtest.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an strace log of {@code connect}, {@code sendto} and {@code sendmsg} calls and tells
 * which network addresses a process tried to reach. Only IPv4 and IPv6 addresses count (a local
 * Unix socket is no network); an address is outside when it is not loopback, and any use of port
 * 53 is a name lookup, wherever it goes.
 *
 * <pre>{@code
 * List<String> outside = ConnectTrace.outside(Files.readAllLines(traceFile));
 * }</pre>
 */
public final class ConnectTrace {

  private static final Pattern ADDRESS = Pattern.compile(
      "\\{sa_family=AF_INET6?, sin6?_port=htons\\((\\d+)\\),[^}]*?(?:inet_addr\\(\"([^\"]+)\"\\)|inet_pton\\(AF_INET6, \"([^\"]+)\")");

  private ConnectTrace() {}

  /** One address a traced call named. */
  public record Endpoint(String address, int port, String line) {
    /** 127.0.0.0/8, ::1 or an IPv4-mapped 127.x. */
    public boolean loopback() {
      return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
    }

    /** Not loopback, or a DNS query. */
    public boolean outside() {
      return !loopback() || port == 53;
    }
  }

  /** Every IPv4/IPv6 address the traced calls named, in order. */
  public static List<Endpoint> endpoints(List<String> traceLines) {
    List<Endpoint> out = new ArrayList<>();
    for (String line : traceLines) {
      if (!(line.contains("connect(") || line.contains("sendto(") || line.contains("sendmsg("))) {
        continue;
      }
      Matcher m = ADDRESS.matcher(line);
      while (m.find()) {
        out.add(new Endpoint(m.group(2) != null ? m.group(2) : m.group(3), Integer.parseInt(m.group(1)), line.strip()));
      }
    }
    return out;
  }

  /** The traced calls that reached, or tried to reach, beyond loopback or asked a name server. */
  public static List<String> outside(List<String> traceLines) {
    return endpoints(traceLines).stream().filter(Endpoint::outside).map(Endpoint::line).toList();
  }
}
