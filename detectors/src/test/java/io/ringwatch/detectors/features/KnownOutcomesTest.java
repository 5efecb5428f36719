package io.ringwatch.detectors.features;

import static io.ringwatch.detectors.features.Swipes.aSwipe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringwatch.detectors.domain.Transaction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KnownOutcomesTest {
  private static final Duration DELAY = Duration.ofDays(7);

  private final KnownOutcomes outcomes = new KnownOutcomes(KnownOutcomes.Settings.withLag(DELAY));
  private final FeatureExtractor extractor =
      new FeatureExtractor(
          FeatureSettings.defaults(), new InMemoryGraphFeatures(1000, 100), outcomes);

  private FeatureVector score(Transaction t) {
    return extractor.extract(t);
  }

  private Transaction atTerminal(String account, Duration after) {
    return aSwipe().account(account).card("C-" + account).merchant("T-1").at(after).build();
  }

  @Test
  void shouldKeepAFraudHiddenFromTheFeaturesUntilItsLabelDelayHasPassed() {
    // given a fraud at terminal T-1, known seven days later
    Transaction fraud = atTerminal("A-1", Duration.ZERO);
    score(fraud);
    outcomes.offer(KnownOutcome.of(fraud, true, DELAY));

    // when another card pays there a millisecond before and exactly at the delay
    FeatureVector before = score(atTerminal("A-2", DELAY.minusMillis(1)));
    FeatureVector at = score(atTerminal("A-3", DELAY));

    // then only the second one sees it
    assertThat(before.get(FeatureNames.MERCHANT_KNOWN_30D)).isZero();
    assertThat(before.get(FeatureNames.MERCHANT_DAYS_SINCE_KNOWN_FRAUD)).isEqualTo(67.0);
    assertThat(outcomes.applied()).isEqualTo(1);
    assertThat(at.get(FeatureNames.MERCHANT_KNOWN_1D)).isEqualTo(1.0);
    assertThat(at.get(FeatureNames.MERCHANT_KNOWN_FRAUD_SHARE_1D)).isEqualTo(1.0);
    assertThat(at.get(FeatureNames.MERCHANT_DAYS_SINCE_KNOWN_FRAUD)).isEqualTo(7.0);
    assertThat(at.get(FeatureNames.MERCHANT_KNOWN_BENIGN_AFTER_FRAUD)).isZero();
  }

  @Test
  void shouldReadTheLatestKnownOutcomesWhenTheFeedbackStopsInsteadOfEmptyWindows() {
    // given frauds at T-1 on days 0 and 1 and a fraud of card C-A-1 on day 1, with feedback that
    // covers events up to day 1 only (a labels file's last labelled event)
    Transaction first = atTerminal("A-1", Duration.ZERO);
    Transaction second = atTerminal("A-1", Duration.ofDays(1));
    for (Transaction t : new Transaction[] {first, second}) {
      score(t);
      outcomes.offer(KnownOutcome.of(t, true, DELAY));
    }
    KnownOutcomes stopped = new KnownOutcomes(KnownOutcomes.Settings.withLag(DELAY));
    FeatureExtractor covered =
        new FeatureExtractor(
            FeatureSettings.defaults(), new InMemoryGraphFeatures(1000, 100), stopped);
    for (Transaction t : new Transaction[] {first, second}) {
      covered.extract(t);
      stopped.offer(KnownOutcome.of(t, true, DELAY));
    }
    stopped.coverUntil(second.timestamp());

    // when A-1 pays at T-1 on day 8, while the feedback is still timely, and on day 15, a week
    // after it stopped
    FeatureVector timely = score(atTerminal("A-1", Duration.ofDays(8)));
    FeatureVector timelyCovered = covered.extract(atTerminal("A-1", Duration.ofDays(8)));
    FeatureVector late = score(atTerminal("A-1", Duration.ofDays(15)));
    FeatureVector lateCovered = covered.extract(atTerminal("A-1", Duration.ofDays(15)));

    // then within the lag of the feedback's end nothing changes
    assertThat(timelyCovered.toArray()).containsExactly(timely.toArray());
    assertThat(timely.get(FeatureNames.MERCHANT_KNOWN_FRAUDS_1D)).isEqualTo(1.0);
    // and past it, windows that end a lag before now have nothing in them, while the covered
    // windows read the last day of feedback; its age shows in the days since
    assertThat(late.get(FeatureNames.MERCHANT_KNOWN_FRAUDS_1D)).isZero();
    assertThat(late.get(FeatureNames.MERCHANT_KNOWN_7D)).isZero();
    assertThat(late.get(FeatureNames.MERCHANT_DAYS_SINCE_KNOWN_FRAUD)).isEqualTo(14.0);
    assertThat(lateCovered.get(FeatureNames.MERCHANT_KNOWN_FRAUDS_1D)).isEqualTo(1.0);
    assertThat(lateCovered.get(FeatureNames.MERCHANT_KNOWN_7D)).isEqualTo(2.0);
    assertThat(lateCovered.get(FeatureNames.MERCHANT_DAYS_SINCE_KNOWN_FRAUD)).isEqualTo(14.0);
    assertThat(lateCovered.get(FeatureNames.CARD_DAYS_SINCE_KNOWN_FRAUD)).isEqualTo(14.0);
    assertThat(lateCovered.get(FeatureNames.CARD_KNOWN_FRAUDS_30D)).isEqualTo(2.0);
  }

  @Test
  void shouldSeeATerminalTurnCleanWhenAGenuineOutcomeFollowsItsLatestFraud() {
    Transaction first = atTerminal("A-1", Duration.ZERO);
    Transaction second = atTerminal("A-2", Duration.ofDays(1));
    Transaction genuine = atTerminal("A-3", Duration.ofDays(2));
    for (Transaction t : new Transaction[] {first, second, genuine}) {
      score(t);
    }
    outcomes.offer(KnownOutcome.of(genuine, false, DELAY));
    outcomes.offer(KnownOutcome.of(first, true, DELAY));
    outcomes.offer(KnownOutcome.of(second, true, DELAY));

    FeatureVector during = score(atTerminal("A-4", Duration.ofDays(8).plusHours(1)));
    FeatureVector after = score(atTerminal("A-5", Duration.ofDays(9).plusHours(1)));

    assertThat(during.get(FeatureNames.MERCHANT_KNOWN_7D)).isEqualTo(2.0);
    assertThat(during.get(FeatureNames.MERCHANT_KNOWN_FRAUD_SHARE_7D)).isEqualTo(1.0);
    assertThat(during.get(FeatureNames.MERCHANT_KNOWN_FRAUD_ACCOUNTS_30D)).isEqualTo(2.0);
    assertThat(during.get(FeatureNames.MERCHANT_KNOWN_FRAUD_RUN_LENGTH)).isEqualTo(2.0);
    assertThat(after.get(FeatureNames.MERCHANT_KNOWN_7D)).isEqualTo(3.0);
    assertThat(after.get(FeatureNames.MERCHANT_KNOWN_FRAUD_SHARE_7D)).isEqualTo(2 / 3.0);
    assertThat(after.get(FeatureNames.MERCHANT_KNOWN_BENIGN_AFTER_FRAUD)).isEqualTo(1.0);
  }

  @Test
  void shouldCountTheFraudsOfATerminalsLatestRunWithoutReadingHowManyDaysItHasLasted() {
    // given a genuine payment at T-1 on day 0, then frauds on days 2 and 3, all known 7 days on
    Transaction genuine = atTerminal("A-1", Duration.ZERO);
    Transaction first = atTerminal("A-2", Duration.ofDays(2));
    Transaction second = atTerminal("A-3", Duration.ofDays(3));
    for (Transaction t : new Transaction[] {genuine, first, second}) {
      score(t);
      outcomes.offer(KnownOutcome.of(t, !t.equals(genuine), DELAY));
    }

    // when a card pays there on day 12
    FeatureVector v = score(atTerminal("A-4", Duration.ofDays(12)));

    // then the latest run holds two frauds; how many days it has lasted is no feature (ADR 22's
    // addendum: a model reads the generator's compromise length from it and calls a re-drawn
    // compromise over)
    assertThat(v.get(FeatureNames.MERCHANT_KNOWN_FRAUD_RUN_LENGTH)).isEqualTo(2.0);
    assertThat(FeatureNames.ALL)
        .doesNotContain("merchant_known_fraud_run_days", "merchant_days_since_benign_before_run");
  }

  @Test
  void shouldTellFraudsThatADefraudedCardExplainsFromThoseOfACompromisedTerminal() {
    // given card A-1 defrauded at T-2 and T-3 as well as at T-1, and card A-2 only at T-1
    Transaction[] frauds = {
      aSwipe().account("A-1").card("C-A-1").merchant("T-2").at(Duration.ofHours(1)).build(),
      aSwipe().account("A-1").card("C-A-1").merchant("T-3").at(Duration.ofHours(2)).build(),
      atTerminal("A-1", Duration.ofHours(3)),
      atTerminal("A-2", Duration.ofHours(4))
    };
    for (Transaction t : frauds) {
      score(t);
      outcomes.offer(KnownOutcome.of(t, true, DELAY));
    }

    // when a third card pays at T-1 once they are known
    FeatureVector v = score(atTerminal("A-3", Duration.ofDays(8)));

    // then one of T-1's two known frauds is the card's doing and one is unexplained
    assertThat(v.get(FeatureNames.MERCHANT_KNOWN_FRAUDS_7D)).isEqualTo(2.0);
    assertThat(v.get(FeatureNames.MERCHANT_KNOWN_FRAUDS_OF_DEFRAUDED_ACCOUNTS_7D)).isEqualTo(1.0);
    assertThat(v.get(FeatureNames.MERCHANT_KNOWN_FRAUDS_UNEXPLAINED_7D)).isEqualTo(1.0);
  }

  @Test
  void shouldRememberAKnownCompromisedAccountAndCard() {
    Transaction fraud = aSwipe().account("A-9").card("C-9").merchant("T-7").build();
    score(fraud);
    outcomes.offer(KnownOutcome.of(fraud, true, DELAY));

    FeatureVector later =
        score(aSwipe().account("A-9").card("C-9").merchant("T-8").at(Duration.ofDays(10)).build());

    assertThat(later.get(FeatureNames.ACCOUNT_KNOWN_FRAUDS_30D)).isEqualTo(1.0);
    assertThat(later.get(FeatureNames.ACCOUNT_KNOWN_FRAUD_SHARE_30D)).isEqualTo(1.0);
    assertThat(later.get(FeatureNames.ACCOUNT_DAYS_SINCE_KNOWN_FRAUD)).isEqualTo(10.0);
    assertThat(later.get(FeatureNames.CARD_KNOWN_FRAUDS_30D)).isEqualTo(1.0);
    assertThat(later.get(FeatureNames.CARD_DAYS_SINCE_KNOWN_FRAUD)).isEqualTo(10.0);
    assertThat(later.get(FeatureNames.MERCHANT_KNOWN_30D)).isZero();
  }

  @Test
  void shouldRefuseAnOutcomeKnownWhenItsEventIsScored() {
    Transaction t = aSwipe().build();
    assertThatThrownBy(() -> KnownOutcome.of(t, true, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void shouldLeaveTheLabelFedFeaturesAtTheirDefaultsWithoutOutcomes() {
    FeatureVector v = score(atTerminal("A-1", Duration.ZERO));
    for (String name : FeatureNames.LABEL_FED) {
      double expected = name.contains("days") ? 67.0 : 0.0;
      assertThat(v.get(name)).as(name).isEqualTo(expected);
    }
  }
}
