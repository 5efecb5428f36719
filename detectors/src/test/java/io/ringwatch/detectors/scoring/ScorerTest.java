package io.ringwatch.detectors.scoring;

import static io.ringwatch.detectors.features.Swipes.aSwipe;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.rules.Rule;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.rules.RuleHit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorerTest {
  private static final Instant NOW = Instant.parse("2026-11-02T12:00:00Z");
  private final Model model = new HeuristicLogisticModel();
  private final ActiveRules rules =
      new ActiveRules(new RuleCompiler(), DefaultRules.ruleSet(), "system", NOW, 10);
  private final Scorer scorer =
      new Scorer(
          new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(1000, 100)),
          () -> model,
          rules,
          Clock.fixed(NOW, ZoneOffset.UTC),
          1000);

  private static List<String> hitIds(Decision decision) {
    return decision.ruleHits().stream().map(RuleHit::ruleId).toList();
  }

  @Test
  void shouldFlagAccountWhenSixSwipesWithinTenMinutes() {
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      decisions.add(scorer.score(aSwipe().at(Duration.ofMinutes(i)).build()));
    }

    assertThat(decisions.subList(0, 5))
        .allSatisfy(d -> assertThat(d.outcome()).isEqualTo(Outcome.APPROVE));
    Decision sixth = decisions.get(5);
    assertThat(sixth.outcome()).isIn(Outcome.REVIEW, Outcome.BLOCK);
    assertThat(hitIds(sixth)).contains(DefaultRules.CARD_VELOCITY);
    assertThat(sixth.reasons()).isNotEmpty();
    assertThat(sixth.modelVersion()).isEqualTo(HeuristicLogisticModel.VERSION);
    assertThat(sixth.ruleSetVersion()).isEqualTo(1);
    assertThat(sixth.decidedAt()).isEqualTo(NOW);
  }

  @Test
  void shouldNotFlagSixSwipesSpreadOverMoreThanTenMinutes() {
    Decision last = null;
    for (int i = 0; i < 6; i++) {
      last = scorer.score(aSwipe().at(Duration.ofMinutes(2 * i)).build());
    }
    assertThat(hitIds(last)).doesNotContain(DefaultRules.CARD_VELOCITY);
  }

  @Test
  void shouldNotCountARedeliveredTransactionTwice() {
    // given five swipes, the fifth delivered three times
    Transaction fifth = null;
    for (int i = 0; i < 5; i++) {
      fifth = aSwipe().at(Duration.ofMinutes(i)).build();
      scorer.score(fifth);
    }
    Decision first = scorer.score(fifth);
    Decision again = scorer.score(fifth);

    // when a genuinely new sixth swipe comes
    Decision sixth = scorer.score(aSwipe().at(Duration.ofMinutes(5)).build());

    // then the replays answered the same decision and the windows saw six swipes, not eight
    assertThat(again).isSameAs(first);
    assertThat(hitIds(sixth)).contains(DefaultRules.CARD_VELOCITY);
    assertThat(scorer.recent(fifth.id())).contains(first);
  }

  @Test
  void shouldCountARememberedDecisionOnceAndKeepItInsteadOfRescoring() {
    // given four swipes decided elsewhere (before a restart), the fourth handed over twice
    Scorer before =
        new Scorer(
            new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(1000, 100)),
            () -> model,
            rules,
            Clock.fixed(NOW.minusSeconds(60), ZoneOffset.UTC),
            1000);
    List<Transaction> swipes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      swipes.add(aSwipe().at(Duration.ofMinutes(i)).build());
    }
    Decision fourth = null;
    for (int i = 0; i < 4; i++) {
      Decision decided = before.score(swipes.get(i));
      assertThat(scorer.remember(swipes.get(i), decided)).isSameAs(decided);
      fourth = decided;
    }
    Decision again = scorer.remember(swipes.get(3), before.score(swipes.get(3)));

    // when the fifth and sixth swipes are scored here
    Decision fifth = scorer.score(swipes.get(4));
    Decision sixth = scorer.score(swipes.get(5));

    // then the remembered swipes counted once each, and keep the decisions they were given
    assertThat(hitIds(fifth)).doesNotContain(DefaultRules.CARD_VELOCITY);
    assertThat(hitIds(sixth)).contains(DefaultRules.CARD_VELOCITY);
    assertThat(again).isSameAs(fourth);
    assertThat(scorer.recent(swipes.get(3).id())).containsSame(fourth);
    assertThat(scorer.score(swipes.get(3))).isSameAs(fourth);
  }

  @Test
  void shouldScoreWithTheNewRulesRightAfterASwap() {
    Decision before = scorer.score(aSwipe().amount(5000).build());
    rules.replace(
        List.of(new Rule("big-amount", "amount >= 5000", Outcome.BLOCK, 1, "")), "bob", NOW);

    Decision after = scorer.score(aSwipe().amount(5000).at(Duration.ofSeconds(1)).build());

    assertThat(before.ruleSetVersion()).isEqualTo(1);
    assertThat(before.outcome()).isEqualTo(Outcome.APPROVE);
    assertThat(after.ruleSetVersion()).isEqualTo(2);
    assertThat(after.outcome()).isEqualTo(Outcome.BLOCK);
  }
}
