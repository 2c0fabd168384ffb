package interviews.loadtest.reference;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The format of the token issued at login ({@code reference-target.dialect.token-format}). Every
 * format is stored, one token per user, and looked up in the database on every authenticated
 * request.
 */
public enum TokenFormat {
  /** 40 lower-case hex characters, like Django REST framework's TokenAuthentication. */
  HEX,
  /** A random UUID, 36 characters with '-'. */
  UUID,
  /**
   * A JSON Web Token signed with HS256, like djangorestframework-simplejwt's access tokens: three
   * base64url parts joined by dots, about 230 characters, always containing '-' and '_'.
   */
  JWT;

  /** Longest token the target issues or looks up. */
  static final int MAX_LENGTH = 512;

  private static final byte[] SIGNING_KEY = new byte[32];

  static {
    new SecureRandom().nextBytes(SIGNING_KEY);
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format with this label, or {@code null}. */
  static TokenFormat fromLabel(String label) {
    for (TokenFormat f : values()) {
      if (f.label().equals(label)) {
        return f;
      }
    }
    return null;
  }

  /** A new random token of this format for the user. */
  String issue(long userId, Instant now, SecureRandom random) {
    switch (this) {
      case UUID:
        return java.util.UUID.randomUUID().toString();
      case JWT:
        return jwt(userId, now, random);
      default:
        byte[] b = new byte[20];
        random.nextBytes(b);
        return PasswordHasher.hex(b);
    }
  }

  private static String jwt(long userId, Instant now, SecureRandom random) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    long iat = now.getEpochSecond();
    // Drawn until the token has both '-' and '_', so that every token shows a client all of
    // base64url's characters (about one draw in four has both).
    for (int attempt = 0; ; attempt++) {
      byte[] jti = new byte[24];
      random.nextBytes(jti);
      String payload = b64.encodeToString(("{\"token_type\":\"access\",\"exp\":" + (iat + 365L * 24 * 3600)
          + ",\"iat\":" + iat + ",\"jti\":\"" + b64.encodeToString(jti) + "\",\"user_id\":" + userId + "}")
          .getBytes(StandardCharsets.UTF_8));
      String token = header + "." + payload + "." + b64.encodeToString(hmacSha256(header + "." + payload));
      if (token.indexOf('-') >= 0 && token.indexOf('_') >= 0 || attempt >= 1000) {
        return token;
      }
    }
  }

  private static byte[] hmacSha256(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SIGNING_KEY, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
