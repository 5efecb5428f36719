package io.ringwatch.service.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.StoreDetails;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.detectors.stores.StoreWindow;
import io.ringwatch.gremlin.GraphSettings;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.service.ingest.StoredEvents;
import io.ringwatch.service.stores.StoreWindowBuffer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scoring state rebuilt from the graph at start-up: a restarted service (a new scorer over the
 * same stored graph) knows a busy card's baseline and does not flag it, where a cold one does.
 */
class ScoringWarmUpTest {
  private static final Instant T0 = Instant.parse("2026-11-04T08:00:00Z");
  private final RingwatchGraph graph = RingwatchGraph.open(GraphSettings.inMemory());

  @AfterEach
  void closeGraph() {
    graph.close();
  }

  private static Transaction swipe(int minute) {
    return Transaction.builder()
        .id("busy-" + minute)
        .account("BUSY-A")
        .amount(benfordAmount(minute))
        .timestamp(T0.plus(Duration.ofMinutes(minute)))
        .merchant(MerchantId.of("BUSY-M"))
        .card(CardId.of("BUSY-C"))
        .channel(Channel.CARD)
        .build();
  }

  /** Log-uniform amounts (10 to 1,000), so that their first digits follow Benford's law. */
  private static BigDecimal benfordAmount(int i) {
    double u = (i * 0.6180339887) % 1.0;
    return BigDecimal.valueOf(Math.pow(10, 1 + 2 * u)).setScale(2, java.math.RoundingMode.HALF_UP);
  }

  /** The outcomes of the card's next ten minutes, once a minute as usual. */
  private static List<Outcome> nextTenMinutes(Scorer scorer) {
    List<Outcome> outcomes = new ArrayList<>();
    for (int minute = 120; minute < 130; minute++) {
      outcomes.add(scorer.score(swipe(minute)).outcome());
    }
    return outcomes;
  }

  private static Transaction suspiciousSale(String id, Instant at) {
    return Transaction.builder()
        .id(id)
        .account("SALE-A")
        .amount("30.00")
        .timestamp(at)
        .channel(Channel.STORE)
        .store(
            new StoreDetails(
                "WARM-S", "sale_event", BigDecimal.valueOf(70), true, false, null, null, 1))
        .build();
  }

  /** Two hours of a card that swipes once a minute (a busy terminal card), stored in the graph. */
  @BeforeEach
  void storeTwoHoursOfABusyCard() {
    List<Transaction> history = new ArrayList<>();
    for (int minute = 0; minute < 120; minute++) {
      history.add(swipe(minute));
    }
    history.add(suspiciousSale("sale-old", T0.plus(Duration.ofMinutes(30))));
    history.add(suspiciousSale("sale-recent", T0.plus(Duration.ofMinutes(113))));
    graph.writer().write(history, Map.of(), StoredEvents::encode);
  }

  private static Scorer newScorer() {
    return new Scorer(
        new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(1000, 100)),
        HeuristicLogisticModel::new,
        new ActiveRules(new RuleCompiler(), DefaultRules.ruleSet(), "system", T0, 10),
        Clock.systemUTC(),
        10_000);
  }

  private static StoreWindowBuffer newWindows() {
    return new StoreWindowBuffer(Duration.ofMinutes(5), Duration.ofMinutes(1));
  }

  @Test
  void shouldFlagTheBusyCardAfterAColdStart() {
    Scorer scorer = newScorer();

    List<Outcome> outcomes = nextTenMinutes(scorer);

    // a cold card looks quiet: its sixth swipe in ten minutes is a velocity attack
    assertThat(outcomes).contains(Outcome.REVIEW);
    assertThat(scorer.recent(swipe(125).id()).orElseThrow().ruleHits())
        .anyMatch(h -> h.ruleId().equals(DefaultRules.CARD_VELOCITY));
  }

  @Test
  void shouldNotFlagTheBusyCardAfterARestartThatReplaysTheHistory() {
    Scorer scorer = newScorer();

    ScoringWarmUp.Result warm =
        ScoringWarmUp.run(graph.queries(), scorer, newWindows(), Duration.ofHours(24), 10_000);
    List<Outcome> outcomes = nextTenMinutes(scorer);

    assertThat(warm.replayed()).isEqualTo(122);
    assertThat(warm.from()).isEqualTo(T0);
    assertThat(outcomes).containsOnly(Outcome.APPROVE);
  }

  @Test
  void shouldReplayOnlyTheWindowBeforeTheNewestStoredTransaction() {
    ScoringWarmUp.Result warm =
        ScoringWarmUp.run(
            graph.queries(), newScorer(), newWindows(), Duration.ofMinutes(30), 10_000);

    // minutes 89..119 of the card and the recent sale
    assertThat(warm.replayed()).isEqualTo(32);
    assertThat(warm.from()).isEqualTo(T0.plus(Duration.ofMinutes(89)));
  }

  @Test
  void shouldRememberReplayedIdsSoThatARedeliveryIsNotCountedTwice() {
    Scorer scorer = newScorer();
    ScoringWarmUp.run(graph.queries(), scorer, newWindows(), Duration.ofHours(24), 10_000);

    assertThat(scorer.recent(swipe(119).id())).isPresent();
    Decision again = scorer.score(swipe(119));
    assertThat(again).isEqualTo(scorer.recent(swipe(119).id()).orElseThrow());
  }

  @Test
  void shouldStartColdWhenTheWarmUpIsDisabled() {
    ScoringWarmUp.Result warm =
        ScoringWarmUp.run(graph.queries(), newScorer(), newWindows(), Duration.ZERO, 10_000);

    assertThat(warm.replayed()).isZero();
  }

  @Test
  void shouldRebuildTheOpenStoreWindowsAndPublishTheLastClosedOneAgain() {
    StoreWindowBuffer windows = newWindows();

    ScoringWarmUp.run(graph.queries(), newScorer(), windows, Duration.ofHours(24), 10_000);

    // watermark 10:58: the 08:30 window closed long ago (published before the stop), the
    // 09:50 window (sale at 09:53) closed within one window of the watermark: published again
    List<StoreWindow> pending = windows.pending();
    assertThat(pending)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.ids()).containsExactly("sale-recent");
              assertThat(w.windowStart()).isEqualTo(T0.plus(Duration.ofMinutes(110)));
            });
  }
}
