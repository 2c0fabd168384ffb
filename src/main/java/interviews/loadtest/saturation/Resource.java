package interviews.loadtest.saturation;

import java.util.List;

/**
 * A resource that can run out, in the scaling plan's words: its id (as in capacity.json and
 * scaling-plan.json) and its label (as in a sentence).
 *
 * @param id lower-case letters, digits and -, e.g. {@code cpu}, {@code db-connections}
 * @param label e.g. {@code CPU}, {@code database connections}
 */
public record Resource(String id, String label) {

  public static final Resource CPU = new Resource("cpu", "CPU");
  public static final Resource MEMORY = new Resource("memory", "memory");
  public static final Resource DB_CONNECTIONS = new Resource("db-connections", "database connections");
  public static final Resource DB_LOCKS = new Resource("db-locks", "database locks");
  public static final Resource WEB_WORKERS = new Resource("web-workers", "web workers");
  public static final Resource QUEUE = new Resource("queue", "background queue");

  /** The plan's own resources, in the order a tie at one load is broken (the shared ones first). */
  public static final List<Resource> KNOWN = List.of(DB_CONNECTIONS, DB_LOCKS, CPU, MEMORY, WEB_WORKERS, QUEUE);

  /** The id pattern a user's resource must match. */
  public static final String ID_PATTERN = "[a-z][a-z0-9-]{0,40}";

  /** The known resource of that id, or a user-named one labelled by its id. Example: {@code Resource.of("queue")}. */
  public static Resource of(String id) {
    for (Resource r : KNOWN) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    if (!id.matches(ID_PATTERN)) {
      throw new IllegalArgumentException("a resource is lower-case letters, digits and -, e.g. "
          + String.join(", ", KNOWN.stream().map(Resource::id).toList()));
    }
    return new Resource(id, id);
  }

  /** Whether the plan knows how this resource scales (false for one a user named). */
  public boolean known() {
    return KNOWN.contains(this);
  }

  /** Rank for breaking a tie at one load: the known ones in {@link #KNOWN} order, then the users'. */
  int rank() {
    int i = KNOWN.indexOf(this);
    return i < 0 ? KNOWN.size() : i;
  }
}
