package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Transactions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphQueriesTest {

  private RingwatchGraph graph;

  @BeforeEach
  void openGraphWithTheMixedBatch() {
    graph = RingwatchGraph.open(GraphSettings.inMemory());
    graph.writer().write(mixedBatch());
  }

  @AfterEach
  void closeGraph() {
    graph.close();
  }

  @Test
  void shouldSummariseAnAccountsDevicesIpsMerchantsTransfersAndTotals() {
    // when
    AccountSummary a1 = graph.queries().account(AccountId.of("a1")).orElseThrow();

    // then
    assertThat(a1.accountId()).isEqualTo("a1");
    assertThat(a1.devices()).containsExactly("d1", "d2");
    assertThat(a1.ips()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(a1.merchants()).containsExactly("m1", "m2");
    assertThat(a1.counterpartiesOut()).containsExactly("a3");
    assertThat(a1.counterpartiesIn()).isEmpty();
    assertThat(a1.payments()).isEqualTo(2);
    assertThat(a1.transfersOut()).isEqualTo(1);
    assertThat(a1.transfersIn()).isZero();
    assertThat(a1.totalPaid()).isEqualByComparingTo("40.40");
    assertThat(a1.firstSeen()).isEqualTo(T0);
    assertThat(a1.lastSeen()).isEqualTo(T0.plusSeconds(180));
  }

  @Test
  void shouldCountPseudoMerchantPaymentsButNotListThePseudoMerchant() {
    AccountSummary a2 = graph.queries().account(AccountId.of("a2")).orElseThrow();

    assertThat(a2.merchants()).containsExactly("m1");
    assertThat(a2.payments()).isEqualTo(2);
    assertThat(a2.totalPaid()).isEqualByComparingTo("25.25");
    assertThat(a2.counterpartiesIn()).containsExactly("a3");
    assertThat(a2.transfersIn()).isEqualTo(1);
    assertThat(a2.lastSeen()).isEqualTo(T0.plusSeconds(300));
  }

  @Test
  void shouldBoundTheListsButKeepTheCountsExact() {
    // given an account that paid 150 distinct merchants
    List<Transaction> batch = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      batch.add(aPayment("many-" + i, "big", String.format("m%03d", i)).amount("1.00").build());
    }
    graph.writer().write(batch);

    // when
    AccountSummary big = graph.queries().account(AccountId.of("big")).orElseThrow();

    // then
    assertThat(big.merchants()).hasSize(AccountSummary.MAX_LIST).isSorted().startsWith("m000");
    assertThat(big.payments()).isEqualTo(150);
    assertThat(big.totalPaid()).isEqualByComparingTo("150.00");
  }

  @Test
  void shouldReturnEmptyForAnUnknownAccount() {
    assertThat(graph.queries().account(AccountId.of("nobody"))).isEmpty();
  }

  @Test
  void shouldReadATransferBackByItsId() {
    TransactionRecord t4 = graph.queries().transaction(TransactionId.of("t4")).orElseThrow();

    assertThat(t4)
        .isEqualTo(
            new TransactionRecord(
                "t4",
                TransactionRecord.TRANSFER,
                "a1",
                null,
                "a3",
                new BigDecimal("250.0"),
                "EUR",
                "TRANSFER",
                T0.plusSeconds(180)));
  }

  @Test
  void shouldReadAPaymentBackByItsIdWithoutItsPseudoMerchant() {
    TransactionRecord t1 = graph.queries().transaction(TransactionId.of("t1")).orElseThrow();
    TransactionRecord t5 = graph.queries().transaction(TransactionId.of("t5")).orElseThrow();

    assertThat(t1.kind()).isEqualTo(TransactionRecord.PAYMENT);
    assertThat(t1.merchantId()).isEqualTo("m1");
    assertThat(t1.amount()).isEqualByComparingTo("10.10");
    assertThat(t1.channel()).isEqualTo("CARD");
    assertThat(t5.merchantId()).isNull();
    assertThat(t5.counterpartyId()).isNull();
    assertThat(t5.channel()).isEqualTo("API");
    assertThat(t5.accountId()).isEqualTo("a2");
  }

  @Test
  void shouldReturnEmptyForAnUnknownTransaction() {
    assertThat(graph.queries().transaction(TransactionId.of("never"))).isEmpty();
  }

  @Test
  void shouldFindATransactionThroughTheTxIdEdgeIndex() {
    String profile =
        graph
            .traversal()
            .E()
            .has(Schema.TX_ID, "t4")
            .hasLabel(Schema.PAYS, Schema.TRANSFERS)
            .profile()
            .next()
            .toString();
    graph.janusGraph().tx().rollback();

    assertThat(profile).contains(Schema.EDGE_BY_TX_ID);
  }
}
