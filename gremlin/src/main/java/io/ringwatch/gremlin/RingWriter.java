package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.rings.Membership;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingChange;
import io.ringwatch.detectors.rings.RingId;
import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import io.ringwatch.gremlin.dsl.__;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;

/**
 * Persists ring snapshots: one {@code ring} vertex per ring id ({@code ringId}, {@code kind},
 * {@code score}, {@code status}, {@code firstSeen}, {@code lastChanged}) and one {@code member_of}
 * edge per account and ring, carrying {@code since}, {@code role} and {@code status}: {@code
 * current} for a member, {@code former} with {@code until} for a member who left. Writing the same
 * snapshot twice changes nothing (upsert by ring id and member), so a failed attempt is retried
 * like the {@link TransactionWriter}'s batches. Lifecycle events are appended as {@code ring_event}
 * vertices ({@code eventType}, {@code ts}, {@code score}, {@code count} of members, {@code
 * related}, {@code added}, {@code removed}) linked from the ring by {@code lifecycle} edges.
 *
 * <p><b>Single writer.</b> Ring writes take the same monitor as the transaction writer, so the
 * graph keeps one writer at a time: the transaction writer's get-or-create of account vertices runs
 * without locks, and two concurrent BerkeleyJE writers can deadlock each other. Cost: one index
 * lookup per ring and per new member, plus the ring's {@code member_of} edges.
 */
public final class RingWriter {

  private final JanusGraph graph;
  private final Object writeLock;
  private final List<CommitListener<Committed>> commitListeners = new CopyOnWriteArrayList<>();

  /**
   * What one committed ring write changed, for a cache of graph answers ({@link
   * JanusGraphFeatureLookup}): the {@code ringScore()} after the write (empty: in no active ring)
   * of every account linked to a written ring by a {@code member_of} edge (the snapshot's members
   * and former members and any earlier member the snapshot left out), read in the write's own
   * transaction, so it counts the account's other rings too. No other account's score changed.
   */
  record Committed(Map<String, Optional<Double>> ringScores) {}

