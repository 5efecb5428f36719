package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.tinkerpop.gremlin.process.traversal.Order;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.Cardinality;
import org.janusgraph.core.EdgeLabel;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.Multiplicity;
import org.janusgraph.core.PropertyKey;
import org.janusgraph.core.VertexLabel;
import org.janusgraph.core.schema.JanusGraphIndex;
import org.janusgraph.core.schema.JanusGraphManagement;
import org.janusgraph.core.schema.SchemaAction;
import org.janusgraph.core.schema.SchemaStatus;
import org.janusgraph.graphdb.database.StandardJanusGraph;
import org.janusgraph.graphdb.database.management.ManagementSystem;

/**
 * Creates the Ringwatch schema ({@link Schema}) through JanusGraph's management API: property keys,
 * vertex labels with their properties, edge labels with multiplicities, properties and connections,
 * then the indexes, all in one management transaction so that indexes over new keys are usable at
 * once. Idempotent: an element that exists is left alone, and a second call changes nothing.
 *
 * <p>The graph must be opened with {@code schema.default=none} and {@code schema.constraints=true}
 * (as {@link RingwatchGraph#open} does) so that the schema is enforced. Uniqueness of the id
 * indexes is not locked ({@code ConsistencyModifier.DEFAULT}): the writer gets-or-creates vertices
 * from a single thread, see {@link TransactionWriter}.
 */
public final class SchemaInstaller {

  private static final Duration INDEX_WAIT = Duration.ofSeconds(60);

  private SchemaInstaller() {}

  /**
   * Installs whatever part of the schema is missing and waits until every index is ENABLED.
   *
   * @return true when something was created, false when the schema was already complete
   * @throws IllegalStateException naming the failed step, after rolling the management transaction
   *     back
   */
  public static boolean install(JanusGraph graph) {
    JanusGraphManagement mgmt = graph.openManagement();
    List<String> created = new ArrayList<>();
    List<Long> altered = new ArrayList<>();
    String step = "property keys";
    try {
      defineKeys(mgmt, created);
      step = "vertex labels";
      defineVertexLabels(mgmt, created, altered);
      step = "edge labels";
      defineEdgeLabels(mgmt, created, altered);
      step = "indexes";
      defineIndexes(mgmt, created);
      step = "commit";
      if (created.isEmpty()) {
        mgmt.rollback();
      } else {
        mgmt.commit();
      }
    } catch (RuntimeException e) {
      rollbackQuietly(mgmt, e);
      throw new IllegalStateException(
          "JanusGraph schema installation failed in step '" + step + "' after creating " + created,
          e);
    }
    expireCachedSchema(graph, altered);
    awaitIndexesEnabled(graph);
    return !created.isEmpty();
  }

  /**
   * JanusGraph keeps the property mappings of a label it has already read in its schema cache and
   * does not refresh them when properties are added to the existing label (JanusGraph issue 1319):
   * without this, an upgraded graph would reject the new properties until the next restart.
   */
  private static void expireCachedSchema(JanusGraph graph, List<Long> altered) {
    if (altered.isEmpty() || !(graph instanceof StandardJanusGraph standard)) {
      return;
    }
    altered.forEach(id -> standard.getSchemaCache().expireSchemaElement(id));
  }

  private static void defineKeys(JanusGraphManagement mgmt, List<String> created) {
    key(mgmt, created, ACCOUNT_ID, String.class);
    key(mgmt, created, DEVICE_ID, String.class);
    key(mgmt, created, ADDRESS, String.class);
    key(mgmt, created, MERCHANT_ID, String.class);
    key(mgmt, created, RING_ID, String.class);
    key(mgmt, created, SCORE, Double.class);
    key(mgmt, created, STATUS, String.class);
    key(mgmt, created, FIRST_SEEN, Date.class);
    key(mgmt, created, LAST_CHANGED, Date.class);
    key(mgmt, created, LAST_SEEN, Date.class);
    key(mgmt, created, COUNT, Long.class);
    key(mgmt, created, TX_ID, String.class);
    key(mgmt, created, AMOUNT, Double.class);
    key(mgmt, created, CURRENCY, String.class);
    key(mgmt, created, CHANNEL, String.class);
    key(mgmt, created, TS, Date.class);
    key(mgmt, created, OUTCOME, String.class);
    key(mgmt, created, DECISION, String.class);
    key(mgmt, created, SINCE, Date.class);
    key(mgmt, created, ROLE, String.class);
    key(mgmt, created, KIND, String.class);
    key(mgmt, created, UNTIL, Date.class);
    key(mgmt, created, CARD_ID, String.class);
    key(mgmt, created, FRAUD_LABEL, Boolean.class);
    key(mgmt, created, IDENTITY_ID, String.class);
    key(mgmt, created, EVENT, String.class);
    key(mgmt, created, EVENT_TYPE, String.class);
    key(mgmt, created, RELATED, String.class);
    key(mgmt, created, ADDED, String.class);
    key(mgmt, created, REMOVED, String.class);
    key(mgmt, created, RING_RISK, Double.class);
  }

