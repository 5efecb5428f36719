package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.rings.SharedIdentifier;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphEdge;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;

/**
 * Writes {@link Transaction}s into the graph, idempotently on the transaction id, one JanusGraph
 * transaction per {@link #write} call (callers pass batches of about 100: every lookup inside a
 * JanusGraph transaction also scans what it has added, so small batches are faster; see
 * MEASURED.md).
 *
 * <p>Per transaction it gets or creates the account, device, IP, merchant and identity-document
 * vertices (by label and unique key, through a bounded cache of vertex ids filled only after a
 * commit), keeps one {@code uses}, {@code connects_from} and {@code has_identity} edge per pair
 * (updating {@code firstSeen}, {@code lastSeen} and {@code count}), and adds one edge carrying the
 * transaction id: {@code transfers} to the counterparty when there is one, else {@code pays} to the
 * merchant. A payment without merchant and counterparty (the API channel, for example) pays the
 * pseudo-merchant {@code channel:<CHANNEL>} ({@link Schema#pseudoMerchant}), so every transaction
 * is stored exactly once as an edge. A transfer that also names a merchant is stored as the
 * transfer only. The edge carries the card ({@code cardId}) and the producer's fraud label ({@code
 * fraudLabel}) when they were sent, so that the ring projection can be rebuilt from the graph (ADR
 * 0011).
 *
 * <p><b>Single writer.</b> Transactions are started with {@code consistencyChecks(false)} and the
 * unique id indexes are not locked: get-or-create is only safe while one writer owns the key range.
 * {@link #write} is synchronized so that one instance is that writer within a process; run at most
 * one {@link TransactionWriter} per graph (or per account partition) across processes. The
 * transaction-id check looks at the account's own {@code pays}/{@code transfers} edges (through the
 * vertex-centric {@code txId} indexes), so idempotency holds for replays of the same event.
 */
public final class TransactionWriter {

  /** Default number of vertex ids the writer remembers. */
  public static final int DEFAULT_CACHE_SIZE = 200_000;

  /**
   * What one {@link #write} call did.
   *
   * @param written transactions stored
   * @param duplicates transactions skipped because their id was in the graph or earlier in the
   *     batch
   */
  public record WriteResult(int written, int duplicates) {}

  /**
   * A {@code uses} or {@code connects_from} edge that a committed batch added: the account was not
   * linked to the device or IP before.
   *
   * @param edgeLabel {@link Schema#USES} or {@link Schema#CONNECTS_FROM}
   * @param account the account's {@code accountId}
   * @param identifier the device's {@code deviceId} or the IP's {@code address}
   */
  record AddedLink(String edgeLabel, String account, String identifier) {}

  /**
   * What one committed batch changed, for a cache of graph answers ({@link
   * JanusGraphFeatureLookup}): the batch as given (duplicates included) and the identifier links it
   * added, each once. Nothing else a batch writes changes a device's or IP's users or an account's
   * devices and IPs: the {@code pays}/{@code transfers} edges and new account, merchant and
   * identity vertices do not.
   */
  record Committed(List<Transaction> batch, List<AddedLink> added) {}

  /** Attempts per batch before a write failure is reported. */
  public static final int MAX_ATTEMPTS = GraphWrites.MAX_ATTEMPTS;

  private final JanusGraph graph;
  private final Map<String, Object> vertexIds;
  private final List<Consumer<List<Transaction>>> afterCommit = new CopyOnWriteArrayList<>();
  private final List<CommitListener<Committed>> commitListeners = new CopyOnWriteArrayList<>();

  TransactionWriter(JanusGraph graph) {
    this(graph, DEFAULT_CACHE_SIZE);
  }

