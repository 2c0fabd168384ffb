package interviews.loadtest.reference;

import interviews.loadtest.config.SettingError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Reads the recruiter accounts from the users CSV and turns their passwords into Django-style
 * PBKDF2 hashes, in parallel, through an on-disk cache of computed hashes.
 *
 * <p>The cache key is SHA-256 of {@code email|password|iterations|salt}, so a changed password, salt
 * or iteration count is never served stale. The cache is for synthetic test accounts only: its keys
 * are fast hashes of the passwords.
 */
public final class AccountSeeds {

  /** What the target accepts as an e-mail address, in the users file and in requests. */
  public static final Pattern EMAIL = Pattern.compile("^[^@\\s\"(),:;<>\\[\\]\\\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
  static final String CACHE_FILE = "pbkdf2-sha256-hashes.tsv";
  private static final String USERS_FILE = TargetSettings.key("seed.users-file");

  record Account(String email, String password) {
  }

  record Hashed(String email, String passwordHash) {
  }

  /** How the hashes were obtained, for the start-up log line. */
  record Result(List<Hashed> accounts, int fromCache, int computed) {
  }

  private AccountSeeds() {
  }

  static List<Account> readUsers(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw SettingError.of(USERS_FILE, file, "no such file (working directory " + Path.of("").toAbsolutePath() + ")");
    } catch (IOException e) {
      throw SettingError.of(USERS_FILE, file, "cannot read it: " + e.getMessage());
    }
    if (lines.isEmpty() || !stripBom(lines.get(0)).trim().equalsIgnoreCase("email,password")) {
      throw SettingError.of(USERS_FILE, file, "must start with the header line 'email,password'");
    }
    List<Account> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      int comma = line.indexOf(',');
      String email = comma < 0 ? line : unquote(line.substring(0, comma).trim());
      String password = comma < 0 ? "" : unquote(line.substring(comma + 1).trim());
      String where = "line " + (i + 1) + ": ";
      if (!EMAIL.matcher(email).matches()) {
        throw SettingError.of(USERS_FILE, file, where + "'" + email + "' is not an e-mail address");
      }
      if (password.isEmpty()) {
        throw SettingError.of(USERS_FILE, file, where + "empty password");
      }
      if (!seen.add(email.toLowerCase())) {
        throw SettingError.of(USERS_FILE, file, where + "duplicate e-mail '" + email + "'");
      }
      out.add(new Account(email, password));
    }
    return out;
  }

  static Result hash(List<Account> accounts, int iterations, Path cacheDir) {
    Map<String, String> cache = cacheDir == null ? new HashMap<>() : loadCache(cacheDir.resolve(CACHE_FILE));
    Map<String, String> fresh = new ConcurrentHashMap<>();
    List<Hashed> out = new ArrayList<>(accounts.size());
    Map<Integer, Future<String>> pending = new LinkedHashMap<>();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = null;
    int fromCache = 0;
    try {
      for (int i = 0; i < accounts.size(); i++) {
        Account a = accounts.get(i);
        String salt = PasswordHasher.saltFor(a.email());
        String key = cacheKey(a.email(), a.password(), iterations, salt);
        String cached = cache.get(key);
        if (cached != null && cached.startsWith(PasswordHasher.ALGORITHM + "$" + iterations + "$" + salt + "$")) {
          out.add(new Hashed(a.email(), cached));
          fromCache++;
        } else {
          if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
              Thread t = new Thread(r, "reference-target-hash-seed");
              t.setDaemon(true);
              return t;
            });
          }
          out.add(null);
          pending.put(i, pool.submit(() -> {
            String h = PasswordHasher.encode(a.password(), salt, iterations);
            fresh.put(key, h);
            return h;
          }));
        }
      }
      for (Map.Entry<Integer, Future<String>> e : pending.entrySet()) {
        Account a = accounts.get(e.getKey());
        out.set(e.getKey(), new Hashed(a.email(), e.getValue().get()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while hashing seed passwords", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Hashing seed passwords failed", e.getCause());
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    if (cacheDir != null && !fresh.isEmpty()) {
      cache.putAll(fresh);
      storeCache(cacheDir, cache);
    }
    return new Result(out, fromCache, pending.size());
  }

  static String cacheKey(String email, String password, int iterations, String salt) {
    return PasswordHasher.hex(PasswordHasher.sha256(email + "|" + password + "|" + iterations + "|" + salt));
  }

  private static Map<String, String> loadCache(Path file) {
    Map<String, String> m = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return m;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        int tab = line.indexOf('\t');
        if (tab == 64) {
          m.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // An unreadable cache only costs time: the hashes are computed again.
      m.clear();
    }
    return m;
  }

  /** Writes the whole cache to a temporary file and moves it into place, so readers never see half a file. */
  private static void storeCache(Path dir, Map<String, String> cache) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "hashes", ".tmp");
      StringBuilder sb = new StringBuilder(cache.size() * 160);
      cache.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
      Files.writeString(tmp, sb, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, dir.resolve(CACHE_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(CACHE_FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      System.err.println("reference-target: could not write the hash cache in " + dir + ": " + e.getMessage());
    }
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    return s;
  }
}
