package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.rings.SharedIdentifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphException;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.RelationType;
import org.janusgraph.diskstorage.BackendException;
import org.janusgraph.diskstorage.Entry;
import org.janusgraph.diskstorage.EntryList;
import org.janusgraph.diskstorage.StaticBuffer;
import org.janusgraph.diskstorage.configuration.Configuration;
import org.janusgraph.diskstorage.keycolumnvalue.SliceQuery;
import org.janusgraph.diskstorage.keycolumnvalue.scan.ScanJob;
import org.janusgraph.diskstorage.keycolumnvalue.scan.ScanMetrics;
import org.janusgraph.graphdb.database.EdgeSerializer;
import org.janusgraph.graphdb.database.StandardJanusGraph;
import org.janusgraph.graphdb.idmanagement.IDManager;
import org.janusgraph.graphdb.internal.RelationCategory;
import org.janusgraph.graphdb.relations.RelationCache;
import org.janusgraph.graphdb.transaction.StandardJanusGraphTx;

/**
 * One parallel, sequential scan of JanusGraph's edge store that decodes, per vertex, only its id
 * key and (for accounts) the out-edges the ring projection is built from: JanusGraph's {@code
 * StandardScanner} (the machinery of its own re-index jobs) running a {@link ScanJob} over each
 * vertex's serialized row, decoded with the graph's {@link EdgeSerializer}.
 *
 * <p>Why not a traversal: {@code g.V().hasLabel(account)} visits every vertex with a point read for
 * its label, another for its properties and one for its edges, and reading an edge's far end
 * ({@code e.inVertex().value(deviceId)}) is one more random read per edge; on a graph of 1M
 * accounts (2.3M vertices) that is millions of B-tree descents and vertex objects. Not a {@code
 * VertexScanJob} either: it builds a vertex and plans a vertex-centric query per vertex, which cost
 * more than the reads. This scan walks the store once in key order, on several threads, and joins
 * an edge to its far end in memory by vertex id: the far end's id is part of the stored edge, its
 * name is read when the scan passes that vertex.
 *
 * <p>Cost: O(V + R) sequential reads for V vertices and R stored relations, decoding in full only
 * the account out-edges of the five labels; O(V) memory for the id-to-name map and O(A + E) for the
 * account rows until they are folded. Only for stores that support scans ({@link #supported});
 * BerkeleyJE, {@code inmemory} and CQL do.
 */
final class ProjectionScan {

  /** One out-edge of an account as stored: its label, far end and the properties folded in. */
  record EdgeRow(
      String label,
      Object other,
      Instant firstSeen,
      Instant lastSeen,
      String txId,
      Instant ts,
      boolean fraudLabel,
      String card,
      Double amount,
      double ringRisk) {}

  /** One account vertex: its id and its out-edges in the store's order. */
  record AccountRow(AccountId account, List<EdgeRow> edges) {}

  /**
   * What the scan read.
   *
   * @param accounts account vertices, sorted by account id so that folding them is deterministic
   * @param names the account id or shared identifier of every account, device, IP and identity
   *     vertex, by vertex id
   * @param ringVertices ids of the {@code ring} vertices
   */
  record Result(List<AccountRow> accounts, Map<Object, Object> names, List<Object> ringVertices) {}

  private ProjectionScan() {}

  /** Whether the graph's store can be scanned (every embedded backend we use can). */
  static boolean supported(JanusGraph graph) {
    return graph instanceof StandardJanusGraph standard
        && standard.getBackend().getStoreFeatures().hasScan();
  }

