package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;
import static io.ringwatch.gremlin.Transactions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.gremlin.TransactionWriter.WriteResult;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.janusgraph.core.JanusGraphTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionWriterTest {

  private RingwatchGraph graph;

  @BeforeEach
  void openGraph() {
    graph = RingwatchGraph.open(GraphSettings.inMemory());
  }

  @AfterEach
  void closeGraph() {
    graph.close();
  }

  private static final Map<String, Long> MIXED_VERTICES =
      Map.of(ACCOUNT, 3L, DEVICE, 2L, IP, 2L, MERCHANT, 3L, RING, 0L, IDENTITY, 0L, RING_EVENT, 0L);
  private static final Map<String, Long> MIXED_EDGES =
      Map.of(
          USES,
          3L,
          CONNECTS_FROM,
          3L,
          PAYS,
          4L,
          TRANSFERS,
          2L,
          MEMBER_OF,
          0L,
          HAS_IDENTITY,
          0L,
          LIFECYCLE,
          0L);

  @Test
  void shouldStoreAMixedBatchAsExactlyTheExpectedVerticesAndEdges() {
    // when
    WriteResult result = graph.writer().write(mixedBatch());

    // then
    assertThat(result).isEqualTo(new WriteResult(6, 0));
    GraphCounts counts = graph.queries().counts();
    assertThat(counts.vertices()).isEqualTo(MIXED_VERTICES);
    assertThat(counts.edges()).isEqualTo(MIXED_EDGES);
  }

  @Test
  void shouldChangeNothingWhenTheSameBatchIsReplayed() {
    // given
    graph.writer().write(mixedBatch());

    // when
    WriteResult replay = graph.writer().write(mixedBatch());

    // then
    assertThat(replay).isEqualTo(new WriteResult(0, 6));
    assertThat(graph.queries().counts().vertices()).isEqualTo(MIXED_VERTICES);
    assertThat(graph.queries().counts().edges()).isEqualTo(MIXED_EDGES);
    assertThat(pairEdge(USES, "a1", DEVICE_ID, "d1").get(COUNT)).isEqualTo(2L);
  }

  @Test
  void shouldCountARepeatedIdInsideOneBatchAsADuplicate() {
    // given
    Transaction first = aPayment("t1", "a1", "m1").device(device("d1")).build();
    Transaction again = aPayment("t1", "a1", "m2").device(device("d1")).amount("99").build();

    // when
    WriteResult result = graph.writer().write(List.of(first, again));

    // then
    assertThat(result).isEqualTo(new WriteResult(1, 1));
    assertThat(graph.queries().counts().edges(PAYS)).isEqualTo(1);
    assertThat(graph.queries().counts().vertices(MERCHANT)).isEqualTo(1);
    assertThat(pairEdge(USES, "a1", DEVICE_ID, "d1").get(COUNT)).isEqualTo(1L);
  }

  @Test
  void shouldIncrementTheUsesCountAndMoveLastSeenWhenTheAccountUsesTheDeviceAgain() {
    // given a1 used d1 twice in the mixed batch, at T0 and T0+120s
    graph.writer().write(mixedBatch());
    assertThat(pairEdge(USES, "a1", DEVICE_ID, "d1").get(COUNT)).isEqualTo(2L);

    // when it uses d1 again, later, in another batch
    Transaction later =
        aPayment("t7", "a1", "m1").device(device("d1")).timestamp(T0.plusSeconds(3600)).build();
    graph.writer().write(List.of(later));

    // then still one edge, counted three times, spanning first to last use
    Map<String, Object> uses = pairEdge(USES, "a1", DEVICE_ID, "d1");
    assertThat(uses.get(COUNT)).isEqualTo(3L);
    assertThat(uses.get(FIRST_SEEN)).isEqualTo(Date.from(T0));
    assertThat(uses.get(LAST_SEEN)).isEqualTo(Date.from(T0.plusSeconds(3600)));
    assertThat(graph.queries().counts().edges(USES)).isEqualTo(3);
  }

  @Test
  void shouldStoreAnApiPaymentWithoutMerchantAgainstTheChannelPseudoMerchant() {
    // given
    Transaction api = aPayment("api-1", "a9", null).channel(Channel.API).build();

    // when
    graph.writer().write(List.of(api));

    // then
    JanusGraphTransaction tx = graph.janusGraph().newTransaction();
    try {
      List<Object> paid =
          tx.traversal()
              .V()
              .has(ACCOUNT, ACCOUNT_ID, "a9")
              .outE(PAYS)
              .has(TX_ID, "api-1")
              .inV()
              .values(MERCHANT_ID)
              .toList();
      assertThat(paid).containsExactly("channel:API");
    } finally {
      tx.rollback();
    }
  }

  @Test
  void shouldStoreATransactionSeenInAnEarlierBatchOnlyOnceAlthoughTheCacheIsWarm() {
    // given
    graph.writer().write(mixedBatch().subList(0, 3));
    assertThat(graph.writer().cachedVertexIds()).isPositive();

    // when the whole batch arrives, three of it already stored
    WriteResult result = graph.writer().write(mixedBatch());

    // then
    assertThat(result).isEqualTo(new WriteResult(3, 3));
    assertThat(graph.queries().counts().vertices()).isEqualTo(MIXED_VERTICES);
    assertThat(graph.queries().counts().edges()).isEqualTo(MIXED_EDGES);
  }

  @Test
  void shouldFindEverythingExactlyOnceAfterReopeningABerkeleyJeGraph(@TempDir Path directory) {
    // given
    try (RingwatchGraph onDisk = RingwatchGraph.open(GraphSettings.berkeleyJe(directory))) {
      assertThat(onDisk.writer().write(mixedBatch())).isEqualTo(new WriteResult(6, 0));
    }

    // when
    try (RingwatchGraph reopened = RingwatchGraph.open(GraphSettings.berkeleyJe(directory))) {
      WriteResult replay = reopened.writer().write(mixedBatch());

      // then
      assertThat(replay).isEqualTo(new WriteResult(0, 6));
      assertThat(reopened.queries().counts().vertices()).isEqualTo(MIXED_VERTICES);
      assertThat(reopened.queries().counts().edges()).isEqualTo(MIXED_EDGES);
      assertThat(
              reopened.queries().transaction(io.ringwatch.detectors.domain.TransactionId.of("t4")))
          .isPresent();
    }
  }

  @Test
  void shouldRollBackAndRethrowWithContextWhenTheCommitFails(@TempDir Path directory) {
    // given a graph on disk with the schema, reopened read-only so that every commit fails
    RingwatchGraph.open(GraphSettings.berkeleyJe(directory)).close();
    try (RingwatchGraph readOnly =
        RingwatchGraph.open(
            GraphSettings.berkeleyJe(directory).with("storage.read-only", "true"))) {

      // when / then
      assertThatThrownBy(() -> readOnly.writer().write(mixedBatch()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("6 transactions (t1 .. t6) rolled back");
      assertThat(readOnly.writer().cachedVertexIds()).isZero();
      assertThat(readOnly.queries().counts().vertices(ACCOUNT)).isZero();
      assertThat(readOnly.queries().counts().edges(PAYS)).isZero();
    }
  }

  /** Properties of the one {@code label} edge from account {@code account} to the vertex. */
  private Map<String, Object> pairEdge(String label, String account, String key, String value) {
    JanusGraphTransaction tx = graph.janusGraph().newTransaction();
    try {
      GraphTraversalSource g = tx.traversal();
      List<Edge> edges =
          g.V()
              .has(ACCOUNT, ACCOUNT_ID, account)
              .outE(label)
              .where(
                  org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__.inV().has(key, value))
              .toList();
      assertThat(edges).hasSize(1);
      Edge edge = edges.get(0);
      return Map.of(
          COUNT,
          edge.value(COUNT),
          FIRST_SEEN,
          edge.value(FIRST_SEEN),
          LAST_SEEN,
          edge.value(LAST_SEEN));
    } finally {
      tx.rollback();
    }
  }
}
