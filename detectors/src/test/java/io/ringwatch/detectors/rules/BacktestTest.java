package io.ringwatch.detectors.rules;

import static io.ringwatch.detectors.features.Swipes.aSwipe;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.features.Swipes;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestTest {
  private final RuleCompiler compiler = new RuleCompiler();

  private CompiledRuleSet compile(RuleSet set) {
    return ((RuleCompilation.Compiled) compiler.compile(set)).rules();
  }

  private static FeatureExtractor freshFeatures() {
    return new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(1000, 100));
  }

  private BacktestReport backtest(List<Transaction> events, RuleSet candidate) {
    return new Backtest(
            freshFeatures(),
            new HeuristicLogisticModel(),
            compile(candidate),
            compile(DefaultRules.ruleSet()),
            null,
            Backtest.DEFAULT_SAMPLE)
        .run(events);
  }

  /** Six swipes of one card in six minutes (fraud), three discounted priority sales, a transfer. */
  private static List<Transaction> labelledHistory() {
    List<Transaction> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(
          aSwipe()
              .id("swipe-" + i)
              .account("A-v")
              .card("C-v")
              .at(Duration.ofMinutes(i))
              .fraud(true)
              .build());
    }
    events.add(sale("sale-80", "A-s1", 80, true));
    events.add(sale("sale-75", "A-s2", 75, true));
    events.add(sale("sale-60", "A-s3", 60, false));
    events.add(
        aSwipe()
            .id("transfer-900")
            .account("A-t")
            .transferTo("A-u")
            .amount(900)
            .at(Duration.ofMinutes(30))
            .fraud(false)
            .build());
    return events;
  }

  private static Transaction sale(String id, String account, double discount, boolean fraud) {
    Swipes sale = aSwipe().id(id).account(account).sale(discount, true).at(Duration.ofMinutes(20));
    return sale.fraud(fraud).build();
  }

  /** The default rules with the discount threshold raised to 70 and a large-amount rule added. */
  private static RuleSet candidate() {
    List<Rule> rules = new ArrayList<>();
    for (Rule rule : DefaultRules.rules()) {
      if (rule.id().equals(DefaultRules.DISCOUNTED_PRIORITY_SALE)) {
        rules.add(
            new Rule(
                rule.id(),
                "discount > 70 && priority_shipping && event_type == 'sale_event'",
                rule.outcome(),
                rule.priority(),
                rule.description()));
      } else {
        rules.add(rule);
      }
    }
    rules.add(new Rule("large-amount", "amount > 500", Outcome.REVIEW, 30, ""));
    return new RuleSet(2, rules);
  }

  private static BacktestReport.RuleResult rule(BacktestReport.RuleSetResult set, String id) {
    return set.rules().stream().filter(r -> r.ruleId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void shouldReportHitsPerRuleWithPrecisionAndRecallAgainstTheLabels() {
    BacktestReport report = backtest(labelledHistory(), candidate());

    assertThat(report.counted()).isEqualTo(10);
    assertThat(report.labelled()).isEqualTo(10);
    assertThat(report.positives()).isEqualTo(8);
    BacktestReport.RuleResult activeSale = rule(report.active(), "discounted-priority-sale");
    assertThat(activeSale.hits()).isEqualTo(3);
    assertThat(activeSale.fraudHits()).isEqualTo(2);
    assertThat(activeSale.precision()).isEqualTo(2.0 / 3);
    assertThat(activeSale.recall()).isEqualTo(2.0 / 8);
    BacktestReport.RuleResult candidateSale = rule(report.candidate(), "discounted-priority-sale");
    assertThat(candidateSale.hits()).isEqualTo(2);
    assertThat(candidateSale.precision()).isEqualTo(1.0);
    BacktestReport.RuleResult velocity = rule(report.candidate(), DefaultRules.CARD_VELOCITY);
    assertThat(velocity.hits()).isEqualTo(1);
    assertThat(velocity.fraudHits()).isEqualTo(1);
    assertThat(rule(report.candidate(), "large-amount").hits()).isEqualTo(1);
    assertThat(rule(report.candidate(), "large-amount").precision()).isEqualTo(0.0);

    // active flags: the 6th swipe and three sales -> 3 fraud of 4 flagged, 3 of 8 fraud found
    assertThat(report.active().flagged()).isEqualTo(4);
    assertThat(report.active().quality().precision()).isEqualTo(3.0 / 4);
    assertThat(report.active().quality().recall()).isEqualTo(3.0 / 8);
    // candidate: the 6th swipe, two sales, the transfer -> 3 of 4 flagged are fraud
    assertThat(report.candidate().quality().truePositives()).isEqualTo(3);
    assertThat(report.candidate().quality().falsePositives()).isEqualTo(1);
    assertThat(report.candidate().quality().falseNegatives()).isEqualTo(5);
    assertThat(report.candidate().quality().trueNegatives()).isEqualTo(1);
  }

  @Test
  void shouldListTheEventsTheCandidateFlagsAnewAndThoseItNoLongerFlags() {
    BacktestReport report = backtest(labelledHistory(), candidate());

    assertThat(report.newlyFlagged()).isEqualTo(1);
    assertThat(report.newlyFlaggedSample()).containsExactly("transfer-900");
    assertThat(report.noLongerFlagged()).isEqualTo(1);
    assertThat(report.noLongerFlaggedSample()).containsExactly("sale-60");
    assertThat(report.transitions().get(Outcome.APPROVE).get(Outcome.REVIEW)).isEqualTo(1);
    assertThat(report.transitions().get(Outcome.REVIEW).get(Outcome.APPROVE)).isEqualTo(1);
    assertThat(report.transitions().get(Outcome.APPROVE).get(Outcome.APPROVE)).isEqualTo(5);
    assertThat(report.transitions().get(Outcome.REVIEW).get(Outcome.REVIEW)).isEqualTo(3);
    assertThat(report.changed()).isEqualTo(2);
  }

  @Test
  void shouldFindNoDifferenceWhenTheCandidateIsTheActiveSet() {
    BacktestReport report = backtest(labelledHistory(), DefaultRules.ruleSet());

    assertThat(report.changed()).isZero();
    assertThat(report.newlyFlaggedSample()).isEmpty();
    assertThat(report.candidate().rules()).isEqualTo(report.active().rules());
    assertThat(report.candidate().quality()).isEqualTo(report.active().quality());
  }

  @Test
  void shouldReplayInEventTimeOrderWhateverTheInputOrder() {
    List<Transaction> reversed = new ArrayList<>(labelledHistory());
    java.util.Collections.reverse(reversed);

    BacktestReport report = backtest(reversed, candidate());

    // the sixth swipe is only the sixth in event time
    assertThat(rule(report.candidate(), DefaultRules.CARD_VELOCITY).hits()).isEqualTo(1);
    assertThat(report.firstEventTime()).isEqualTo(Swipes.T0);
  }

  @Test
  void shouldReplayADuplicateIdOnce() {
    List<Transaction> events = new ArrayList<>(labelledHistory());
    events.add(events.get(2));

    BacktestReport report = backtest(events, candidate());

    assertThat(report.replayed()).isEqualTo(10);
    assertThat(rule(report.active(), DefaultRules.CARD_VELOCITY).hits()).isEqualTo(1);
  }

  @Test
  void shouldWarmTheStateWithEventsBeforeCountFromWithoutCountingThem() {
    BacktestReport report =
        new Backtest(
                freshFeatures(),
                new HeuristicLogisticModel(),
                compile(candidate()),
                compile(DefaultRules.ruleSet()),
                Swipes.T0.plus(Duration.ofMinutes(5)),
                Backtest.DEFAULT_SAMPLE)
            .run(labelledHistory());

    assertThat(report.replayed()).isEqualTo(10);
    assertThat(report.counted()).isEqualTo(5);
    // the first five swipes warmed the card: the sixth still fires, and is the only swipe counted
    assertThat(rule(report.active(), DefaultRules.CARD_VELOCITY).hits()).isEqualTo(1);
    assertThat(report.positives()).isEqualTo(3);
  }

  @Test
  void shouldLeavePrecisionUndefinedWhenNothingLabelledIsFlagged() {
    List<Transaction> unlabelled = List.of(aSwipe().id("quiet").build());

    BacktestReport report = backtest(unlabelled, candidate());

    assertThat(report.labelled()).isZero();
    assertThat(report.candidate().quality().precision()).isNull();
    assertThat(report.candidate().quality().recall()).isNull();
  }
}
