package io.ringwatch.detectors.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.features.FeatureVector;
import io.ringwatch.detectors.features.Swipes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleCompilerTest {
  private static final Instant WHEN = Instant.parse("2026-11-02T10:00:00Z");
  private final RuleCompiler compiler = new RuleCompiler();
  private final CompiledRuleSet defaults =
      ((RuleCompilation.Compiled) compiler.compile(DefaultRules.ruleSet())).rules();

  private static FeatureVector features(String... nameValuePairs) {
    double[] values = new double[FeatureNames.size()];
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      values[FeatureNames.indexOf(nameValuePairs[i])] = Double.parseDouble(nameValuePairs[i + 1]);
    }
    return new FeatureVector(values);
  }

  private RuleEvaluation evaluate(Swipes event, FeatureVector features, int insightScore) {
    return defaults.evaluate(new RuleVariables(event.build(), features, insightScore));
  }

  private static List<String> ids(RuleEvaluation evaluation) {
    return evaluation.hits().stream().map(RuleHit::ruleId).toList();
  }

  @Test
  void shouldNotReviewSixSwipesOfACardThatUsuallyDoesFiftyInTenMinutes() {
    RuleEvaluation busy =
        evaluate(Swipes.aSwipe(), features("card_count_10m", "60", "card_expected_10m", "50"), 10);
    RuleEvaluation burst =
        evaluate(Swipes.aSwipe(), features("card_count_10m", "160", "card_expected_10m", "50"), 10);

    assertThat(busy.hits()).isEmpty();
    assertThat(ids(burst)).containsExactly(DefaultRules.CARD_VELOCITY);
  }

  @Test
  void shouldReviewAnAccountThatMovedTwiceWithinAnHour() {
    RuleEvaluation twice =
        evaluate(Swipes.aSwipe(), features("account_location_changes_1h", "2"), 10);
    RuleEvaluation once =
        evaluate(Swipes.aSwipe(), features("account_location_changes_1h", "1"), 10);

    assertThat(ids(twice)).containsExactly(DefaultRules.LOCATION_HOPPING);
    assertThat(once.hits()).isEmpty();
  }

  @Test
  void shouldReviewMoreThanFiveCardSwipesInTenMinutes() {
    RuleEvaluation six = evaluate(Swipes.aSwipe(), features("card_count_10m", "6"), 10);
    RuleEvaluation five = evaluate(Swipes.aSwipe(), features("card_count_10m", "5"), 10);

    assertThat(six.outcome()).isEqualTo(Outcome.REVIEW);
    assertThat(ids(six)).containsExactly(DefaultRules.CARD_VELOCITY);
    assertThat(five.outcome()).isEqualTo(Outcome.APPROVE);
    assertThat(five.hits()).isEmpty();
  }

  @Test
  void shouldReviewADiscountedPrioritySaleOnly() {
    RuleEvaluation flagged = evaluate(Swipes.aSwipe().sale(60, true), features(), 10);
    RuleEvaluation smallDiscount = evaluate(Swipes.aSwipe().sale(50, true), features(), 10);
    RuleEvaluation standardShipping = evaluate(Swipes.aSwipe().sale(80, false), features(), 10);
    RuleEvaluation cardPayment = evaluate(Swipes.aSwipe(), features(), 10);

    assertThat(ids(flagged)).containsExactly(DefaultRules.DISCOUNTED_PRIORITY_SALE);
    assertThat(smallDiscount.hits()).isEmpty();
    assertThat(standardShipping.hits()).isEmpty();
    assertThat(cardPayment.hits()).isEmpty();
    assertThat(cardPayment.errors()).isEmpty();
  }

  @Test
  void shouldReviewAStrongBenfordDeviationWithEnoughSample() {
    RuleEvaluation strong =
        evaluate(
            Swipes.aSwipe(),
            features("account_benford_n", "120", "account_benford_mad", "0.2"),
            10);
    RuleEvaluation smallSample =
        evaluate(
            Swipes.aSwipe(), features("account_benford_n", "60", "account_benford_mad", "0.2"), 10);
    RuleEvaluation merchant =
        evaluate(
            Swipes.aSwipe(),
            features("merchant_benford_n", "400", "merchant_benford_mad", "0.04"),
            10);
    RuleEvaluation mild =
        evaluate(
            Swipes.aSwipe(),
            features("merchant_benford_n", "400", "merchant_benford_mad", "0.012"),
            10);

    assertThat(ids(strong)).containsExactly(DefaultRules.BENFORD_DEVIATION);
    assertThat(smallSample.hits()).isEmpty();
    assertThat(ids(merchant)).containsExactly(DefaultRules.BENFORD_DEVIATION);
    assertThat(mild.hits()).isEmpty();
  }

  @Test
  void shouldBlockAboveAnInsightScoreOf900AndLetTheBlockDecide() {
    RuleEvaluation high = evaluate(Swipes.aSwipe(), features("card_count_10m", "9"), 901);
    RuleEvaluation edge = evaluate(Swipes.aSwipe(), features(), 900);

    assertThat(high.outcome()).isEqualTo(Outcome.BLOCK);
    assertThat(ids(high))
        .containsExactly(DefaultRules.HIGH_INSIGHT_SCORE, DefaultRules.CARD_VELOCITY);
    assertThat(edge.outcome()).isEqualTo(Outcome.APPROVE);
  }

  @Test
  void shouldReportASyntaxErrorWithRuleIdAndPosition() {
    RuleCompilation result =
        compiler.compile(
            new RuleSet(
                2,
                List.of(
                    new Rule("ok", "amount > 1", Outcome.REVIEW, 1, ""),
                    new Rule("broken", "amount > \n  (card_count_10m >", Outcome.REVIEW, 1, ""))));

    assertThat(result).isInstanceOf(RuleCompilation.Failed.class);
    RuleCompileError error = ((RuleCompilation.Failed) result).errors().get(0);
    assertThat(error.ruleId()).isEqualTo("broken");
    assertThat(error.line()).isEqualTo(2);
    assertThat(error.column()).isGreaterThan(1);
    assertThat(error.message()).contains("syntax error");
  }

  @Test
  void shouldReportAnUnknownVariableAtItsPosition() {
    RuleCompilation result =
        compiler.compile(
            new RuleSet(
                2,
                List.of(
                    new Rule("typo", "amount > 1 && card_cnt_10m > 5", Outcome.REVIEW, 1, ""))));

    RuleCompileError error = ((RuleCompilation.Failed) result).errors().get(0);
    assertThat(error.message()).isEqualTo("unknown variable 'card_cnt_10m'");
    assertThat(error.line()).isEqualTo(1);
    assertThat(error.column()).isEqualTo(15);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "''.getClass() != null",
        "''.class.forName('java.lang.Runtime') != null",
        "System.exit(1)",
        "new('java.lang.ProcessBuilder', 'sh') != null",
        "amount = 5",
        "var x = 1; x > 0",
        "(x -> x)(1) > 0",
        "for (i : [1,2]) { amount }",
        "event_type.length() > 3",
        "event_type.bytes != null",
        "#pragma jexl.import java.lang\n amount > 1"
      })
  void shouldRefuseEscapesFromTheSandboxAtCompileTime(String expression) {
    RuleCompilation result =
        compiler.compile(
            new RuleSet(2, List.of(new Rule("escape", expression, Outcome.REVIEW, 1, ""))));

    assertThat(result).isInstanceOf(RuleCompilation.Failed.class);
    assertThat(((RuleCompilation.Failed) result).errors())
        .singleElement()
        .satisfies(error -> assertThat(error.ruleId()).isEqualTo("escape"));
  }

  @Test
  void shouldCountANonBooleanRuleAsAnErrorNotAHit() {
    CompiledRuleSet set =
        ((RuleCompilation.Compiled)
                compiler.compile(
                    new RuleSet(
                        2, List.of(new Rule("number", "amount + 1", Outcome.BLOCK, 1, "")))))
            .rules();

    RuleEvaluation evaluation =
        set.evaluate(new RuleVariables(Swipes.aSwipe().build(), features("amount", "3"), 0));

    assertThat(evaluation.outcome()).isEqualTo(Outcome.APPROVE);
    assertThat(evaluation.errors()).singleElement().asString().startsWith("number:");
  }

  @Test
  void shouldSwapTheActiveSetAndKeepWhoChangedItWhen() {
    ActiveRules rules = new ActiveRules(compiler, DefaultRules.ruleSet(), "system", WHEN, 10);
    CompiledRuleSet before = rules.current();

    RuleCompilation ok =
        rules.replace(
            List.of(new Rule("big", "amount > 1000", Outcome.BLOCK, 1, "")),
            "alice",
            WHEN.plusSeconds(60));
    RuleCompilation bad =
        rules.replace(List.of(new Rule("bad", "amount >", Outcome.BLOCK, 1, "")), "mallory", WHEN);

    assertThat(ok).isInstanceOf(RuleCompilation.Compiled.class);
    assertThat(bad).isInstanceOf(RuleCompilation.Failed.class);
    assertThat(rules.current().version()).isEqualTo(2);
    assertThat(rules.current().source().rules()).extracting(Rule::id).containsExactly("big");
    assertThat(before.version()).isEqualTo(1);
    assertThat(rules.history())
        .extracting(RuleChange::user, change -> change.rules().version())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("system", 1L),
            org.assertj.core.groups.Tuple.tuple("alice", 2L));
  }

  @Test
  void shouldRejectMalformedRulesAsData() {
    assertThatThrownBy(() -> new Rule("has space", "amount > 1", Outcome.REVIEW, 1, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rule id");
    assertThatThrownBy(
            () ->
                new RuleSet(
                    1,
                    List.of(
                        new Rule("a", "amount > 1", Outcome.REVIEW, 1, ""),
                        new Rule("a", "amount > 2", Outcome.REVIEW, 1, ""))))
        .hasMessageContaining("appears twice");
  }
}
