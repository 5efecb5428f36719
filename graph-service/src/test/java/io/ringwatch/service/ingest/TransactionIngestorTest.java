package io.ringwatch.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringwatch.gremlin.GraphSettings;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.ingest.RejectionReason;
import io.ringwatch.ingest.TransactionDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The decode-and-write step the Kafka listener hands its batches to, on a real in-memory graph. */
class TransactionIngestorTest {
  private final RingwatchGraph graph = RingwatchGraph.open(GraphSettings.inMemory());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TransactionIngestor ingestor =
      new TransactionIngestor(
          new TransactionDecoder(), graph.writer(), 7, new IngestMetrics(registry));

  @AfterEach
  void close() {
    graph.close();
  }

  @Test
  void shouldWriteValidRecordsInSmallBatchesAndReturnTheRejectedOnes() {
    // given 40 valid records in every format and every malformed kind, interleaved
    FixtureRecords valid =
        new FixtureRecords(3, "u-")
            .canonical(20, 5)
            .kafkaGenerator(8)
            .webStore(8)
            .detectPayloads(4);
    List<MalformedRecords.Bad> malformed = MalformedRecords.corpus(1);
    List<RawRecord> batch = new ArrayList<>();
    long offset = 0;
    for (int i = 0; i < valid.records.size(); i++) {
      batch.add(new RawRecord("transactions", 0, offset++, null, valid.records.get(i).value()));
      if (i < malformed.size()) {
        batch.add(new RawRecord("transactions", 0, offset++, null, malformed.get(i).value()));
      }
    }

    // when the batch is ingested
    IngestOutcome outcome = ingestor.ingest(batch);

    // then valid ones are written, malformed ones come back with their reasons, in order
    assertThat(outcome.written()).isEqualTo(valid.transactions());
    assertThat(outcome.duplicates()).isZero();
    assertThat(outcome.deadLetters())
        .extracting(letter -> letter.rejection().reason())
        .containsExactlyElementsOf(malformed.stream().map(MalformedRecords.Bad::reason).toList());
    assertThat(graph.queries().counts().edges("pays") + graph.queries().counts().edges("transfers"))
        .isEqualTo(valid.transactions());
    assertThat(
            registry
                .get("ringwatch.ingest.dead.lettered")
                .tag("reason", "bad_ip")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldCountAReplayedBatchAsDuplicatesAndChangeNothing() {
    FixtureRecords valid = new FixtureRecords(5, "r-").canonical(30, 10);
    List<RawRecord> batch = new ArrayList<>();
    for (FixtureRecords.Raw raw : valid.records) {
      batch.add(new RawRecord("transactions", 1, batch.size(), null, raw.value()));
    }
    ingestor.ingest(batch);
    var before = graph.queries().counts();

    IngestOutcome replay = ingestor.ingest(batch);

    assertThat(replay.written()).isZero();
    assertThat(replay.duplicates()).isEqualTo(30);
    assertThat(graph.queries().counts()).isEqualTo(before);
    assertThat(valid.expectedEdges().get("pays")).isEqualTo(before.edges("pays"));
  }

  @Test
  void shouldRejectABatchSizeBelowOne() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new TransactionIngestor(new TransactionDecoder(), graph.writer(), 0, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectRecordsOfEveryKindWithTheExpectedReason() {
    List<RawRecord> batch = new ArrayList<>();
    for (MalformedRecords.Bad bad : MalformedRecords.corpus(1)) {
      batch.add(new RawRecord("transactions", 0, batch.size(), null, bad.value()));
    }
    assertThat(ingestor.ingest(batch).deadLetters())
        .extracting(letter -> letter.rejection().reason())
        .containsExactlyInAnyOrder(RejectionReason.values());
  }
}
