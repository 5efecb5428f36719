package io.ringwatch.detectors.features;

import static io.ringwatch.detectors.features.Swipes.aSwipe;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpendingProfileTest {
  private final FeatureExtractor extractor =
      new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(1000, 100));

  @Test
  void shouldCompareTheAmountWithTheAccountsThirtyDayMeanAcrossQuietDays() {
    // ten payments of 20.00 two days apart: the 24-hour windows forget each before the next
    for (int day = 0; day < 20; day += 2) {
      extractor.extract(aSwipe().amount(20).merchant("M-" + day).at(Duration.ofDays(day)).build());
    }

    FeatureVector v =
        extractor.extract(aSwipe().amount(100).merchant("M-0").at(Duration.ofDays(21)).build());

    assertThat(v.get(FeatureNames.ACCOUNT_AMOUNT_RATIO_30D)).isEqualTo(5.0);
    assertThat(v.get(FeatureNames.ACCOUNT_COUNT_30D)).isEqualTo(11.0);
    assertThat(v.get(FeatureNames.ACCOUNT_COUNT_7D)).isEqualTo(3.0); // days 16, 18 and 21
    assertThat(v.get(FeatureNames.ACCOUNT_MEAN_AMOUNT_7D)).isEqualTo((2 * 20 + 100) / 3.0);
    assertThat(v.get(FeatureNames.ACCOUNT_MEAN_AMOUNT_1D)).isEqualTo(100.0);
    assertThat(v.get(FeatureNames.MERCHANT_COUNT_30D)).isEqualTo(2.0);
    assertThat(v.get(FeatureNames.MERCHANT_COUNT_1D)).isEqualTo(1.0);
  }
}