  RingWriter(JanusGraph graph, Object writeLock) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.writeLock = Objects.requireNonNull(writeLock, "writeLock");
  }

  /**
   * Stores the rings' current state in one JanusGraph transaction, committed before returning.
   * Retried up to {@value TransactionWriter#MAX_ATTEMPTS} attempts with backoff.
   *
   * @throws IllegalStateException after rolling back the last attempt; nothing is stored then
   */
  public void write(Collection<Ring> rings) {
    write(rings, List.of());
  }

  /**
   * Stores the rings' current state and their lifecycle events ({@code ring_event} vertices linked
   * by {@code lifecycle} edges) in one JanusGraph transaction, committed before returning, so that
   * a ring and its history never disagree. Every event's ring must be among {@code rings}. Retried
   * like {@link #write(Collection)}; the whole transaction rolls back on failure, so a retry never
   * stores an event twice.
   *
   * @throws IllegalStateException after rolling back the last attempt; nothing is stored then
   */
  public void write(Collection<Ring> rings, Collection<RingChange> events) {
    if (rings.isEmpty() && events.isEmpty()) {
      return;
    }
    List<Ring> snapshot = List.copyOf(rings);
    List<RingChange> changes = List.copyOf(events);
    synchronized (writeLock) {
      // Listeners are told inside the lock, so that two writes' reports never arrive reordered.
      Committed committed = GraphWrites.withRetries(() -> attempt(snapshot, changes));
      commitListeners.forEach(listener -> listener.committed(committed));
    }
  }

  /**
   * Registers {@code listener} to be told, inside the writers' lock, around every commit of a ring
   * write ({@link CommitListener}), with the ring scores it changed ({@link Committed}): the
   * per-event feature lookup ({@link JanusGraphFeatureLookup}) updates its cached scores with them.
   */
  void commitListener(CommitListener<Committed> listener) {
    commitListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private Committed attempt(List<Ring> rings, List<RingChange> events) {
    JanusGraphTransaction tx = graph.buildTransaction().consistencyChecks(false).start();
    String current = null;
    boolean committing = false;
    try {
      GraphTraversalSource g = tx.traversal();
      Map<String, Vertex> vertices = new HashMap<>();
      Map<String, Vertex> touched = new HashMap<>();
      for (Ring ring : rings) {
        current = ring.id().value();
        vertices.put(current, store(tx, g, ring, touched));
      }
      for (RingChange event : events) {
        current = event.ring().value();
        Vertex ring = vertices.get(current);
        if (ring == null) {
          throw new IllegalArgumentException("event of ring " + current + " without its ring");
        }
        ring.addEdge(LIFECYCLE, event(tx, event));
      }
      current = null;
      // Only a caching lookup listens; without one (the default in-memory features, CQL) the
      // scores would be read for nobody.
      Committed committed =
          new Committed(commitListeners.isEmpty() ? Map.of() : ringScores(tx, touched));
      committing = true;
      commitListeners.forEach(CommitListener::beforeCommit);
      tx.commit();
      return committed;
    } catch (RuntimeException e) {
      GraphWrites.rollback(tx, e);
      if (committing) {
        commitListeners.forEach(CommitListener::commitFailed);
      }
      throw new IllegalStateException(
          "ring write of "
              + rings.size()
              + " rings rolled back"
              + (current == null ? " at commit" : ", failed at ring " + current),
          e);
    }
  }

  private static Vertex event(JanusGraphTransaction tx, RingChange e) {
    return tx.addVertex(
        T.label,
        RING_EVENT,
        EVENT_TYPE,
        e.type().name(),
        TS,
        Date.from(e.at()),
        SCORE,
        e.score(),
        COUNT,
        (long) e.members(),
        RELATED,
        lines(e.related().stream().map(RingId::value)),
        ADDED,
        lines(e.added().stream().map(AccountId::value)),
        REMOVED,
        lines(e.removed().stream().map(AccountId::value)));
  }

  private static String lines(Stream<String> ids) {
    return ids.collect(Collectors.joining("\n"));
  }

  /**
   * The {@code ringScore()} of each touched account as this transaction leaves it (its own writes
   * included): one traversal from the account vertices already in the transaction, so no index
   * lookup; one adjacency read per account plus its rings' properties.
   */
  private static Map<String, Optional<Double>> ringScores(
      JanusGraphTransaction tx, Map<String, Vertex> touched) {
    Map<String, Optional<Double>> scores = new HashMap<>();
    if (touched.isEmpty()) {
      return scores;
    }
    touched.keySet().forEach(account -> scores.put(account, Optional.empty()));
    tx.traversal(FraudTraversalSource.class)
        .V(touched.values().toArray())
        .hasLabel(ACCOUNT)
        .project(ACCOUNT, RING)
        .by(ACCOUNT_ID)
        .by(__.ringScore().fold())
        .forEachRemaining(
            row -> {
              List<?> score = (List<?>) row.get(RING);
              if (!score.isEmpty()) {
                scores.put(
                    (String) row.get(ACCOUNT), Optional.of(((Number) score.get(0)).doubleValue()));
              }
            });
    return scores;
  }

  /** Upserts the ring and its memberships; adds every account linked to it to {@code touched}. */
  private static Vertex store(
      JanusGraphTransaction tx, GraphTraversalSource g, Ring ring, Map<String, Vertex> touched) {
    String ringId = ring.id().value();
    Vertex vertex =
        g.V()
            .has(RING, RING_ID, ringId)
            .tryNext()
            .orElseGet(() -> tx.addVertex(T.label, RING, RING_ID, ringId));
    vertex.property(KIND, ring.kind().name());
    vertex.property(SCORE, ring.score());
    vertex.property(STATUS, ring.status().name());
    vertex.property(FIRST_SEEN, Date.from(ring.firstSeen()));
    vertex.property(LAST_CHANGED, Date.from(ring.lastChanged()));
    Map<String, Edge> existing = new HashMap<>();
    Iterator<Edge> edges = vertex.edges(Direction.IN, MEMBER_OF);
    while (edges.hasNext()) {
      Edge edge = edges.next();
      Vertex account = edge.outVertex();
      String accountId = account.value(ACCOUNT_ID);
      existing.put(accountId, edge);
      touched.put(accountId, account);
    }
    List<Membership> all = new ArrayList<>(ring.former());
    all.addAll(ring.members());
    for (Membership m : all) {
      String accountId = m.account().value();
      Edge edge = existing.get(accountId);
      if (edge == null) {
        Vertex account = account(tx, g, accountId);
        edge = account.addEdge(MEMBER_OF, vertex);
        existing.put(accountId, edge);
        touched.put(accountId, account);
      }
      edge.property(SINCE, Date.from(m.since()));
      edge.property(ROLE, m.role().name());
      if (m.isCurrent()) {
        edge.property(STATUS, MEMBER_CURRENT);
        if (edge.property(UNTIL).isPresent()) {
          edge.property(UNTIL).remove();
        }
      } else {
        edge.property(STATUS, MEMBER_FORMER);
        edge.property(UNTIL, Date.from(m.until()));
      }
    }
    return vertex;
  }

  private static Vertex account(JanusGraphTransaction tx, GraphTraversalSource g, String id) {
    // Members come from the projection, which only holds accounts the graph already stores; the
    // fallback keeps a membership even if that ever stops being true (safe under the write lock).
    return g.V()
        .has(ACCOUNT, ACCOUNT_ID, id)
        .tryNext()
        .orElseGet(() -> tx.addVertex(T.label, ACCOUNT, ACCOUNT_ID, id));
  }
}
