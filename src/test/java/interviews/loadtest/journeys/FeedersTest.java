package interviews.loadtest.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.config.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedersTest {

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private String error(Runnable read) {
    return assertThrows(SettingError.class, read::run).getMessage();
  }

  @Test
  void theCommittedFeedersAreValidSyntheticAndLargeEnough() {
    TestData data = TestData.load(TestConfigs.suite());
    Set<Object> emails = new HashSet<>();
    data.users().forEach(row -> emails.add(row.get("email")));
    // The Login profile keeps 500 recruiters logged in at once: every one has an account of its own.
    assertTrue(emails.size() >= 500, "unique accounts: " + emails.size());
    assertEquals(data.users().size(), emails.size(), "accounts repeat");
    data.users().forEach(row -> assertTrue(((String) row.get("email")).endsWith("@example.com"), row.toString()));
    data.candidates().forEach(row -> assertTrue(((String) row.get("candidate_email")).endsWith("@example.org"), row.toString()));
    assertTrue(data.loginBody().contains("#{email.jsonStringify()}"));
    assertTrue(data.bookingBody().contains("#{slotId}"));
  }

  @Test
  void quotedFieldsKeepTheirCommasAndQuotes() throws IOException {
    Path file = write("c.csv", "candidate_name,candidate_email,position\n"
        + "\"Doe, Jane\",jane@example.org,\"Engineer \"\"II\"\"\"\n\n");
    List<Map<String, Object>> rows = Feeders.candidates("loadtest.feeders.candidates", file);
    assertEquals(1, rows.size());
    assertEquals("Doe, Jane", rows.get(0).get("candidate_name"));
    assertEquals("Engineer \"II\"", rows.get(0).get("position"));
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsAllowed() throws IOException {
    Path file = write("u.csv", "\uFEFFemail,password\na@example.com,pw\n");
    assertEquals("pw", Feeders.users("k", file).get(0).get("password"));
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = dir.resolve("none.csv");
    assertEquals("loadtest.feeders.users: no file at " + file, error(() -> Feeders.users("loadtest.feeders.users", file)));
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    Path file = write("u.csv", "");
    assertEquals("k: " + file + " is empty; it needs the header email,password and rows", error(() -> Feeders.users("k", file)));
  }

  @Test
  void aHeaderWithoutRowsIsRefused() throws IOException {
    Path file = write("u.csv", "email,password\n");
    assertEquals("k: " + file + " has a header but no rows", error(() -> Feeders.users("k", file)));
  }

  @Test
  void aWrongHeaderIsRefused() throws IOException {
    Path file = write("u.csv", "username,password\nx,y\n");
    assertEquals("k: " + file + " has the header 'username,password', needs 'email,password'", error(() -> Feeders.users("k", file)));
  }

  @Test
  void aRowWithAMissingFieldNamesItsLine() throws IOException {
    Path file = write("u.csv", "email,password\na@example.com,pw\nb@example.com\n");
    assertEquals("k: " + file + " line 3 has 1 field(s), needs 2 (email,password)", error(() -> Feeders.users("k", file)));
  }

  @Test
  void anEmptyFieldNamesItsColumn() throws IOException {
    Path file = write("u.csv", "email,password\na@example.com,\n");
    assertEquals("k: " + file + " line 2: password is empty", error(() -> Feeders.users("k", file)));
  }

  @Test
  void anEmailWithoutAtIsRefused() throws IOException {
    Path file = write("u.csv", "email,password\nrecruiter,pw\n");
    assertEquals("k: " + file + " line 2: email 'recruiter' is not an e-mail address", error(() -> Feeders.users("k", file)));
  }

  @Test
  void anUnclosedQuoteIsRefused() throws IOException {
    Path file = write("u.csv", "email,password\n\"a@example.com,pw\n");
    assertEquals("k: " + file + " line 2 has an unclosed quote", error(() -> Feeders.users("k", file)));
  }

  @Test
  void aFolderOrAnEmptyTemplateIsRefused() throws IOException {
    assertEquals("k: " + dir + " is not a readable file", error(() -> Feeders.template("k", dir)));
    Path empty = write("t.json", "  \n");
    assertEquals("k: " + empty + " is empty", error(() -> Feeders.template("k", empty)));
  }

  @Test
  void aFileThatIsNotUtf8IsRefused() throws IOException {
    Path file = dir.resolve("u.csv");
    Files.write(file, new byte[] {'e', ',', (byte) 0xff, (byte) 0xfe, '\n'});
    assertEquals("k: " + file + " is not UTF-8 text", error(() -> Feeders.users("k", file)));
  }
}
