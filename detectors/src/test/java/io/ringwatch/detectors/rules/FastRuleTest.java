package io.ringwatch.detectors.rules;

import static io.ringwatch.detectors.features.Swipes.aSwipe;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.FeatureVector;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct evaluator agrees with JEXL on every event, and declines what it does not cover. */
class FastRuleTest {
  private static final List<String> COVERED =
      List.of(
          "card_count_10m > 5 && card_count_10m > 3 * (card_expected_10m + 1)",
          "discount > 50 && priority_shipping && event_type == 'sale_event'",
          "(account_benford_n >= 100 && account_benford_mad > 0.05)"
              + " || (merchant_benford_n >= 300 && merchant_benford_mad > 0.035)",
          "insight_score > 900",
          "account_location_changes_1h >= 2",
          "!(amount <= 40) || -amount < -100",
          "(amount - 1 * 2 + 3 == 45) != false",
          "channel == \"CARD\" && currency != 'EUR' && !is_transfer",
          "store_id == '' || gift_wrap == true",
          "hour_of_day >= 0 && hour_of_day < 24 && payment_method == ''",
          "insight_score * 2 >= amount - 1000 && true");

  private static final List<String> NOT_COVERED =
      List.of(
          "amount / 2 > 10",
          "amount % 2 == 0",
          "amount > 10 ? true : false",
          "amount gt 10",
          "event_type =~ ['sale_event']",
          "event_type == 'it\\'s'",
          "amount > 1e3",
          "amount > 10000000000",
          "amount > 10l",
          "amount == 'x'",
          "channel > 'A'",
          "amount",
          "empty(store_id)",
          "amount < 1 < 2",
          "amount == 1 == true");

  private static CompiledRuleSet compile(List<String> expressions) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      rules.add(new Rule("r" + i, expressions.get(i), Outcome.REVIEW, i, ""));
    }
    RuleCompilation compiled = new RuleCompiler().compile(new RuleSet(1, rules));
    assertThat(compiled).as(compiled.toString()).isInstanceOf(RuleCompilation.Compiled.class);
    return ((RuleCompilation.Compiled) compiled).rules();
  }

  /** Events with a spread of values: swipes, bursts, transfers, sales, different amounts. */
  private static List<Transaction> events() {
    Random random = new Random(11);
    List<Transaction> events = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      var swipe =
          aSwipe()
              .account("A-" + random.nextInt(5))
              .card("C-" + random.nextInt(3))
              .amount(Math.round(random.nextDouble() * 200000) / 100.0)
              .location(random.nextBoolean() ? "Lyon" : "Paris")
              .at(Duration.ofSeconds(i * 7L));
      switch (random.nextInt(4)) {
        case 0 -> swipe.transferTo("B-" + random.nextInt(3));
        case 1 -> swipe.sale(random.nextInt(101), random.nextBoolean());
        default -> {}
      }
      events.add(swipe.build());
    }
    return events;
  }

  @Test
  void shouldAgreeWithJexlOnEveryEventAndRule() {
    CompiledRuleSet rules = compile(COVERED);
    assertThat(rules.directlyEvaluated()).isEqualTo(COVERED.size());
    FeatureExtractor features =
        new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(1000, 100));
    Random random = new Random(5);
    int fired = 0;
    for (Transaction t : events()) {
      FeatureVector vector = features.extract(t);
      RuleVariables variables = new RuleVariables(t, vector, random.nextInt(1001));

      RuleEvaluation direct = rules.evaluate(variables, true);
      RuleEvaluation jexl = rules.evaluate(variables, false);

      assertThat(direct).isEqualTo(jexl);
      assertThat(jexl.errors()).isEmpty();
      fired += direct.hits().size();
    }
    assertThat(fired).isGreaterThan(100);
  }

  @Test
  void shouldEvaluateEveryDefaultRuleDirectly() {
    CompiledRuleSet defaults =
        ((RuleCompilation.Compiled) new RuleCompiler().compile(DefaultRules.ruleSet())).rules();

    assertThat(defaults.directlyEvaluated()).isEqualTo(DefaultRules.rules().size());
  }

  @Test
  void shouldLeaveEverythingElseToJexl() {
    for (String expression : NOT_COVERED) {
      assertThat(FastRule.compile(expression)).as(expression).isNull();
    }
  }

  @Test
  void shouldKeepJexlRunTimeErrorsForRulesItDoesNotCover() {
    CompiledRuleSet rules = compile(List.of("amount / 0 > 1", "amount > 1"));
    Transaction t = aSwipe().build();
    FeatureVector vector =
        new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(10, 10))
            .extract(t);

    RuleEvaluation evaluation = rules.evaluate(new RuleVariables(t, vector, 0));

    assertThat(rules.directlyEvaluated()).isEqualTo(1);
    assertThat(evaluation.errors()).singleElement().asString().startsWith("r0:");
    assertThat(evaluation.hits()).extracting(RuleHit::ruleId).containsExactly("r1");
  }
}
