package io.ringwatch.gremlin.dsl;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.gremlin.Schema;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;

/**
 * A named test graph: transactions (stored the way {@code TransactionWriter} stores them) plus ring
 * memberships (ring id to current member account ids, written as {@code ring} vertices and {@code
 * member_of} edges the way {@code RingWriter} does), with each ring's {@link Standing} (score 0.9,
 * ACTIVE, no former members unless named).
 */
record FraudGraph(
    String name,
    List<Transaction> transactions,
    Map<String, List<String>> rings,
    Map<String, Standing> standings) {

  static final Date RING_SINCE = Date.from(Transactions.T0);
  static final Date RING_UNTIL = Date.from(Transactions.T0.plusSeconds(3600));

  /** A ring's score, status and former members. */
  record Standing(double score, String status, List<String> formerMembers) {
    static final Standing DEFAULT = new Standing(0.9, RING_ACTIVE, List.of());
  }

  FraudGraph(String name, List<Transaction> transactions, Map<String, List<String>> rings) {
    this(name, transactions, rings, Map.of());
  }

  Standing standing(String ringId) {
    return standings.getOrDefault(ringId, Standing.DEFAULT);
  }

  @Override
  public String toString() {
    return name;
  }

  /** The fixture in a fresh TinkerGraph, mirroring the writer's model edge for edge. */
  TinkerGraph toTinkerGraph() {
    TinkerGraph graph = TinkerGraph.open();
    GraphTraversalSource g = graph.traversal();
    for (Transaction t : transactions) {
      Vertex account = vertex(graph, g, ACCOUNT, t.account().value());
      Date ts = Date.from(t.timestamp());
      if (t.device() != null) {
        pair(g, account, USES, vertex(graph, g, DEVICE, t.device().value()), ts);
      }
      if (t.ip() != null) {
        pair(g, account, CONNECTS_FROM, vertex(graph, g, IP, t.ip().value()), ts);
      }
      Vertex other =
          t.isTransfer()
              ? vertex(graph, g, ACCOUNT, t.counterparty().value())
              : vertex(
                  graph,
                  g,
                  MERCHANT,
                  t.merchant() != null
                      ? t.merchant().value()
                      : Schema.pseudoMerchant(t.channel().name()));
      account.addEdge(
          t.isTransfer() ? TRANSFERS : PAYS,
          other,
          TX_ID,
          t.id().value(),
          AMOUNT,
          t.amount().doubleValue(),
          TS,
          ts);
    }
    rings.forEach(
        (ringId, members) -> {
          Standing standing = standing(ringId);
          Vertex ring =
              graph.addVertex(
                  T.label,
                  RING,
                  RING_ID,
                  ringId,
                  SCORE,
                  standing.score(),
                  STATUS,
                  standing.status());
          for (String member : members) {
            vertex(graph, g, ACCOUNT, member)
                .addEdge(
                    MEMBER_OF, ring, SINCE, RING_SINCE, ROLE, "MEMBER", STATUS, MEMBER_CURRENT);
          }
          for (String former : standing.formerMembers()) {
            vertex(graph, g, ACCOUNT, former)
                .addEdge(
                    MEMBER_OF,
                    ring,
                    SINCE,
                    RING_SINCE,
                    ROLE,
                    "MEMBER",
                    STATUS,
                    MEMBER_FORMER,
                    UNTIL,
                    RING_UNTIL);
          }
        });
    return graph;
  }

  /** Writes the fixture through the real writer, then the rings in one more transaction. */
  void writeTo(RingwatchGraph graph) {
    graph.writer().write(transactions);
    GraphTraversalSource g = graph.traversal();
    try {
      rings.forEach(
          (ringId, members) -> {
            Standing standing = standing(ringId);
            Vertex ring =
                g.addV(RING)
                    .property(RING_ID, ringId)
                    .property(SCORE, standing.score())
                    .property(STATUS, standing.status())
                    .next();
            for (String member : members) {
              g.V()
                  .has(ACCOUNT, ACCOUNT_ID, member)
                  .next()
                  .addEdge(
                      MEMBER_OF, ring, SINCE, RING_SINCE, ROLE, "MEMBER", STATUS, MEMBER_CURRENT);
            }
            for (String former : standing.formerMembers()) {
              g.V()
                  .has(ACCOUNT, ACCOUNT_ID, former)
                  .next()
                  .addEdge(
                      MEMBER_OF,
                      ring,
                      SINCE,
                      RING_SINCE,
                      ROLE,
                      "MEMBER",
                      STATUS,
                      MEMBER_FORMER,
                      UNTIL,
                      RING_UNTIL);
            }
          });
      g.tx().commit();
    } catch (RuntimeException e) {
      g.tx().rollback();
      throw e;
    }
  }

  private static Vertex vertex(Graph graph, GraphTraversalSource g, String label, String id) {
    return g.V()
        .has(label, Schema.idKey(label), id)
        .tryNext()
        .orElseGet(() -> graph.addVertex(T.label, label, Schema.idKey(label), id));
  }

  private static void pair(
      GraphTraversalSource g, Vertex account, String label, Vertex other, Date ts) {
    if (!g.V(account)
        .outE(label)
        .where(org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.inV().is(other))
        .hasNext()) {
      account.addEdge(label, other, FIRST_SEEN, ts, LAST_SEEN, ts, COUNT, 1L);
    }
  }
}
