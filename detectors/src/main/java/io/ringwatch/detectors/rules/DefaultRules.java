package io.ringwatch.detectors.rules;

import java.util.List;

/**
 * The rule set a fresh service starts with: what fraud teams ask for first. The Benford thresholds
 * sit at about twice the deviation that sampling noise alone produces at the minimum sample (the
 * mean MAD of a sample that follows Benford's law is about {@code 0.235 / sqrt(n)}), so that
 * "strong" means strong and not "small sample". Velocity rules compare a card with its own baseline
 * ({@code card_expected_10m}, ADR 0010), so a busy card is not flagged for being busy.
 */
public final class DefaultRules {
  public static final String CARD_VELOCITY = "card-velocity-10m";
  public static final String DISCOUNTED_PRIORITY_SALE = "discounted-priority-sale";
  public static final String BENFORD_DEVIATION = "benford-deviation";
  public static final String HIGH_INSIGHT_SCORE = "high-insight-score";
  public static final String LOCATION_HOPPING = "location-hopping";

  private DefaultRules() {}

  /** Version 1 of the rules. */
  public static RuleSet ruleSet() {
    return new RuleSet(1, rules());
  }

  public static List<Rule> rules() {
    return List.of(
        new Rule(
            HIGH_INSIGHT_SCORE,
            "insight_score > 900",
            Outcome.BLOCK,
            100,
            "The model is nearly sure: block."),
        new Rule(
            CARD_VELOCITY,
            "card_count_10m > 5 && card_count_10m > 3 * (card_expected_10m + 1)",
            Outcome.REVIEW,
            50,
            "More than 5 swipes of one card within 10 minutes, and more than three times what"
                + " that card usually does (a new card is assumed quiet)."),
        new Rule(
            LOCATION_HOPPING,
            "account_location_changes_1h >= 2",
            Outcome.REVIEW,
            45,
            "The account's transactions moved between places at least twice within an hour."),
        new Rule(
            DISCOUNTED_PRIORITY_SALE,
            "discount > 50 && priority_shipping && event_type == 'sale_event'",
            Outcome.REVIEW,
            50,
            "A web-store sale above 50% discount with priority shipping: the reseller pattern."),
        new Rule(
            BENFORD_DEVIATION,
            "(account_benford_n >= 100 && account_benford_mad > 0.05)"
                + " || (merchant_benford_n >= 300 && merchant_benford_mad > 0.035)",
            Outcome.REVIEW,
            40,
            "First digits of the account's or the merchant's amounts far from Benford's law."));
  }
}
