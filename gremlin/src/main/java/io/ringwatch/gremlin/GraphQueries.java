package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