  private static void key(
      JanusGraphManagement mgmt, List<String> created, String name, Class<?> type) {
    if (!mgmt.containsPropertyKey(name)) {
      mgmt.makePropertyKey(name).dataType(type).cardinality(Cardinality.SINGLE).make();
      created.add("key " + name);
    }
  }

  private static void defineVertexLabels(
      JanusGraphManagement mgmt, List<String> created, List<Long> altered) {
    vertexLabel(mgmt, created, altered, ACCOUNT, ACCOUNT_ID);
    vertexLabel(mgmt, created, altered, DEVICE, DEVICE_ID);
    vertexLabel(mgmt, created, altered, IP, ADDRESS);
    vertexLabel(mgmt, created, altered, MERCHANT, MERCHANT_ID);
    vertexLabel(
        mgmt, created, altered, RING, RING_ID, KIND, SCORE, STATUS, FIRST_SEEN, LAST_CHANGED);
    vertexLabel(mgmt, created, altered, IDENTITY, IDENTITY_ID, KIND);
    vertexLabel(
        mgmt, created, altered, RING_EVENT, EVENT_TYPE, TS, SCORE, COUNT, RELATED, ADDED, REMOVED);
  }

  private static void vertexLabel(
      JanusGraphManagement mgmt,
      List<String> created,
      List<Long> altered,
      String name,
      String... keys) {
    if (!mgmt.containsVertexLabel(name)) {
      VertexLabel label = mgmt.makeVertexLabel(name).make();
      mgmt.addProperties(label, keys(mgmt, keys));
      created.add("vertex label " + name);
    } else {
      // A graph created by an older version: connect the properties added since (the ring's
      // kind), so that schema constraints accept them.
      VertexLabel label = mgmt.getVertexLabel(name);
      connectMissingProperties(
          mgmt,
          created,
          altered,
          name,
          label.id(),
          label.mappedProperties(),
          added -> mgmt.addProperties(label, added),
          keys);
    }
  }

  private static void defineEdgeLabels(
      JanusGraphManagement mgmt, List<String> created, List<Long> altered) {
    // One device/IP edge per account pair, its count and first/last seen updated in place.
    edgeLabel(
        mgmt,
        created,
        altered,
        USES,
        Multiplicity.SIMPLE,
        ACCOUNT,
        DEVICE,
        FIRST_SEEN,
        LAST_SEEN,
        COUNT);
    edgeLabel(
        mgmt,
        created,
        altered,
        CONNECTS_FROM,
        Multiplicity.SIMPLE,
        ACCOUNT,
        IP,
        FIRST_SEEN,
        LAST_SEEN,
        COUNT);
    // One edge per transaction.
    edgeLabel(
        mgmt,
        created,
        altered,
        PAYS,
        Multiplicity.MULTI,
        ACCOUNT,
        MERCHANT,
        TX_ID,
        AMOUNT,
        CURRENCY,
        CHANNEL,
        TS,
        OUTCOME,
        SCORE,
        DECISION,
        CARD_ID,
        FRAUD_LABEL,
        EVENT,
        RING_RISK);
    edgeLabel(
        mgmt,
        created,
        altered,
        TRANSFERS,
        Multiplicity.MULTI,
        ACCOUNT,
        ACCOUNT,
        TX_ID,
        AMOUNT,
        CURRENCY,
        CHANNEL,
        TS,
        OUTCOME,
        SCORE,
        DECISION,
        CARD_ID,
        FRAUD_LABEL,
        EVENT,
        RING_RISK);
    // One edge per account and identity document, like uses (ADR 0015).
    edgeLabel(
        mgmt,
        created,
        altered,
        HAS_IDENTITY,
        Multiplicity.SIMPLE,
        ACCOUNT,
        IDENTITY,
        FIRST_SEEN,
        LAST_SEEN,
        COUNT);
    // At most one membership edge per account and ring; a member who left keeps it as former.
    edgeLabel(
        mgmt,
        created,
        altered,
        MEMBER_OF,
        Multiplicity.SIMPLE,
        ACCOUNT,
        RING,
        SINCE,
        ROLE,
        STATUS,
        UNTIL);
    // One edge per lifecycle event of the ring (history, kept when the ring dissolves).
    edgeLabel(mgmt, created, altered, LIFECYCLE, Multiplicity.ONE2MANY, RING, RING_EVENT);
  }

