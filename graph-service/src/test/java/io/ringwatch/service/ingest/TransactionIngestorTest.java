package io.ringwatch.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.gremlin.GraphSettings;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.ingest.CanonicalJson;
import io.ringwatch.ingest.RejectionReason;
import io.ringwatch.ingest.TransactionDecoder;
import io.ringwatch.service.scoring.DecisionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

  @Test
  void shouldStoreACarriedDecisionWithoutScoringOrPublishingItAgain() {
    // given two events answered by /detect, one carrying its decision and one a garbled header
    DecisionCodec codec =
        new DecisionCodec(
            new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    Scorer answering = scorer(Instant.parse("2026-11-02T11:00:00Z"));
    Scorer here = scorer(Instant.parse("2026-11-02T12:00:00Z"));
    List<Decision> hooked = new ArrayList<>();
    TransactionIngestor scoring =
        new TransactionIngestor(
            new TransactionDecoder(),
            graph.writer(),
            7,
            new IngestMetrics(registry),
            here,
            codec::stored,
            (chunk, decided) -> hooked.addAll(decided),
            codec::decision);
    Transaction carried = payment("carried-1");
    Transaction garbled = payment("garbled-1");
    Decision answered = answering.score(carried);
    byte[] header = codec.json(answered).getBytes(StandardCharsets.UTF_8);
    List<RawRecord> batch =
        List.of(
            new RawRecord("transactions", 0, 0, null, CanonicalJson.encode(carried), header),
            new RawRecord(
                "transactions", 0, 1, null, CanonicalJson.encode(garbled), "{".getBytes()));

    // when they come back from the transactions topic
    IngestOutcome outcome = scoring.ingest(batch);

    // then the carried decision is stored as answered, remembered, and not published again
    assertThat(outcome.written()).isEqualTo(2);
    assertThat(graph.queries().decision(carried.id()))
        .hasValueSatisfying(d -> assertThat(d.detail()).isEqualTo(codec.json(answered)));
    assertThat(here.recent(carried.id())).contains(answered);
    // and the garbled one is scored here, and its decision returned for publishing
    assertThat(outcome.decisions()).extracting(Decision::eventId).containsExactly(garbled.id());
    assertThat(outcome.decisions().get(0).decidedAt())
        .isEqualTo(Instant.parse("2026-11-02T12:00:00Z"));
    // and the after-commit hook (the ring tracker) is handed both decisions, the carried one as
    // answered
    assertThat(hooked).extracting(Decision::eventId).containsExactly(carried.id(), garbled.id());
    assertThat(hooked.get(0)).isEqualTo(answered);
  }

  private static Transaction payment(String id) {
    return Transaction.builder()
        .id(id)
        .account("A-carried")
        .amount("25.00")
        .currency("EUR")
        .timestamp(Instant.parse("2026-11-02T10:00:00Z"))
        .merchant(io.ringwatch.detectors.domain.MerchantId.of("M-carried"))
        .channel(io.ringwatch.detectors.domain.Channel.CARD)
        .build();
  }

  private static Scorer scorer(Instant now) {
    return new Scorer(
        new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(1000, 100)),
        HeuristicLogisticModel::new,
        new ActiveRules(new RuleCompiler(), DefaultRules.ruleSet(), "system", now, 10),
        Clock.fixed(now, ZoneOffset.UTC),
        1000);
  }
}
