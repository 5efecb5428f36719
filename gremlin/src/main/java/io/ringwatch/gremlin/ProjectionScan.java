package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.rings.SharedIdentifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphEdge;
import org.janusgraph.core.JanusGraphException;
import org.janusgraph.core.JanusGraphVertex;
import org.janusgraph.core.JanusGraphVertexProperty;
import org.janusgraph.diskstorage.BackendException;
import org.janusgraph.diskstorage.configuration.Configuration;
import org.janusgraph.diskstorage.keycolumnvalue.scan.ScanMetrics;
import org.janusgraph.graphdb.database.StandardJanusGraph;
import org.janusgraph.graphdb.olap.QueryContainer;
import org.janusgraph.graphdb.olap.VertexJobConverter;
import org.janusgraph.graphdb.olap.VertexScanJob;

/**
 * One parallel sequential scan of JanusGraph's edge store that reads, per vertex, only its id key
 * and (for accounts) the out-edges the ring projection is built from: JanusGraph's {@code
 * StandardScanner} running a {@link VertexScanJob}, the machinery of its own re-index jobs and of
 * its in-process OLAP computer.
 *
 * <p>Why not a traversal: {@code g.V().hasLabel(account)} visits every vertex with a point read for
 * its label, another for its properties and one for its edges, and reading an edge's far end
 * ({@code e.inVertex().value(deviceId)}) is one more random read per edge; on a graph of 1M
 * accounts (2.3M vertices) that is millions of B-tree descents. The scan instead walks the store
 * once in key order, on several threads, and joins an edge to its far end in memory by vertex id:
 * the far end's id is part of the stored edge, and the far end's name is read when the scan passes
 * that vertex.
 *
 * <p>Cost: O(V + E) sequential reads for V vertices and E out-edges of the scanned labels, plus
 * O(V) memory for the id-to-name map and O(A + E) for the account rows until they are folded. Only
 * for stores that support scans ({@link #supported}); BerkeleyJE, {@code inmemory} and CQL do.
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
      Double amount) {}

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

  private static final String[] NAME_KEYS = {ACCOUNT_ID, DEVICE_ID, ADDRESS, IDENTITY_ID, RING_ID};
  private static final String[] EDGE_LABELS = {USES, CONNECTS_FROM, HAS_IDENTITY, PAYS, TRANSFERS};

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
              .setJob(VertexJobConverter.convert(graph, new Job(collector)))
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
    if (metrics.getCustom(VertexJobConverter.TRUNCATED_ENTRY_LISTS) > 0) {
      // QueryContainer's hard limit (100,000 relations of one kind per vertex) was hit: the
      // projection would silently miss edges.
      throw new JanusGraphException(
          "an account has more out-edges than one scan reads; the ring projection cannot be built"
              + " by a scan");
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

  /** The per-vertex work; cloned per worker thread, all clones feed one {@link Collector}. */
  private static final class Job implements VertexScanJob {
    private final Collector collector;

    Job(Collector collector) {
      this.collector = collector;
    }

    @Override
    public void workerIterationStart(JanusGraph graph, Configuration config, ScanMetrics metrics) {}

    @Override
    public void getQueries(QueryContainer queries) {
      // One slice over all of a vertex's relations: JanusGraph 1.1 merges the rows of several
      // slices from separate store cursors and stalls when one slice is empty for many keys (each
      // vertex has only some of the labels); the whole row is never empty, so the cursors stay
      // aligned. The per-label reads below are answered from it.
      queries.addQuery().relations();
    }

    @Override
    public void process(JanusGraphVertex vertex, ScanMetrics metrics) {
      Iterator<JanusGraphVertexProperty> names =
          vertex.query().keys(NAME_KEYS).properties().iterator();
      if (!names.hasNext()) {
        return; // a merchant: nothing of it is in the projection
      }
      JanusGraphVertexProperty<?> name = names.next();
      Object id = vertex.id();
      String value = (String) name.value();
      switch (name.propertyKey().name()) {
        case ACCOUNT_ID -> {
          AccountId account = AccountId.of(value);
          collector.names.put(id, account);
          collector.accounts.add(new AccountRow(account, edges(vertex)));
        }
        case DEVICE_ID -> collector.names.put(id, SharedIdentifier.device(value));
        case ADDRESS -> collector.names.put(id, SharedIdentifier.ip(value));
        case IDENTITY_ID -> collector.names.put(id, SharedIdentifier.parse(value));
        case RING_ID -> collector.rings.add(id);
        default -> throw new IllegalStateException("unexpected key " + name.propertyKey());
      }
    }

    private static List<EdgeRow> edges(JanusGraphVertex vertex) {
      List<EdgeRow> rows = new ArrayList<>();
      for (JanusGraphEdge e : vertex.query().direction(Direction.OUT).labels(EDGE_LABELS).edges()) {
        rows.add(
            new EdgeRow(
                e.label(),
                e.vertex(Direction.IN).id(),
                instant(e, FIRST_SEEN),
                instant(e, LAST_SEEN),
                e.<String>property(TX_ID).orElse(null),
                instant(e, TS),
                e.<Boolean>property(FRAUD_LABEL).orElse(false),
                e.<String>property(CARD_ID).orElse(null),
                e.<Double>property(AMOUNT).orElse(null)));
      }
      return rows;
    }

    private static Instant instant(JanusGraphEdge e, String key) {
      return e.<Date>property(key).isPresent() ? e.<Date>value(key).toInstant() : null;
    }

    @Override
    public Job clone() {
      return new Job(collector);
    }
  }
}