  private static void edgeLabel(
      JanusGraphManagement mgmt,
      List<String> created,
      List<Long> altered,
      String name,
      Multiplicity multiplicity,
      String outLabel,
      String inLabel,
      String... keys) {
    if (!mgmt.containsEdgeLabel(name)) {
      EdgeLabel label = mgmt.makeEdgeLabel(name).multiplicity(multiplicity).make();
      mgmt.addProperties(label, keys(mgmt, keys));
      VertexLabel out = mgmt.getVertexLabel(outLabel);
      VertexLabel in = mgmt.getVertexLabel(inLabel);
      mgmt.addConnection(label, out, in);
      created.add("edge label " + name);
      // A new edge label on an older graph (has_identity): the cached account label must learn
      // its new connection, like a label that gains properties (JanusGraph issue 1319).
      altered.add(((Number) out.id()).longValue());
      altered.add(((Number) in.id()).longValue());
    } else {
      // A graph created by an older version: connect the properties added since (the scoring
      // decision on pays/transfers), so that schema constraints accept them.
      EdgeLabel label = mgmt.getEdgeLabel(name);
      connectMissingProperties(
          mgmt,
          created,
          altered,
          name,
          label.id(),
          label.mappedProperties(),
          added -> mgmt.addProperties(label, added),
          keys);
    }
  }

  private static void defineIndexes(JanusGraphManagement mgmt, List<String> created) {
    uniqueVertexIndex(mgmt, created, BY_ACCOUNT_ID, ACCOUNT, ACCOUNT_ID);
    uniqueVertexIndex(mgmt, created, BY_DEVICE_ID, DEVICE, DEVICE_ID);
    uniqueVertexIndex(mgmt, created, BY_ADDRESS, IP, ADDRESS);
    uniqueVertexIndex(mgmt, created, BY_MERCHANT_ID, MERCHANT, MERCHANT_ID);
    uniqueVertexIndex(mgmt, created, BY_RING_ID, RING, RING_ID);
    uniqueVertexIndex(mgmt, created, BY_IDENTITY_ID, IDENTITY, IDENTITY_ID);
    if (!mgmt.containsGraphIndex(EDGE_BY_TX_ID)) {
      // Serves GET /transactions/{id}: every pays/transfers edge carries a txId.
      mgmt.buildIndex(EDGE_BY_TX_ID, Edge.class)
          .addKey(mgmt.getPropertyKey(TX_ID))
          .buildCompositeIndex();
      created.add("index " + EDGE_BY_TX_ID);
    }
    edgeIndex(mgmt, created, PAYS, PAYS_BY_TS, Direction.BOTH, Order.desc, TS);
    edgeIndex(mgmt, created, PAYS, PAYS_BY_TX_ID, Direction.OUT, Order.asc, TX_ID);
    edgeIndex(mgmt, created, TRANSFERS, TRANSFERS_BY_TS, Direction.BOTH, Order.desc, TS);
    edgeIndex(mgmt, created, TRANSFERS, TRANSFERS_BY_TX_ID, Direction.OUT, Order.asc, TX_ID);
  }

  private static void uniqueVertexIndex(
      JanusGraphManagement mgmt, List<String> created, String name, String label, String key) {
    if (!mgmt.containsGraphIndex(name)) {
      mgmt.buildIndex(name, Vertex.class)
          .addKey(mgmt.getPropertyKey(key))
          .indexOnly(mgmt.getVertexLabel(label))
          .unique()
          .buildCompositeIndex();
      created.add("index " + name);
    }
  }

  private static void edgeIndex(
      JanusGraphManagement mgmt,
      List<String> created,
      String edgeLabel,
      String name,
      Direction direction,
      Order order,
      String key) {
    EdgeLabel label = mgmt.getEdgeLabel(edgeLabel);
    if (!mgmt.containsRelationIndex(label, name)) {
      mgmt.buildEdgeIndex(label, name, direction, order, mgmt.getPropertyKey(key));
      created.add("edge index " + name);
    }
  }

