package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.TransactionId;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;

/**
 * Records a transaction's confirmed outcome (fraud or genuine, learnt after the fact: a chargeback,
 * an analyst's verdict) on its stored {@code pays} or {@code transfers} edge ({@code fraudLabel}),
 * where the ring projection's rebuild, backtests and the store-window reconciliation read it.
 *
 * <p>Single writer: takes the transaction writer's monitor, like {@link RingWriter}. Cost: one
 * composite-index lookup by {@code txId} and one small commit per label.
 */
public final class LabelWriter {

  /**
   * A label applied to a stored transaction.
   *
   * @param transaction its id
   * @param account the paying or sending account
   * @param card its card or instrument, or null
   * @param merchant the merchant paid, or null (transfers, payments without a merchant)
   * @param eventTime its event time
   * @param previous the label it carried before, or null when it had none
   * @param fraud the label now
   */
  public record Labelled(
      TransactionId transaction,
      AccountId account,
      CardId card,
      MerchantId merchant,
      Instant eventTime,
      Boolean previous,
      boolean fraud) {
    /** Whether the label changed anything. */
    public boolean changed() {
      return previous == null || previous != fraud;
    }
  }

  private final JanusGraph graph;
  private final Object writeLock;

  LabelWriter(JanusGraph graph, Object writeLock) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.writeLock = Objects.requireNonNull(writeLock, "writeLock");
  }

  /**
   * Sets the transaction's fraud label, committed before returning; empty when no transaction is
   * stored under that id. Setting the label it already has changes nothing (idempotent).
   *
   * @throws IllegalStateException when the graph write fails after its retries
   */
  public Optional<Labelled> label(TransactionId id, boolean fraud) {
    synchronized (writeLock) {
      return GraphWrites.withRetries(() -> attempt(id, fraud));
    }
  }

  private Optional<Labelled> attempt(TransactionId id, boolean fraud) {
    JanusGraphTransaction tx = graph.buildTransaction().consistencyChecks(false).start();
    try {
      Optional<Edge> found =
          tx.traversal().E().has(TX_ID, id.value()).hasLabel(PAYS, TRANSFERS).limit(1).tryNext();
      if (found.isEmpty()) {
        tx.rollback();
        return Optional.empty();
      }
      Edge e = found.get();
      Boolean previous = e.<Boolean>property(FRAUD_LABEL).orElse(null);
      if (previous == null || previous != fraud) {
        e.property(FRAUD_LABEL, fraud);
      }
      String merchant = PAYS.equals(e.label()) ? e.inVertex().value(MERCHANT_ID) : null;
      Labelled labelled =
          new Labelled(
              id,
              AccountId.of(e.outVertex().value(ACCOUNT_ID)),
              e.property(CARD_ID).isPresent() ? CardId.of(e.value(CARD_ID)) : null,
              merchant == null || Schema.isPseudoMerchant(merchant)
                  ? null
                  : MerchantId.of(merchant),
              e.<Date>value(TS).toInstant(),
              previous,
              fraud);
      tx.commit();
      return Optional.of(labelled);
    } catch (RuntimeException e) {
      GraphWrites.rollback(tx, e);
      throw new IllegalStateException("labelling transaction " + id.value() + " rolled back", e);
    }
  }
}