  /**
   * Scans the whole edge store on {@code threads} threads and returns what it read.
   *
   * @throws JanusGraphException when the scan fails or a vertex could not be processed
   */
  static Result run(JanusGraph graph, int threads) {
    Collector collector = new Collector();
    ScanMetrics metrics;
    try {
      metrics =
          ((StandardJanusGraph) graph)
              .getBackend()
              .buildEdgeScanJob()
              .setNumProcessingThreads(threads)
              .setWorkBlockSize(10_000)
              .setJob(new Job((StandardJanusGraph) graph, Types.of(graph), collector))
              .execute()
              .get();
    } catch (BackendException | ExecutionException e) {
      throw new JanusGraphException("scanning the graph for the ring projection failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JanusGraphException("interrupted while scanning the graph", e);
    }
    long failures = metrics.get(ScanMetrics.Metric.FAILURE);
    if (failures > 0) {
      throw new JanusGraphException(
          "scanning the graph for the ring projection failed on " + failures + " vertices");
    }
    List<AccountRow> accounts = new ArrayList<>(collector.accounts);
    accounts.sort(Comparator.comparing(AccountRow::account));
    return new Result(accounts, collector.names, List.copyOf(collector.rings));
  }

  /** What the scan's worker threads share. */
  private static final class Collector {
    final Queue<AccountRow> accounts = new ConcurrentLinkedQueue<>();
    final Map<Object, Object> names = new ConcurrentHashMap<>();
    final Queue<Object> rings = new ConcurrentLinkedQueue<>();
  }

  /** The schema ids of the keys and labels the scan reads, resolved once before it starts. */
  private record Types(
      long accountId,
      long deviceId,
      long address,
      long identityId,
      long ringId,
      long uses,
      long connectsFrom,
      long hasIdentity,
      long pays,
      long transfers,
      long firstSeen,
      long lastSeen,
      long txId,
      long ts,
      long fraudLabel,
      long cardId,
      long amount,
      long ringRisk) {

    static Types of(JanusGraph graph) {
      JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
      try {
        return new Types(
            id(tx, ACCOUNT_ID),
            id(tx, DEVICE_ID),
            id(tx, ADDRESS),
            id(tx, IDENTITY_ID),
            id(tx, RING_ID),
            id(tx, USES),
            id(tx, CONNECTS_FROM),
            id(tx, HAS_IDENTITY),
            id(tx, PAYS),
            id(tx, TRANSFERS),
            id(tx, FIRST_SEEN),
            id(tx, LAST_SEEN),
            id(tx, TX_ID),
            id(tx, TS),
            id(tx, FRAUD_LABEL),
            id(tx, CARD_ID),
            id(tx, AMOUNT),
            id(tx, RING_RISK));
      } finally {
        tx.rollback();
      }
    }

    private static long id(JanusGraphTransaction tx, String name) {
      RelationType type = tx.getRelationType(name);
      if (type == null) {
        throw new IllegalStateException("the schema has no " + name);
      }
      return ((Number) type.id()).longValue();
    }

    boolean isAccountEdge(long type) {
      return type == uses
          || type == connectsFrom
          || type == hasIdentity
          || type == pays
          || type == transfers;
    }

    String label(long type) {
      if (type == uses) {
        return USES;
      }
      if (type == connectsFrom) {
        return CONNECTS_FROM;
      }
      if (type == hasIdentity) {
        return HAS_IDENTITY;
      }
      return type == pays ? PAYS : TRANSFERS;
    }
  }

  /**
   * The per-row work, on JanusGraph's serialized relations directly: each stored entry of a vertex
   * is decoded with the graph's own {@link EdgeSerializer} against a read-only transaction (for the
   * schema only), and only the entries of the keys and labels above are decoded with their
   * properties. No vertex or edge objects and no per-vertex query planning. Cloned per worker
   * thread; all clones feed one {@link Collector}.
   */
  private static final class Job implements ScanJob {
    private final StandardJanusGraph graph;
    private final Types types;
    private final Collector collector;
    private final SliceQuery allRelations;
    private StandardJanusGraphTx tx;

    Job(StandardJanusGraph graph, Types types, Collector collector) {
      this.graph = graph;
      this.types = types;
      this.collector = collector;
      // Every user relation of a vertex in one slice (a vertex's whole row but JanusGraph's own
      // system relations): one store cursor, where several slices would need several cursors kept
      // aligned (JanusGraph 1.1 stalls on BerkeleyJE when one of them is sparse).
      this.allRelations = graph.getEdgeSerializer().getQuery(RelationCategory.RELATION, false);
    }

    @Override
    public void workerIterationStart(
        Configuration jobConfiguration, Configuration graphConfiguration, ScanMetrics metrics) {
      tx = (StandardJanusGraphTx) graph.buildTransaction().readOnly().start();
    }

    @Override
    public void workerIterationEnd(ScanMetrics metrics) {
      if (tx != null) {
        tx.rollback();
        tx = null;
      }
    }

    @Override
    public List<SliceQuery> getQueries() {
      return List.of(allRelations);
    }

    @Override
    public Predicate<StaticBuffer> getKeyFilter() {
      IDManager ids = graph.getIDManager();
      return key -> ids.isUserVertexId(ids.getKeyID(key));
    }

    @Override
    public void process(StaticBuffer key, Map<SliceQuery, EntryList> rows, ScanMetrics metrics) {
      EntryList entries = rows.get(allRelations);
      if (entries == null || entries.isEmpty()) {
        return;
      }
      EdgeSerializer serializer = graph.getEdgeSerializer();
      Object vertex = graph.getIDManager().getKeyID(key);
      String accountId = null;
      List<RelationCache> edges = null;
      for (Entry entry : entries) {
        RelationCache header = serializer.parseRelation(entry, true, tx);
        long type = header.typeId;
        if (type == types.accountId) {
          accountId = (String) header.getValue();
        } else if (type == types.deviceId) {
          collector.names.put(vertex, SharedIdentifier.device((String) header.getValue()));
        } else if (type == types.address) {
          collector.names.put(vertex, SharedIdentifier.ip((String) header.getValue()));
        } else if (type == types.identityId) {
          collector.names.put(vertex, SharedIdentifier.parse((String) header.getValue()));
        } else if (type == types.ringId) {
          collector.rings.add(vertex);
        } else if (header.direction == Direction.OUT && types.isAccountEdge(type)) {
          if (edges == null) {
            edges = new ArrayList<>();
          }
          edges.add(serializer.parseRelation(entry, false, tx));
        }
      }
      if (accountId == null) {
        return;
      }
      AccountId account = AccountId.of(accountId);
      collector.names.put(vertex, account);
      List<EdgeRow> rowsOut = new ArrayList<>(edges == null ? 0 : edges.size());
      if (edges != null) {
        for (RelationCache e : edges) {
          rowsOut.add(
              new EdgeRow(
                  types.label(e.typeId),
                  e.getOtherVertexId(),
                  instant(e.get(types.firstSeen)),
                  instant(e.get(types.lastSeen)),
                  e.get(types.txId),
                  instant(e.get(types.ts)),
                  Boolean.TRUE.equals(e.get(types.fraudLabel)),
                  e.get(types.cardId),
                  e.get(types.amount),
                  e.get(types.ringRisk) instanceof Double risk ? risk : 0));
        }
      }
      collector.accounts.add(new AccountRow(account, rowsOut));
    }

    private static Instant instant(Object date) {
      return date == null ? null : ((Date) date).toInstant();
    }

    @Override
    public Job clone() {
      return new Job(graph, types, collector);
    }
  }
}
