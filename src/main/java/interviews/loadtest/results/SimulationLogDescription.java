package interviews.loadtest.results;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the run's description into the header of Gatling's simulation.log, which Gatling's HTML
 * report reads it from. Gatling takes a description only from its command line, before the
 * simulation and its settings are loaded; the suite knows the profile, the target and the SLOs
 * only once they are. The log is closed when the simulation's {@code after()} runs and the report
 * is built from it afterwards, so the header is rewritten in between.
 *
 * <p>The header (Gatling 3.15's binary format): a record type byte 0, the Gatling version, the
 * simulation class, the start (8 bytes), then the description. A string is an int length, and
 * when not empty that many bytes and a coder byte (0 Latin-1, 1 UTF-16), all big-endian. A file
 * that does not start so is left as it is.
 */
final class SimulationLogDescription {

  private static final byte RUN_RECORD = 0;
  private static final int MAX_HEADER_STRING = 64 * 1024;

  private SimulationLogDescription() {}

  /**
   * Puts {@code description} into {@code log}'s header, after the description the user gave Gatling
   * if any. Returns the description now in the file, or null when the file was left alone (why is printed).
   */
  static String write(Path log, String description) {
    Path tmp = log.resolveSibling(log.getFileName() + ".describing");
    try (InputStream raw = Files.newInputStream(log);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      Header header = Header.read(in);
      String text = RunDescription.combine(decode(header.description()), description);
      try (OutputStream file = Files.newOutputStream(tmp);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 16))) {
        out.writeByte(RUN_RECORD);
        out.write(header.version());
        out.write(header.simulationClass());
        out.writeLong(header.start());
        writeLatin1(out, text);
        in.transferTo(out);
      }
      Files.move(tmp, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return text;
    } catch (EOFException e) {
      return leftAlone(log, "it ends inside its header");
    } catch (HeaderException | IOException e) {
      return leftAlone(log, e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the original is untouched; a stray temporary file is harmless
      }
    }
  }

  /** The description in {@code log}'s header ("" when none). */
  static String read(Path log) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(log)))) {
      return decode(Header.read(in).description());
    } catch (HeaderException e) {
      throw new IOException(log + ": " + e.getMessage());
    }
  }

  /** The header's strings as stored (length, bytes, coder), read up to the end of the description. */
  private record Header(byte[] version, byte[] simulationClass, long start, byte[] description) {
    static Header read(DataInputStream in) throws IOException {
      if (in.readByte() != RUN_RECORD) {
        throw new HeaderException("it does not start with Gatling's run record");
      }
      return new Header(readRaw(in), readRaw(in), in.readLong(), readRaw(in));
    }
  }

  private static String leftAlone(Path log, String why) {
    System.err.println("[results] run description not written into " + log + ": " + why);
    return null;
  }

  /** One string as stored: its length, bytes and coder, exactly as read. */
  private static byte[] readRaw(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_HEADER_STRING) {
      throw new HeaderException("a header string of " + length + " bytes: not Gatling 3.15's format");
    }
    byte[] raw = new byte[length == 0 ? 4 : 4 + length + 1];
    raw[0] = (byte) (length >>> 24);
    raw[1] = (byte) (length >>> 16);
    raw[2] = (byte) (length >>> 8);
    raw[3] = (byte) length;
    in.readFully(raw, 4, raw.length - 4);
    if (length > 0 && raw[raw.length - 1] > 1) {
      throw new HeaderException("a header string with coder " + raw[raw.length - 1] + ": not Gatling 3.15's format");
    }
    return raw;
  }

  private static String decode(byte[] raw) {
    if (raw.length == 4) {
      return "";
    }
    byte coder = raw[raw.length - 1];
    if (coder == 0) {
      return new String(raw, 4, raw.length - 5, StandardCharsets.ISO_8859_1);
    }
    // Java keeps UTF-16 strings in the machine's byte order.
    return new String(raw, 4, raw.length - 5,
        ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
  }

  private static void writeLatin1(DataOutputStream out, String text) throws IOException {
    byte[] bytes = RunDescription.latin1(text).getBytes(StandardCharsets.ISO_8859_1);
    out.writeInt(bytes.length);
    if (bytes.length > 0) {
      out.write(bytes);
      out.writeByte(0);
    }
  }

  private static final class HeaderException extends RuntimeException {
    HeaderException(String message) {
      super(message);
    }
  }
}