  private static PropertyKey[] keys(JanusGraphManagement mgmt, String... names) {
    PropertyKey[] keys = new PropertyKey[names.length];
    for (int i = 0; i < names.length; i++) {
      keys[i] = mgmt.getPropertyKey(names[i]);
    }
    return keys;
  }

  /**
   * Waits for every index to be ENABLED. Indexes created together with their keys are enabled at
   * once; one added later over existing keys starts INSTALLED and is registered and reindexed here.
   */
  private static void awaitIndexesEnabled(JanusGraph graph) {
    for (String name : Schema.GRAPH_INDEXES) {
      try {
        if (graphIndexStatus(graph, name) == SchemaStatus.INSTALLED) {
          updateGraphIndex(graph, name, SchemaAction.REGISTER_INDEX);
          ManagementSystem.awaitGraphIndexStatus(graph, name)
              .status(SchemaStatus.REGISTERED)
              .timeout(INDEX_WAIT.toMillis(), ChronoUnit.MILLIS)
              .call();
          updateGraphIndex(graph, name, SchemaAction.REINDEX);
        }
        var report =
            ManagementSystem.awaitGraphIndexStatus(graph, name)
                .status(SchemaStatus.ENABLED)
                .timeout(INDEX_WAIT.toMillis(), ChronoUnit.MILLIS)
                .call();
        if (!report.getSucceeded()) {
          throw new IllegalStateException(
              "index " + name + " not ENABLED within " + INDEX_WAIT + ": " + report);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for index " + name, e);
      }
    }
    relationIndexEnabled(graph, PAYS_BY_TS, PAYS);
    relationIndexEnabled(graph, PAYS_BY_TX_ID, PAYS);
    relationIndexEnabled(graph, TRANSFERS_BY_TS, TRANSFERS);
    relationIndexEnabled(graph, TRANSFERS_BY_TX_ID, TRANSFERS);
  }

  private static SchemaStatus graphIndexStatus(JanusGraph graph, String name) {
    JanusGraphManagement mgmt = graph.openManagement();
    try {
      JanusGraphIndex index = mgmt.getGraphIndex(name);
      return index.getIndexStatus(index.getFieldKeys()[0]);
    } finally {
      mgmt.rollback();
    }
  }

  private static void updateGraphIndex(JanusGraph graph, String name, SchemaAction action)
      throws InterruptedException {
    JanusGraphManagement mgmt = graph.openManagement();
    try {
      mgmt.updateIndex(mgmt.getGraphIndex(name), action).get();
      mgmt.commit();
    } catch (ExecutionException | RuntimeException e) {
      rollbackQuietly(mgmt, e);
      throw new IllegalStateException("could not " + action + " on index " + name, e);
    }
  }

  private static void relationIndexEnabled(JanusGraph graph, String name, String edgeLabel) {
    try {
      var report =
          ManagementSystem.awaitRelationIndexStatus(graph, name, edgeLabel)
              .status(SchemaStatus.ENABLED)
              .timeout(INDEX_WAIT.toMillis(), ChronoUnit.MILLIS)
              .call();
      if (!report.getSucceeded()) {
        throw new IllegalStateException(
            "edge index " + name + " on " + edgeLabel + " not ENABLED: " + report);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for edge index " + name, e);
    }
  }

  private static void rollbackQuietly(JanusGraphManagement mgmt, Exception cause) {
    try {
      if (mgmt.isOpen()) {
        mgmt.rollback();
      }
    } catch (RuntimeException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  /**
   * Connects to an existing label the keys it does not carry yet (an upgrade of an older graph),
   * recording what changed and the ids whose cached schema must be refreshed.
   */
  private static void connectMissingProperties(
      JanusGraphManagement mgmt,
      List<String> created,
      List<Long> altered,
      String name,
      Object labelId,
      Iterable<PropertyKey> mappedProperties,
      java.util.function.Consumer<PropertyKey> connect,
      String... keys) {
    java.util.Set<String> mapped = new java.util.HashSet<>();
    mappedProperties.forEach(key -> mapped.add(key.name()));
    for (String key : keys) {
      if (!mapped.contains(key)) {
        PropertyKey added = mgmt.getPropertyKey(key);
        connect.accept(added);
        created.add("property " + key + " on " + name);
        altered.add(((Number) labelId).longValue());
        altered.add(((Number) added.id()).longValue());
      }
    }
  }
}
