package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;

/**
 * Read-only questions to the graph, asked in the fraud DSL ({@link FraudTraversalSource}), each in
 * its own read-only JanusGraph transaction that is always closed; results are records, never graph
 * elements. Thread-safe.
 */
public final class GraphQueries {

  private final JanusGraph graph;

  GraphQueries(JanusGraph graph) {
    this.graph = graph;
  }

  /** The account's neighbourhood and activity, or empty when the graph has no such account. */
  public Optional<AccountSummary> account(AccountId accountId) {
    return read(g -> g.account(accountId.value()).tryNext().map(a -> summary(g, a)));
  }

  private static AccountSummary summary(FraudTraversalSource g, Vertex a) {
    int max = AccountSummary.MAX_LIST;
    List<String> devices =
        g.V(a).devices().<String>values(DEVICE_ID).dedup().order().limit(max).toList();
    List<String> ips = g.V(a).ips().<String>values(ADDRESS).dedup().order().limit(max).toList();
    List<String> merchants =
        g.V(a).merchants().<String>values(MERCHANT_ID).order().limit(max).toList();
    List<String> out =
        g.V(a)
            .out(TRANSFERS)
            .hasLabel(ACCOUNT)
            .<String>values(ACCOUNT_ID)
            .dedup()
            .order()
            .limit(max)
            .toList();
    List<String> in =
        g.V(a)
            .in(TRANSFERS)
            .hasLabel(ACCOUNT)
            .<String>values(ACCOUNT_ID)
            .dedup()
            .order()
            .limit(max)
            .toList();
    long payments = g.V(a).outE(PAYS).count().next();
    long transfersOut = g.V(a).outE(TRANSFERS).count().next();
    long transfersIn = g.V(a).inE(TRANSFERS).count().next();
    BigDecimal totalPaid =
        g.V(a)
            .outE(PAYS)
            .<Double>values(AMOUNT)
            .toStream()
            .map(BigDecimal::valueOf)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    Optional<Date> first =
        g.V(a).union(__.outE(PAYS), __.bothE(TRANSFERS)).values(TS).<Date>min().tryNext();
    Optional<Date> last =
        g.V(a).union(__.outE(PAYS), __.bothE(TRANSFERS)).values(TS).<Date>max().tryNext();
    return new AccountSummary(
        a.value(ACCOUNT_ID),
        devices,
        ips,
        merchants,
        out,
        in,
        payments,
        transfersOut,
        transfersIn,
        totalPaid,
        first.map(Date::toInstant).orElse(null),
        last.map(Date::toInstant).orElse(null));
  }

  /**
   * The transaction stored under {@code txId}, found through the composite edge index on {@code
   * txId}; empty when it was never written.
   */
  public Optional<TransactionRecord> transaction(TransactionId txId) {
    return read(
        g ->
            g.E()
                .has(TX_ID, txId.value())
                .hasLabel(PAYS, TRANSFERS)
                .limit(1)
                .tryNext()
                .map(GraphQueries::record));
  }

  /**
   * The decision stored with transaction {@code txId}, through the composite edge index on {@code
   * txId}; empty when the transaction is unknown or was stored without a decision.
   */
  public Optional<StoredDecision> decision(TransactionId txId) {
    return read(
        g ->
            g.E()
                .has(TX_ID, txId.value())
                .hasLabel(PAYS, TRANSFERS)
                .limit(1)
                .tryNext()
                .filter(e -> e.property(DECISION).isPresent())
                .map(
                    e ->
                        new StoredDecision(
                            e.value(OUTCOME), e.<Double>value(SCORE), e.value(DECISION))));
  }

