package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Transactions.aPayment;
import static io.ringwatch.gremlin.Transactions.aTransfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.rings.AccountProjection;
import io.ringwatch.detectors.rings.ProjectionSettings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LabelWriterTest {
  private final RingwatchGraph graph = RingwatchGraph.open(GraphSettings.inMemory());

  @AfterEach
  void close() {
    graph.close();
  }

  @Test
  void shouldLabelAStoredTransactionOnceAndFindNothingForAnUnknownId() {
    graph
        .writer()
        .write(
            List.of(
                aPayment("p-1", "L-1", "m-7").card(CardId.of("c-1")).build(),
                aTransfer("t-1", "L-1", "L-2").fraudLabel(false).build()));

    LabelWriter.Labelled first = graph.labelWriter().label(TransactionId.of("p-1"), true).get();
    LabelWriter.Labelled again = graph.labelWriter().label(TransactionId.of("p-1"), true).get();
    LabelWriter.Labelled transfer = graph.labelWriter().label(TransactionId.of("t-1"), true).get();

    assertThat(first.account()).isEqualTo(AccountId.of("L-1"));
    assertThat(first.card()).isEqualTo(CardId.of("c-1"));
    assertThat(first.merchant()).isEqualTo(MerchantId.of("m-7"));
    assertThat(first.previous()).isNull();
    assertThat(first.changed()).isTrue();
    assertThat(again.previous()).isTrue();
    assertThat(again.changed()).isFalse();
    assertThat(transfer.previous()).isFalse();
    assertThat(transfer.merchant()).isNull();
    assertThat(graph.labelWriter().label(TransactionId.of("nope"), true)).isEmpty();

    // the rebuilt projection sees both labels
    AccountProjection projection = new AccountProjection(ProjectionSettings.defaults());
    graph.ringQueries().loadProjection(projection);
    assertThat(projection.activity(AccountId.of("L-1")).fraudLabelled()).isEqualTo(2);
  }
}
