package interviews.loadtest.reference;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference target's SQL database: a HikariCP pool over JDBC (a private in-memory H2 database by
 * default) and every query the API and the notification workers need; {@link DatabaseSetup} creates
 * the tables and the seed data. Times are stored as UTC {@code TIMESTAMP}s.
 *
 * <p>Race-safe booking is enforced by the database: {@code active_bookings.slot_id} is a primary key,
 * inserted in the same transaction as the interview; a second booking of the same slot violates it.
 *
 * <p>Ids of slots and interviews start above {@code dialect.id-offset}; tokens are issued in
 * {@code dialect.token-format}.
 *
 * <p>Why it is about 400 lines: every query is here, a few lines of SQL each, so that one
 * file shows what the API asks of the database; only the set-up at start lives apart.
 */
public final class Database implements AutoCloseable {

  static final String DUPLICATE_KEY_SQLSTATE = "23505";
  private static final AtomicLong INSTANCES = new AtomicLong();

  private final HikariDataSource ds;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final long idOffset;
  private final TokenFormat tokenFormat;

  public record User(long id, String email, String passwordHash) {
  }

  public record SlotRow(long id, long interviewerId, String interviewerName, LocalDateTime start, LocalDateTime end) {
  }

  public record SlotPage(long count, List<SlotRow> results) {
  }

  public record InterviewRow(long id, long slotId, String candidateName, String candidateEmail, String position,
            String status, String notificationStatus, LocalDateTime createdAt) {
  }

  /** A booking lost the race: the slot is already booked. */
  public static final class SlotTakenException extends Exception {
    SlotTakenException() {
      super("slot already booked", null, false, false);
    }
  }

  /** No slot with that id. */
  public static final class NoSuchSlotException extends Exception {
    NoSuchSlotException() {
      super("no such slot", null, false, false);
    }
  }

  /** True when this target created the database (and so shuts an in-memory one down on close). */
  private final boolean owner;
  /** True on PostgreSQL, whose {@code pg_sleep} makes the query time a real query. */
  private final boolean postgres;

  Database(TargetSettings s, Clock clock) {
    this.clock = clock;
    this.idOffset = s.idOffset;
    this.tokenFormat = s.tokenFormat;
    this.owner = s.createDatabase;
    this.postgres = s.jdbcUrl.startsWith("jdbc:postgresql:");
    HikariConfig hc = new HikariConfig();
    String url = s.jdbcUrl.isEmpty()
        ? "jdbc:h2:mem:reference-target-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet()
        + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
        : s.jdbcUrl;
    hc.setJdbcUrl(url);
    hc.setUsername(s.dbUser);
    hc.setPassword(s.dbPassword);
    hc.setMaximumPoolSize(s.poolSize);
    hc.setMinimumIdle(s.minIdle);
    hc.setConnectionTimeout(s.connectionTimeoutMs);
    hc.setPoolName("reference-target-db-" + INSTANCES.get());
    hc.setAutoCommit(true);
    this.ds = new HikariDataSource(hc);
  }

  HikariPoolMXBean poolBean() {
    return ds.getHikariPoolMXBean();
  }

  int maxPoolSize() {
    return ds.getMaximumPoolSize();
  }

  Connection connection() throws SQLException {
    return ds.getConnection();
  }

  Clock clock() {
    return clock;
  }

  long idOffset() {
    return idOffset;
  }

  public User findUserByEmail(String email) throws SQLException {
    try (Connection c = ds.getConnection();
       PreparedStatement ps = c.prepareStatement("SELECT id, email, password_hash FROM recruiters WHERE email = ?")) {
      ps.setString(1, email.toLowerCase());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new User(rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
      }
    }
  }

