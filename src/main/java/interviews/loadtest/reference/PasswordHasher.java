package interviews.loadtest.reference;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Django's {@code pbkdf2_sha256} password hasher: PBKDF2-HMAC-SHA256 with a 32-byte key, stored as
 * {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>}.
 */
public final class PasswordHasher {

  static final String ALGORITHM = "pbkdf2_sha256";
  private static final String SALT_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final int SALT_LENGTH = 22;

  private PasswordHasher() {
  }

  public static String encode(String password, String salt, int iterations) {
    byte[] key = pbkdf2(password, salt, iterations);
    return ALGORITHM + "$" + iterations + "$" + salt + "$" + Base64.getEncoder().encodeToString(key);
  }

  /** Checks a password against a stored hash in constant time (apart from the PBKDF2 cost itself). */
  public static boolean verify(String password, String encoded) {
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
      return false;
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] actual = pbkdf2(password, parts[2], iterations);
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * A Django-style 22-character salt derived from the e-mail, so that seeding is reproducible and
   * computed hashes can be cached (Django draws it at random when a password is set).
   */
  public static String saltFor(String email) {
    byte[] digest = sha256("reference-target-salt|" + email);
    StringBuilder sb = new StringBuilder(SALT_LENGTH);
    for (int i = 0; i < SALT_LENGTH; i++) {
      sb.append(SALT_CHARS.charAt((digest[i] & 0xff) % SALT_CHARS.length()));
    }
    return sb.toString();
  }

  static byte[] pbkdf2(String password, String salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }
}
