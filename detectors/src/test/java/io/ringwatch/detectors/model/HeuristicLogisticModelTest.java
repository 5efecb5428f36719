package io.ringwatch.detectors.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.features.FeatureVector;
import org.junit.jupiter.api.Test;

class HeuristicLogisticModelTest {
  private final HeuristicLogisticModel model = new HeuristicLogisticModel();

  private static FeatureVector with(String name, double value) {
    double[] values = new double[FeatureNames.size()];
    values[FeatureNames.indexOf(name)] = value;
    return new FeatureVector(values);
  }

  @Test
  void shouldScoreAQuietEventNearZeroWithNoReasons() {
    ModelScore score = model.score(new FeatureVector(new double[FeatureNames.size()]));

    assertThat(score.insightScore()).isLessThan(10);
    assertThat(score.topReasons(3)).isEmpty();
  }

  @Test
  void shouldExplainTheScoreWithContributionsThatSumWithTheBaseToTheLogOdds() {
    double[] values = new double[FeatureNames.size()];
    values[FeatureNames.indexOf(FeatureNames.CARD_VELOCITY_Z_1M)] = 6;
    values[FeatureNames.indexOf(FeatureNames.ACCOUNT_VELOCITY_Z_1M)] = 6;
    values[FeatureNames.indexOf(FeatureNames.DEVICE_NEW_FOR_ACCOUNT)] = 1;
    values[FeatureNames.indexOf(FeatureNames.AMOUNT_ZSCORE)] = 12;
    ModelScore score = model.score(new FeatureVector(values));

    double p = 1 / (1 + Math.exp(-score.logOdds()));
    assertThat(score.insightScore()).isEqualTo((int) Math.round(1000 * p));
    assertThat(score.insightScore()).isGreaterThan(900);
    assertThat(score.topReasons(3)).hasSize(3);
    assertThat(score.topReasons(3))
        .extracting(ReasonCode::feature)
        .containsExactly("amount_zscore", "card_velocity_z_1m", "account_velocity_z_1m");
    double sum = score.base();
    for (ReasonCode reason : score.contributions()) {
      sum += reason.contribution();
    }
    assertThat(sum).isCloseTo(score.logOdds(), within(1e-12));
  }

  @Test
  void shouldNotScoreABusyAccountForBeingBusy() {
    // given an account and card with 5,000 events in ten minutes, as many as they usually have
    double[] values = new double[FeatureNames.size()];
    values[FeatureNames.indexOf("account_count_10m")] = 5000;
    values[FeatureNames.indexOf("card_count_10m")] = 5000;
    values[FeatureNames.indexOf("account_count_1m")] = 500;
    values[FeatureNames.indexOf(FeatureNames.ACCOUNT_EXPECTED_10M)] = 5000;
    values[FeatureNames.indexOf(FeatureNames.CARD_EXPECTED_10M)] = 5000;

    // then raw counts do not move the score
    assertThat(model.score(new FeatureVector(values)).insightScore()).isLessThan(10);
  }

  @Test
  void shouldRaiseTheScoreWhenADeviceMateIsInARing() {
    int without = model.score(with(FeatureNames.DEVICE_MATE_IN_RING, 0)).insightScore();
    int with = model.score(with(FeatureNames.DEVICE_MATE_IN_RING, 1)).insightScore();
    assertThat(with).isGreaterThan(without);
    assertThat(model.version()).isEqualTo("heuristic-logistic-2");
  }
}