  /** Like Django REST framework's {@code Token.objects.get_or_create(user=user)}. */
  public String tokenFor(long userId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      String existing = selectToken(c, userId);
      if (existing != null) {
        return existing;
      }
      String key = tokenFormat.issue(userId, Instant.now(clock), random);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_tokens(token_key, user_id, created_at) VALUES (?, ?, ?)")) {
        ps.setString(1, key);
        ps.setLong(2, userId);
        ps.setTimestamp(3, Timestamp.valueOf(now()));
        ps.executeUpdate();
        return key;
      } catch (SQLException e) {
        if (DUPLICATE_KEY_SQLSTATE.equals(e.getSQLState())) {
          // A concurrent login of the same user created it first.
          String raced = selectToken(c, userId);
          if (raced != null) {
            return raced;
          }
        }
        throw e;
      }
    }
  }

  private static String selectToken(Connection c, long userId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT token_key FROM auth_tokens WHERE user_id = ?")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * The user id a token belongs to, or -1 (without a query for a token longer than any issued).
   * One query per authenticated request, as in Django REST framework.
   */
  public long userForToken(String token) throws SQLException {
    if (token.length() > TokenFormat.MAX_LENGTH) {
      return -1L;
    }
    try (Connection c = ds.getConnection();
       PreparedStatement ps = c.prepareStatement("SELECT user_id FROM auth_tokens WHERE token_key = ?")) {
      ps.setString(1, token);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1L;
      }
    }
  }

  /** Free slots starting in [from, to), earliest first, and how many there are in all. */
  public SlotPage freeSlots(LocalDateTime from, LocalDateTime to, int limit) throws SQLException {
    try (Connection c = ds.getConnection()) {
      long count;
      // Slots in the range less the active bookings in the range: two index range counts.
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT (SELECT COUNT(*) FROM slots WHERE start_at >= ? AND start_at < ?)"
              + " - (SELECT COUNT(*) FROM active_bookings WHERE slot_start >= ? AND slot_start < ?)")) {
        // Plain ? markers, each bound: numbered ones (?1) are H2's, PostgreSQL's driver refuses them.
        ps.setTimestamp(1, Timestamp.valueOf(from));
        ps.setTimestamp(2, Timestamp.valueOf(to));
        ps.setTimestamp(3, Timestamp.valueOf(from));
        ps.setTimestamp(4, Timestamp.valueOf(to));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          count = rs.getLong(1);
        }
      }
      List<SlotRow> rows = new ArrayList<>(Math.min(limit, 100));
      if (count > 0) {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT s.id, s.start_at, s.end_at, i.id, i.name FROM slots s"
                + " JOIN interviewers i ON i.id = s.interviewer_id"
                // What the Django ORM emits for filter(booking__isnull=True): LEFT JOIN ... IS NULL.
                + " LEFT JOIN active_bookings b ON b.slot_id = s.id"
                + " WHERE s.start_at >= ? AND s.start_at < ? AND b.slot_id IS NULL"
                + " ORDER BY s.start_at, s.id LIMIT ?")) {
          ps.setTimestamp(1, Timestamp.valueOf(from));
          ps.setTimestamp(2, Timestamp.valueOf(to));
          ps.setInt(3, limit);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(new SlotRow(rs.getLong(1), rs.getLong(4), rs.getString(5),
                  rs.getTimestamp(2).toLocalDateTime(), rs.getTimestamp(3).toLocalDateTime()));
            }
          }
        }
      }
      return new SlotPage(count, rows);
    }
  }

  /**
   * Books a slot in one transaction: the interview row and the active booking row. The primary key
   * of {@code active_bookings} lets exactly one of any number of concurrent bookings commit.
   */
  public InterviewRow book(long userId, long slotId, String name, String email, String position)
      throws SQLException, SlotTakenException, NoSuchSlotException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        Timestamp slotStart;
        try (PreparedStatement ps = c.prepareStatement("SELECT start_at FROM slots WHERE id = ?")) {
          ps.setLong(1, slotId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              throw new NoSuchSlotException();
            }
            slotStart = rs.getTimestamp(1);
          }
        }
        LocalDateTime created = now();
        long id;
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO interviews(slot_id, recruiter_id, candidate_name, candidate_email, position, status,"
                + " notification_status, created_at) VALUES (?, ?, ?, ?, ?, 'scheduled', 'pending', ?)",
            Statement.RETURN_GENERATED_KEYS)) {
          ps.setLong(1, slotId);
          ps.setLong(2, userId);
          ps.setString(3, name);
          ps.setString(4, email);
          ps.setString(5, position);
          ps.setTimestamp(6, Timestamp.valueOf(created));
          ps.executeUpdate();
          try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            id = keys.getLong(1);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO active_bookings(slot_id, interview_id, slot_start) VALUES (?, ?, ?)")) {
          ps.setLong(1, slotId);
          ps.setLong(2, id);
          ps.setTimestamp(3, slotStart);
          ps.executeUpdate();
        } catch (SQLException e) {
          if (DUPLICATE_KEY_SQLSTATE.equals(e.getSQLState())) {
            c.rollback();
            throw new SlotTakenException();
          }
          throw e;
        }
        c.commit();
        return new InterviewRow(id, slotId, name, email, position, "scheduled", "pending", created);
      } catch (SQLException e) {
        safeRollback(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** The interview if the user booked it, else null. */
  public InterviewRow interview(long userId, long id) throws SQLException {
    try (Connection c = ds.getConnection();
       PreparedStatement ps = c.prepareStatement(
           "SELECT id, slot_id, candidate_name, candidate_email, position, status, notification_status, created_at"
               + " FROM interviews WHERE id = ? AND recruiter_id = ?")) {
      ps.setLong(1, id);
      ps.setLong(2, userId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new InterviewRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getTimestamp(8).toLocalDateTime());
      }
    }
  }

  /** Cancels a scheduled interview of the user and frees its slot; false if there is none to cancel. */
  public boolean cancel(long userId, long id) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int updated;
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE interviews SET status = 'cancelled' WHERE id = ? AND recruiter_id = ? AND status = 'scheduled'")) {
          ps.setLong(1, id);
          ps.setLong(2, userId);
          updated = ps.executeUpdate();
        }
        if (updated == 0) {
          c.rollback();
          return false;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM active_bookings WHERE interview_id = ?")) {
          ps.setLong(1, id);
          ps.executeUpdate();
        }
        c.commit();
        return true;
      } catch (SQLException e) {
        safeRollback(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * Holds one pooled connection for {@code ms}, as a slow query does: on PostgreSQL it runs
   * {@code SELECT pg_sleep(seconds)} on it (so {@code pg_stat_activity} shows it active), on other
   * databases it holds it and sleeps. An interrupt ends the sleep early and is kept.
   */
  public void slowQuery(long ms) throws SQLException {
    try (Connection c = ds.getConnection()) {
      if (postgres) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_sleep(?)")) {
          ps.setDouble(1, ms / 1000.0);
          ps.executeQuery().close();
        }
      } else {
        try {
          Thread.sleep(ms);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** The notification worker's update. */
  void markNotificationSent(long interviewId) throws SQLException {
    try (Connection c = ds.getConnection();
       PreparedStatement ps = c.prepareStatement(
           "UPDATE interviews SET notification_status = 'sent' WHERE id = ? AND notification_status = 'pending'")) {
      ps.setLong(1, interviewId);
      ps.executeUpdate();
    }
  }

  /** Scheduled interviews of a slot, for tests. */
  long scheduledInterviews(long slotId) throws SQLException {
    return count("SELECT COUNT(*) FROM interviews WHERE slot_id = ? AND status = 'scheduled'", slotId);
  }

  /** Active bookings of a slot (0 or 1), for tests. */
  long activeBookings(long slotId) throws SQLException {
    return count("SELECT COUNT(*) FROM active_bookings WHERE slot_id = ?", slotId);
  }

  private long count(String sql, long arg) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public LocalDateTime now() {
    return LocalDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  private static void safeRollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The connection is broken; Hikari evicts it.
    }
  }

  @Override
  public void close() {
    boolean inMemoryH2 = ds.getJdbcUrl().startsWith("jdbc:h2:mem:");
    // A target that joined a shared database leaves it to the others (its owner shuts it down).
    if (owner && inMemoryH2 && !ds.isClosed()) {
      try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
        st.execute("SHUTDOWN");
      } catch (SQLException ignored) {
        // Already gone.
      }
    }
    ds.close();
  }
}