  /**
   * The stored transactions with event time in {@code [from, to)} (either bound may be null for
   * none), at most the newest {@code limit} of them, in event-time order, each as it arrived:
   * {@code decoder} turns the edge's stored event (canonical JSON, ADR 0012) back into a
   * transaction; when the edge has none or {@code decoder} answers null, the transaction is rebuilt
   * from the edge's own properties. Either way its fraud label is the edge's {@code fraudLabel}
   * (the label as stored now, which may be a later confirmation).
   *
   * <p>Cost: one pass over the account vertices, reading each one's {@code pays} and outgoing
   * {@code transfers} edges in the range through the vertex-centric {@code ts} indexes (JanusGraph
   * has no global range index without a mixed-index backend), and a heap of {@code limit}
   * transactions: O(accounts + matched log limit) time, O(limit) memory.
   */
  public History history(
      Instant from, Instant to, int limit, Function<String, Transaction> decoder) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to: " + from + " .. " + to);
    }
    Comparator<Transaction> order =
        Comparator.comparing(Transaction::timestamp).thenComparing(t -> t.id().value());
    return read(
        g -> {
          PriorityQueue<Transaction> newest = new PriorityQueue<>(order);
          long[] counts = new long[2];
          GraphTraversal<Vertex, Edge> edges = g.V().hasLabel(ACCOUNT).outE(PAYS, TRANSFERS);
          if (from != null) {
            edges = edges.has(TS, P.gte(Date.from(from)));
          }
          if (to != null) {
            edges = edges.has(TS, P.lt(Date.from(to)));
          }
          edges.forEachRemaining(
              e -> {
                counts[0]++;
                Date ts = e.value(TS);
                if (newest.size() >= limit && !ts.toInstant().isAfter(newest.peek().timestamp())) {
                  return;
                }
                String stored = e.<String>property(EVENT).orElse(null);
                Transaction t = stored == null ? null : decoder.apply(stored);
                if (t == null) {
                  t = fromEdge(e);
                  counts[1]++;
                }
                newest.add(withLabel(t, e.<Boolean>property(FRAUD_LABEL).orElse(null)));
                if (newest.size() > limit) {
                  newest.poll();
                }
              });
          List<Transaction> events = new ArrayList<>(newest);
          events.sort(order);
          return new History(events, counts[0], counts[1]);
        });
  }

  /** The transaction as far as the edge's own properties tell it (no device, IP or store). */
  private static Transaction fromEdge(Edge e) {
    boolean transfer = TRANSFERS.equals(e.label());
    String other = e.inVertex().value(transfer ? ACCOUNT_ID : MERCHANT_ID);
    String channel = e.<String>property(CHANNEL).orElse(null);
    Transaction.Builder b =
        Transaction.builder()
            .id(e.<String>value(TX_ID))
            .account(e.outVertex().<String>value(ACCOUNT_ID))
            .amount(BigDecimal.valueOf(e.<Double>value(AMOUNT)))
            .currency(e.<String>property(CURRENCY).orElse(null))
            .timestamp(e.<Date>value(TS).toInstant())
            .channel(
                channel != null
                    ? Channel.valueOf(channel)
                    : transfer ? Channel.TRANSFER : Channel.CARD);
    if (transfer) {
      b.counterparty(AccountId.of(other));
    } else if (!Schema.isPseudoMerchant(other)) {
      b.merchant(MerchantId.of(other));
    }
    e.<String>property(CARD_ID).ifPresent(card -> b.card(CardId.of(card)));
    return b.build();
  }

  private static Transaction withLabel(Transaction t, Boolean label) {
    return t.withFraudLabel(label);
  }

  private static TransactionRecord record(Edge e) {
    boolean transfer = TRANSFERS.equals(e.label());
    String other = e.inVertex().value(transfer ? ACCOUNT_ID : MERCHANT_ID);
    return new TransactionRecord(
        e.value(TX_ID),
        transfer ? TransactionRecord.TRANSFER : TransactionRecord.PAYMENT,
        e.outVertex().value(ACCOUNT_ID),
        transfer || Schema.isPseudoMerchant(other) ? null : other,
        transfer ? other : null,
        BigDecimal.valueOf(e.<Double>value(AMOUNT)),
        e.<String>property(CURRENCY).orElse(null),
        e.<String>property(CHANNEL).orElse(null),
        e.<Date>property(TS).isPresent() ? e.<Date>value(TS).toInstant() : null);
  }

  /**
   * Vertex and edge counts per label. Scans the whole graph: for tests, diagnostics and small
   * graphs only.
   */
  public GraphCounts counts() {
    return read(
        g -> {
          Map<String, Long> vertices = zeros(VERTEX_LABELS);
          g.V().groupCount().by(T.label).next().forEach((k, v) -> vertices.put((String) k, v));
          Map<String, Long> edges = zeros(EDGE_LABELS);
          g.E().groupCount().by(T.label).next().forEach((k, v) -> edges.put((String) k, v));
          return new GraphCounts(vertices, edges);
        });
  }

  private static Map<String, Long> zeros(List<String> labels) {
    Map<String, Long> counts = new LinkedHashMap<>();
    labels.forEach(label -> counts.put(label, 0L));
    return counts;
  }

  private <R> R read(Function<FraudTraversalSource, R> query) {
    JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
    try {
      return query.apply(tx.traversal(FraudTraversalSource.class));
    } finally {
      tx.rollback();
    }
  }
}