  TransactionWriter(JanusGraph graph, int cacheSize) {
    this.graph = graph;
    this.vertexIds =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > cacheSize;
          }
        };
  }

  /**
   * Stores the batch in one JanusGraph transaction, committed before returning. A failed attempt is
   * rolled back and retried (up to {@value #MAX_ATTEMPTS} attempts, with backoff): storage
   * deadlocks and lock timeouts with concurrent readers are transient, and a retry is safe because
   * nothing of a rolled-back batch was stored and the write is idempotent.
   *
   * @throws IllegalStateException after rolling back the last attempt; nothing of the batch is
   *     stored then
   */
  public WriteResult write(List<Transaction> batch) {
    return write(batch, Map.of());
  }

  /**
   * Stores the batch in one JanusGraph transaction, committed before returning, with the decision
   * of each transaction that has one in {@code decisions} (keyed by transaction id) on its edge. A
   * duplicate keeps the decision it was stored with. Retried like {@link #write(List)}.
   *
   * @throws IllegalStateException after rolling back the last attempt; nothing of the batch is
   *     stored then
   */
  public WriteResult write(List<Transaction> batch, Map<TransactionId, StoredDecision> decisions) {
    return write(batch, decisions, t -> null);
  }

  /**
   * Like {@link #write(List, Map)}, and stores {@code events.apply(t)} (the event's canonical form,
   * ADR 0012) in the edge's {@code event} property when it is not null, so that the event can be
   * replayed from the graph as it arrived.
   */
  public synchronized WriteResult write(
      List<Transaction> batch,
      Map<TransactionId, StoredDecision> decisions,
      Function<Transaction, String> events) {
    if (batch.isEmpty()) {
      return new WriteResult(0, 0);
    }
    Attempt done = GraphWrites.withRetries(() -> attempt(batch, decisions, events));
    Committed committed = new Committed(batch, done.added());
    commitListeners.forEach(listener -> listener.committed(committed));
    afterCommit.forEach(listener -> listener.accept(batch));
    return done.result();
  }

  /** A successful attempt: what it stored and the identifier links it added. */
  private record Attempt(WriteResult result, List<AddedLink> added) {}

  private Attempt attempt(
      List<Transaction> batch,
      Map<TransactionId, StoredDecision> decisions,
      Function<Transaction, String> events) {
    JanusGraphTransaction tx = graph.buildTransaction().consistencyChecks(false).start();
    Batch work = new Batch(tx);
    Set<String> seen = new HashSet<>();
    int written = 0;
    int duplicates = 0;
    String current = null;
    boolean committing = false;
    try {
      for (Transaction transaction : batch) {
        current = transaction.id().value();
        if (!seen.add(current)
            || !work.store(transaction, decisions.get(transaction.id()), events)) {
          duplicates++;
        } else {
          written++;
        }
      }
      current = null;
      committing = true;
      commitListeners.forEach(CommitListener::beforeCommit);
      tx.commit();
    } catch (RuntimeException e) {
      GraphWrites.rollback(tx, e);
      if (committing) {
        commitListeners.forEach(CommitListener::commitFailed);
      }
      throw new IllegalStateException(
          "graph write of "
              + batch.size()
              + " transactions ("
              + batch.get(0).id()
              + " .. "
              + batch.get(batch.size() - 1).id()
              + ") rolled back"
              + (current == null ? " at commit" : ", failed at transaction " + current),
          e);
    }
    // Only now are the vertices durable: a rolled-back batch must not leave ids in the cache.
    work.resolved.forEach((key, vertex) -> vertexIds.put(key, vertex.id()));
    return new Attempt(new WriteResult(written, duplicates), List.copyOf(work.added));
  }

  /**
   * Calls {@code listener} with every batch right after its commit, on the writing thread and
   * inside the writer's lock, duplicates included: what a holder of not-yet-committed events needs
   * to forget them. A listener must be quick and must not throw.
   */
  public void afterCommit(Consumer<List<Transaction>> listener) {
    afterCommit.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Registers {@code listener} to be told, inside the writer's lock, right before every commit
   * ({@link CommitListener#beforeCommit}), after each successful one with what it changed, and
   * after a failed one: what a cache of graph answers needs to be updated in place rather than
   * forgotten, and to know when a graph read may straddle a commit.
   */
  void commitListener(CommitListener<Committed> listener) {
    commitListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /** Number of vertex ids currently cached; for tests and metrics. */
  public synchronized int cachedVertexIds() {
    return vertexIds.size();
  }

  /** The work of one JanusGraph transaction. */
  private final class Batch {
    private final JanusGraphTransaction tx;
    private final GraphTraversalSource g;
    private final Map<String, Vertex> resolved = new HashMap<>();
    private final Set<Object> created = new HashSet<>();
    private final Map<String, Edge> pairs = new HashMap<>();
    private final List<AddedLink> added = new ArrayList<>();

    Batch(JanusGraphTransaction tx) {
      this.tx = tx;
      this.g = tx.traversal();
    }

    /** Stores one transaction; false when its id is already on the account's edges. */
    boolean store(Transaction t, StoredDecision decision, Function<Transaction, String> events) {
      String txId = t.id().value();
      Vertex account = vertex(ACCOUNT, t.account().value());
      if (!created.contains(account.id()) && hasTransaction(account, txId)) {
        return false;
      }
      Date ts = Date.from(t.timestamp());
      if (t.device() != null && touchPair(account, USES, vertex(DEVICE, t.device().value()), ts)) {
        added.add(new AddedLink(USES, t.account().value(), t.device().value()));
      }
      if (t.ip() != null && touchPair(account, CONNECTS_FROM, vertex(IP, t.ip().value()), ts)) {
        added.add(new AddedLink(CONNECTS_FROM, t.account().value(), t.ip().value()));
      }
      for (SharedIdentifier document : SharedIdentifier.of(t.identity())) {
        touchPair(account, HAS_IDENTITY, identity(document), ts);
      }
      double amount = t.amount().doubleValue();
      String channel = t.channel().name();
      Vertex target =
          t.isTransfer()
              ? vertex(ACCOUNT, t.counterparty().value())
              : vertex(
                  MERCHANT,
                  t.merchant() != null ? t.merchant().value() : Schema.pseudoMerchant(channel));
      Edge edge =
          account.addEdge(
              t.isTransfer() ? TRANSFERS : PAYS,
              target,
              TX_ID,
              txId,
              AMOUNT,
              amount,
              CURRENCY,
              t.currency(),
              CHANNEL,
              channel,
              TS,
              ts);
      // What the ring projection needs to be rebuilt from the graph (ADR 0011).
      if (t.card() != null) {
        edge.property(CARD_ID, t.card().value());
      }
      if (t.fraudLabel() != null) {
        edge.property(FRAUD_LABEL, t.fraudLabel());
      }
      String event = events.apply(t);
      if (event != null) {
        edge.property(EVENT, event);
      }
      if (decision != null) {
        edge.property(OUTCOME, decision.outcome());
        edge.property(SCORE, decision.score());
        edge.property(DECISION, decision.detail());
        if (decision.ringRisk() > 0) {
          edge.property(RING_RISK, decision.ringRisk());
        }
      }
      return true;
    }

    private boolean hasTransaction(Vertex account, String txId) {
      // Served by the vertex-centric txId indexes on the account's own out-edges. JanusGraph's
      // vertex query rather than Gremlin: this runs once per transaction, and compiling a
      // traversal costs more than the index read.
      return ((JanusGraphVertex) account)
          .query()
          .direction(Direction.OUT)
          .labels(PAYS, TRANSFERS)
          .has(TX_ID, txId)
          .limit(1)
          .edges()
          .iterator()
          .hasNext();
    }

    /** Adds the pair's edge or updates it; true when it added the edge. */
    private boolean touchPair(Vertex account, String edgeLabel, Vertex other, Date ts) {
      String pairKey = edgeLabel + '\u0000' + account.id() + '\u0000' + other.id();
      Edge edge = pairs.get(pairKey);
      if (edge == null && !(created.contains(account.id()) && created.contains(other.id()))) {
        // Only a pair with an existing end can have an edge from an earlier batch.
        // An adjacency query on the account's edges of this label (the other end is in the key).
        Iterator<JanusGraphEdge> found =
            ((JanusGraphVertex) account)
                .query()
                .direction(Direction.OUT)
                .labels(edgeLabel)
                .adjacent(other)
                .limit(1)
                .edges()
                .iterator();
        edge = found.hasNext() ? found.next() : null;
      }
      if (edge == null) {
        pairs.put(
            pairKey, account.addEdge(edgeLabel, other, FIRST_SEEN, ts, LAST_SEEN, ts, COUNT, 1L));
        return true;
      }
      pairs.put(pairKey, edge);
      edge.property(COUNT, edge.<Long>value(COUNT) + 1);
      if (ts.before(edge.value(FIRST_SEEN))) {
        edge.property(FIRST_SEEN, ts);
      }
      if (ts.after(edge.value(LAST_SEEN))) {
        edge.property(LAST_SEEN, ts);
      }
      return false;
    }

    /** Gets or creates the identity document's vertex, with its kind (ADR 0015). */
    private Vertex identity(SharedIdentifier document) {
      Vertex vertex = vertex(IDENTITY, document.toString());
      if (created.contains(vertex.id()) && !vertex.property(KIND).isPresent()) {
        vertex.property(KIND, document.kind().name());
      }
      return vertex;
    }

    /** Gets or creates the vertex with {@code label} and unique id {@code value}. */
    private Vertex vertex(String label, String value) {
      String key = label + '\u0000' + value;
      Vertex vertex = resolved.get(key);
      if (vertex != null) {
        return vertex;
      }
      Object cachedId = vertexIds.get(key);
      if (cachedId != null) {
        vertex = tx.getVertex(cachedId);
      }
      if (vertex == null) {
        vertex = g.V().has(label, Schema.idKey(label), value).tryNext().orElse(null);
      }
      if (vertex == null) {
        vertex = tx.addVertex(T.label, label, Schema.idKey(label), value);
        created.add(vertex.id());
      }
      resolved.put(key, vertex);
      return vertex;
    }
  }
}
