package io.ringwatch.ingest.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.detectors.time.EventTimeClock;
import io.ringwatch.ingest.external.FdhLoader;
import io.ringwatch.ingest.external.FdhSample;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-time windows give the same decisions at replay speed as in real time: the same events
 * scored once as they happen against the wall clock (the service's path) and once replayed as fast
 * as possible against an {@link EventTimeClock} (the evaluation's path) get equal decisions, apart
 * from when and how fast each was made.
 */
class EventTimeReplayTest {
  private final Model model = new HeuristicLogisticModel();

  @TempDir Path temp;

  private Scorer scorer(Clock clock) {
    return new Scorer(
        new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(100_000, 1000)),
        () -> model,
        new ActiveRules(new RuleCompiler(), DefaultRules.ruleSet(), "test", Instant.EPOCH, 1),
        clock,
        200_000);
  }

  /** A decision without its wall-clock parts (decidedAt, latency). */
  private static List<Object> content(Decision d) {
    return List.of(
        d.eventId(),
        d.accountId(),
        d.outcome(),
        d.insightScore(),
        d.ruleHits(),
        d.reasons(),
        d.ruleErrors(),
        d.modelVersion(),
        d.ruleSetVersion(),
        d.eventTime());
  }

  private static List<List<Object>> replay(
      Scorer scorer, EventTimeClock clock, List<Transaction> e) {
    List<List<Object>> decisions = new ArrayList<>();
    for (Transaction t : e) {
      clock.advanceTo(t.timestamp());
      decisions.add(content(scorer.score(t)));
    }
    return decisions;
  }

  @Test
  void shouldDecideAsInRealTimeWhenTheSameEventsArrivePacedByTheWallClock() throws Exception {
    // given card payments that happen now, at seeded gaps, with a burst of one card
    Random random = new Random(7);
    Scorer live = scorer(Clock.systemUTC());
    List<Transaction> events = new ArrayList<>();
    List<List<Object>> liveDecisions = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean burst = i >= 10 && i < 20;
      String customer = burst ? "c-burst" : "c-" + random.nextInt(5);
      Transaction t =
          Transaction.builder()
              .id("rt-" + i)
              .account(customer)
              .card(CardId.of(customer))
              .merchant(MerchantId.of("m-" + random.nextInt(3)))
              .amount(BigDecimal.valueOf(5 + random.nextInt(200)))
              .timestamp(Instant.now())
              .channel(Channel.CARD)
              .build();
      events.add(t);
      liveDecisions.add(content(live.score(t)));
      Thread.sleep(burst ? 5 : random.nextInt(60));
    }

    // when the same events are replayed at full speed in event time
    List<Transaction> later = List.copyOf(events);
    EventTimeClock clock = new EventTimeClock(later.get(0).timestamp());
    List<List<Object>> replayed = replay(scorer(clock), clock, later);

    // then
    assertThat(replayed).isEqualTo(liveDecisions);
    assertThat(liveDecisions).anyMatch(d -> d.get(2) == Outcome.REVIEW);
  }

  @Test
  void shouldDecideDaysOfHistoryTheSameAtReplaySpeedAsOnTheServicesWallClock() throws Exception {
    // given three days of the Handbook sample (windows fill, expire and keys go idle)
    List<Transaction> events =
        new FdhLoader().load(FdhSample.copy(temp.resolve("in"), 3, row -> row)).transactions();

    // when scored by the service's path, whose wall clock reads years after the events
    Scorer service = scorer(Clock.systemUTC());
    List<List<Object>> onWallClock = new ArrayList<>();
    for (Transaction t : events) {
      onWallClock.add(content(service.score(t)));
    }
    // and replayed with the evaluation's event-time clock
    EventTimeClock clock = new EventTimeClock(events.get(0).timestamp());
    List<List<Object>> replayed = replay(scorer(clock), clock, events);

    // then
    assertThat(replayed).hasSize(5_704).isEqualTo(onWallClock);
  }
}
