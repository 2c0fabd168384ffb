package interviews.loadtest.reference;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference target as N instances behind one balancer on one shared database, the way a web
 * tier of N VMs behind a load balancer shares one PostgreSQL: the first instance creates and seeds
 * the database ({@code database.create = true}), the others join it ({@code false}), and a
 * {@link RoundRobinBalancer} on 127.0.0.1 spreads connections over them. Each instance has its own
 * request handlers, pool of {@code database.pool-size} connections and notification workers.
 *
 * <pre>{@code
 * try (ReferenceCluster cluster = ReferenceCluster.start(config, 2)) {
 *   String url = cluster.baseUrl(); // the balancer
 * }
 * }</pre>
 */
public final class ReferenceCluster implements AutoCloseable {

  private static final AtomicInteger CLUSTERS = new AtomicInteger();

  private final List<ReferenceTarget> instances;
  private final RoundRobinBalancer balancer;

  private ReferenceCluster(List<ReferenceTarget> instances, RoundRobinBalancer balancer) {
    this.instances = instances;
    this.balancer = balancer;
  }

  /**
   * Starts {@code count} instances of the {@code reference-target} block {@code config} on one
   * shared database and a balancer in front. Without {@code database.jdbc-url} the database is a
   * named in-memory H2 database of this JVM that every instance opens.
   */
  public static ReferenceCluster start(Config config, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a cluster needs at least one instance, not " + count);
    }
    String url = config.hasPath("database.jdbc-url") ? config.getString("database.jdbc-url") : "";
    if (url.isEmpty()) {
      url = "jdbc:h2:mem:reference-cluster-" + ProcessHandle.current().pid() + "-" + CLUSTERS.incrementAndGet()
          + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }
    Config shared = config.withValue("database.jdbc-url", ConfigValueFactory.fromAnyRef(url))
        .withValue("port", ConfigValueFactory.fromAnyRef(0));
    List<ReferenceTarget> started = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        started.add(ReferenceTarget.start(shared.withValue("database.create", ConfigValueFactory.fromAnyRef(i == 0))));
      }
      return new ReferenceCluster(List.copyOf(started),
          new RoundRobinBalancer(started.stream().map(ReferenceTarget::port).toList()));
    } catch (IOException e) {
      closeAll(started);
      throw new UncheckedIOException("cannot start the cluster's balancer", e);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  /** The balancer's URL, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return balancer.baseUrl();
  }

  /** The instances, the first the database's owner. */
  public List<ReferenceTarget> instances() {
    return instances;
  }

  /** Stops the balancer, then the instances, the owner of the database last. */
  @Override
  public void close() {
    balancer.close();
    closeAll(instances);
  }

  private static void closeAll(List<ReferenceTarget> targets) {
    for (int i = targets.size() - 1; i >= 0; i--) {
      targets.get(i).close();
    }
  }
}
