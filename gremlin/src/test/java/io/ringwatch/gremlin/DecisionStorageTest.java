package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Transactions.aPayment;
import static io.ringwatch.gremlin.Transactions.aTransfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Decisions written with their transactions, on payment and transfer edges alike. */
class DecisionStorageTest {
  private final RingwatchGraph graph = RingwatchGraph.open(GraphSettings.inMemory());

  @AfterEach
  void close() {
    graph.close();
  }

  @Test
  void shouldStoreTheDecisionOnPaymentAndTransferEdges() {
    Transaction payment = aPayment("d-1", "A-1", "M-1").build();
    Transaction transfer = aTransfer("d-2", "A-1", "A-2").build();
    Transaction undecided = aPayment("d-3", "A-1", "M-1").build();
    StoredDecision review = new StoredDecision("REVIEW", 640, "{\"outcome\":\"REVIEW\"}");
    StoredDecision block = new StoredDecision("BLOCK", 950, "{\"outcome\":\"BLOCK\"}");

    graph
        .writer()
        .write(
            List.of(payment, transfer, undecided),
            Map.of(payment.id(), review, transfer.id(), block));

    assertThat(graph.queries().decision(payment.id())).contains(review);
    assertThat(graph.queries().decision(transfer.id())).contains(block);
    assertThat(graph.queries().decision(undecided.id())).isEmpty();
    assertThat(graph.queries().decision(TransactionId.of("never"))).isEmpty();
  }

  @Test
  void shouldKeepTheFirstDecisionWhenATransactionIsReplayed() {
    Transaction payment = aPayment("d-9", "A-1", "M-1").build();
    StoredDecision first = new StoredDecision("APPROVE", 3, "{}");
    graph.writer().write(List.of(payment), Map.of(payment.id(), first));

    var replay =
        graph
            .writer()
            .write(List.of(payment), Map.of(payment.id(), new StoredDecision("BLOCK", 999, "{}")));

    assertThat(replay.duplicates()).isEqualTo(1);
    assertThat(graph.queries().decision(payment.id())).contains(first);
  }
}
