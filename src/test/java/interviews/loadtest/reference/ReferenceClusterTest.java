package interviews.loadtest.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import interviews.loadtest.config.SettingError;
import interviews.loadtest.reference.TargetTestSupport.Client;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several instances behind one balancer on one shared database: connections go to the instances in
 * turn, and what one instance wrote (a token, a booking) the other reads.
 */
class ReferenceClusterTest {

  @Test
  void connectionsTakeTurnsAndTheInstancesShareOneDatabase() {
    try (ReferenceCluster cluster = ReferenceCluster.start(TargetTestSupport.config(Map.of()), 2)) {
      assertEquals(2, cluster.instances().size());
      assertTrue(cluster.baseUrl().startsWith("http://127.0.0.1:"), cluster.baseUrl());
      // The second instance answers every API request 500, so each answer says which instance served it.
      cluster.instances().get(1).knobs().errorRate(1.0);
      Client first = new Client(cluster.baseUrl());   // its connection: the first, to instance 0
      String token = first.login(0);
      Client second = new Client(cluster.baseUrl());  // the second connection, to instance 1
      assertEquals(500, second.get("/api/slots/?limit=1", token).status(), "the second connection reached instance 1");
      cluster.instances().get(1).knobs().errorRate(0);
      // Instance 1 accepts the token instance 0 issued, and sees the booking instance 0 made.
      long slot = second.get("/api/slots/?limit=1", token).json().get("results").get(0).get("id").asLong();
      TargetTestSupport.Reply booked = first.book(token, slot);
      assertEquals(201, booked.status(), booked.body());
      long id = booked.json().get("id").asLong();
      assertEquals(200, second.get("/api/interviews/" + id + "/", token).status());
      assertEquals(409, second.book(token, slot).status(), "one booking per slot across instances");
    }
  }

  @Test
  void joiningWithoutASharedDatabaseIsOneLine() {
    SettingError e = assertThrows(SettingError.class,
        () -> ReferenceTarget.start(TargetTestSupport.config(Map.of("database.create", false))));
    assertEquals("reference-target.database.create = 'false': joins a shared database, so database.jdbc-url must"
        + " name one (empty is a private in-memory database)", e.getMessage());
  }
}
