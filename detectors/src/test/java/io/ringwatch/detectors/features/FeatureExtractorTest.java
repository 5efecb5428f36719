package io.ringwatch.detectors.features;

import static io.ringwatch.detectors.features.Swipes.aSwipe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ringwatch.detectors.domain.AccountId;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {
  private final InMemoryGraphFeatures graph = new InMemoryGraphFeatures(10_000, 100);
  private final FeatureExtractor extractor =
      new FeatureExtractor(FeatureSettings.defaults(), graph);

  private FeatureVector swipeAt(Duration after) {
    return extractor.extract(aSwipe().at(after).build());
  }

  @Test
  void shouldCountTheSixthSwipeWithinTenMinutesAsSix() {
    FeatureVector last = null;
    for (int i = 0; i < 6; i++) {
      last = swipeAt(Duration.ofMinutes(i));
    }

    assertThat(last.get("card_count_10m")).isEqualTo(6);
    assertThat(last.get("account_count_10m")).isEqualTo(6);
    assertThat(last.get("account_sum_10m")).isCloseTo(6 * 42.0, within(1e-9));
    assertThat(last.get("card_count_1m")).isEqualTo(1);
  }

  @Test
  void shouldFindABurstOnAQuietCardSurprisingButNotTheSameBurstOnABusyOne() {
    // given a quiet card (one swipe an hour for five hours) and a busy one (one every 10 s)
    for (int h = 0; h < 5; h++) {
      extractor.extract(
          aSwipe().card("C-quiet").account("A-quiet").at(Duration.ofHours(h)).build());
    }
    for (int s = 0; s < 5 * 360; s++) {
      extractor.extract(
          aSwipe().card("C-busy").account("A-busy").at(Duration.ofSeconds(10L * s)).build());
    }

    // when each gets eight swipes within 40 seconds
    FeatureVector quiet = null;
    FeatureVector busy = null;
    for (int i = 1; i <= 8; i++) {
      Duration at = Duration.ofHours(5).plusSeconds(5L * i);
      quiet = extractor.extract(aSwipe().card("C-quiet").account("A-quiet").at(at).build());
      busy = extractor.extract(aSwipe().card("C-busy").account("A-busy").at(at).build());
    }

    // then the quiet card's burst stands far above its baseline, the busy card's does not
    assertThat(quiet.get(FeatureNames.CARD_EXPECTED_10M)).isLessThan(0.5);
    assertThat(quiet.get(FeatureNames.CARD_VELOCITY_Z_1M)).isGreaterThan(5);
    assertThat(busy.get(FeatureNames.CARD_EXPECTED_10M)).isCloseTo(60, within(3.0));
    assertThat(busy.get(FeatureNames.CARD_VELOCITY_Z_1M)).isLessThan(3);
    assertThat(busy.get(FeatureNames.CARD_VELOCITY_Z_10M)).isLessThan(1);
  }

  @Test
  void shouldExpireASwipeExactlyTenMinutesOld() {
    // given a swipe at T0 and four more within the window
    for (int i = 0; i < 5; i++) {
      swipeAt(Duration.ofMinutes(2 * i));
    }

    // when the sixth comes exactly ten minutes after the first
    FeatureVector sixth = swipeAt(Duration.ofMinutes(10));

    // then the first has left the window: five, not six
    assertThat(sixth.get("card_count_10m")).isEqualTo(5);
    assertThat(sixth.get("card_count_1h")).isEqualTo(6);
  }

  @Test
  void shouldEmptyEveryWindowButTheDayAfterAnHourOfSilence() {
    swipeAt(Duration.ZERO);
    swipeAt(Duration.ofSeconds(30));

    FeatureVector later = swipeAt(Duration.ofMinutes(61));

    assertThat(later.get("account_count_1m")).isEqualTo(1);
    assertThat(later.get("account_count_10m")).isEqualTo(1);
    assertThat(later.get("account_count_1h")).isEqualTo(1);
    assertThat(later.get("account_count_24h")).isEqualTo(3);
    assertThat(later.get("account_sum_1h")).isCloseTo(42.0, within(1e-9));
  }

  @Test
  void shouldCountAnAccountsEarlierHighAmountsOfTheLastFourteenDays() {
    // given an account paying 40-60 twice a day for ten days, then 300 twice
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      extractor.extract(
          aSwipe().amount(40 + 20 * random.nextDouble()).at(Duration.ofHours(12L * i)).build());
    }
    FeatureVector firstHigh =
        extractor.extract(aSwipe().amount(300).at(Duration.ofHours(240)).build());
    FeatureVector secondHigh =
        extractor.extract(aSwipe().amount(300).at(Duration.ofHours(250)).build());
    // when it pays an ordinary amount within 14 days of them, and again 15 days after them
    FeatureVector ordinary =
        extractor.extract(aSwipe().amount(50).at(Duration.ofHours(260)).build());
    FeatureVector later =
        extractor.extract(aSwipe().amount(50).at(Duration.ofHours(250 + 15 * 24)).build());

    // then each event counts the high amounts before it, within 14 days
    assertThat(firstHigh.get(FeatureNames.ACCOUNT_HIGH_AMOUNTS_14D)).isZero();
    assertThat(firstHigh.get(FeatureNames.ACCOUNT_AMOUNT_TO_MAX)).isGreaterThan(5);
    assertThat(secondHigh.get(FeatureNames.ACCOUNT_HIGH_AMOUNTS_14D)).isEqualTo(1);
    assertThat(secondHigh.get(FeatureNames.ACCOUNT_AMOUNT_TO_MAX)).isEqualTo(1.0);
    assertThat(ordinary.get(FeatureNames.ACCOUNT_HIGH_AMOUNTS_14D)).isEqualTo(2);
    assertThat(later.get(FeatureNames.ACCOUNT_HIGH_AMOUNTS_14D)).isZero();
  }

  @Test
  void shouldCountDistinctMerchantsAndAccountsPerDevice() {
    extractor.extract(aSwipe().merchant("M-1").account("A-1").build());
    extractor.extract(aSwipe().merchant("M-2").account("A-2").card("C-2").build());
    FeatureVector third =
        extractor.extract(
            aSwipe().merchant("M-2").account("A-1").at(Duration.ofSeconds(5)).build());

    assertThat(third.get("account_distinct_merchants_10m")).isEqualTo(2);
    assertThat(third.get("device_distinct_accounts_10m")).isEqualTo(2);
    assertThat(third.get("device_count_10m")).isEqualTo(3);
    assertThat(third.get(FeatureNames.ACCOUNTS_SHARING_DEVICE)).isEqualTo(2);
  }

  @Test
  void shouldCountALateEventAtTheKeysLatestTime() {
    swipeAt(Duration.ofMinutes(30));
    FeatureVector late = swipeAt(Duration.ZERO);

    assertThat(late.get("account_count_1m")).isEqualTo(2);
  }

  @Test
  void shouldHoldTheNumberOfKeysAtTheBoundWhenManyAccountsAppear() {
    // given a bound of 100 keys per kind
    FeatureExtractor bounded =
        new FeatureExtractor(FeatureSettings.defaults().withMaxKeys(100), graph);

    // when 1,000 distinct accounts, cards, devices and IPs appear within a minute
    for (int i = 0; i < 1000; i++) {
      bounded.extract(
          aSwipe()
              .account("A-" + i)
              .card("C-" + i)
              .device("D-" + i)
              .ip("10.1." + (i / 250) + "." + (i % 250))
              .merchant("M-" + i)
              .at(Duration.ofMillis(i))
              .build());
    }

    // then at most 100 of each kind (account, card, device, IP, merchant) are held
    assertThat(bounded.keys()).isLessThanOrEqualTo(5 * 100);
    assertThat(bounded.evictions()).isEqualTo(5 * 900);
  }

  @Test
  void shouldForgetAnIdleAccountAfterTheIdleTime() {
    FeatureExtractor small =
        new FeatureExtractor(FeatureSettings.defaults().withMaxKeys(1000), graph);
    small.extract(aSwipe().account("A-quiet").card("C-quiet").build());
    long before = small.evictions();

    // when other keys keep arriving 49 hours later
    for (int i = 0; i < 10; i++) {
      small.extract(
          aSwipe()
              .account("A-busy-" + i)
              .card("C-busy")
              .at(Duration.ofHours(49).plusSeconds(i))
              .build());
    }

    // then the quiet account (and its card, device, IP, merchant) are gone
    assertThat(small.evictions() - before).isGreaterThanOrEqualTo(2);
    FeatureVector back =
        small.extract(aSwipe().account("A-quiet").card("C-quiet").at(Duration.ofHours(50)).build());
    assertThat(back.get(FeatureNames.ACCOUNT_NEW)).isEqualTo(1);
  }

  @Test
  void shouldCapTheEventsHeldPerKey() {
    VelocityWindows windows = new VelocityWindows(16);
    for (int i = 0; i < 100; i++) {
      windows.add(1000L * i, 1, "m" + i, null);
    }
    assertThat(windows.held()).isEqualTo(16);
    assertThat(windows.count(Window.ONE_DAY)).isEqualTo(16);
    assertThat(windows.count(Window.ONE_MINUTE)).isEqualTo(16);
  }

  @Test
  void shouldScoreAnOutlierAmountWithAHighRobustZScore() {
    Random random = new Random(42);
    for (int i = 0; i < 40; i++) {
      extractor.extract(aSwipe().amount(40 + random.nextInt(20)).at(Duration.ofMinutes(i)).build());
    }

    FeatureVector usual = extractor.extract(aSwipe().amount(50).at(Duration.ofMinutes(41)).build());
    FeatureVector outlier =
        extractor.extract(aSwipe().amount(2500).at(Duration.ofMinutes(42)).build());

    assertThat(usual.get(FeatureNames.AMOUNT_ZSCORE)).isBetween(-1.0, 1.0);
    assertThat(outlier.get(FeatureNames.AMOUNT_ZSCORE)).isGreaterThan(20);
  }

  @Test
  void shouldReportNoZScoreBeforeTheMinimumHistory() {
    FeatureVector first = extractor.extract(aSwipe().amount(9000).build());
    assertThat(first.get(FeatureNames.AMOUNT_ZSCORE)).isZero();
  }

  @Test
  void shouldFlagNewDeviceIpAndLocationOnlyForAnAccountWithHistory() {
    FeatureVector first =
        extractor.extract(aSwipe().device("D-1").ip("10.0.0.1").location("Paris").build());
    FeatureVector same =
        extractor.extract(
            aSwipe()
                .device("D-1")
                .ip("10.0.0.1")
                .location("Paris")
                .at(Duration.ofMinutes(1))
                .build());
    FeatureVector novel =
        extractor.extract(
            aSwipe()
                .device("D-9")
                .ip("10.0.0.9")
                .location("Lagos")
                .at(Duration.ofMinutes(2))
                .build());
    FeatureVector back =
        extractor.extract(aSwipe().location("Paris").at(Duration.ofMinutes(3)).build());

    assertThat(first.get(FeatureNames.ACCOUNT_NEW)).isEqualTo(1);
    assertThat(first.get(FeatureNames.DEVICE_NEW_FOR_ACCOUNT)).isZero();
    assertThat(same.get(FeatureNames.DEVICE_NEW_FOR_ACCOUNT)).isZero();
    assertThat(novel.get(FeatureNames.DEVICE_NEW_FOR_ACCOUNT)).isEqualTo(1);
    assertThat(novel.get(FeatureNames.IP_NEW_FOR_ACCOUNT)).isEqualTo(1);
    assertThat(novel.get(FeatureNames.LOCATION_NEW_FOR_ACCOUNT)).isEqualTo(1);
    assertThat(back.get(FeatureNames.LOCATION_NEW_FOR_ACCOUNT)).isZero();
    assertThat(back.get(FeatureNames.ACCOUNT_LOCATION_CHANGES_1H)).isEqualTo(2);
  }

  @Test
  void shouldSeeADeviceMateInAKnownRing() {
    graph.markRing(AccountId.of("A-ring"), 0.8);
    extractor.extract(aSwipe().account("A-ring").device("D-shared").build());

    FeatureVector mate =
        extractor.extract(aSwipe().account("A-2").card("C-2").device("D-shared").build());
    FeatureVector transfer =
        extractor.extract(
            aSwipe().account("A-3").card("C-3").device("D-3").transferTo("A-ring").build());

    assertThat(mate.get(FeatureNames.DEVICE_MATE_IN_RING)).isEqualTo(1);
    assertThat(mate.get(FeatureNames.RING_SCORE)).isEqualTo(0.8);
    assertThat(transfer.get(FeatureNames.COUNTERPARTY_IN_RING)).isEqualTo(1);
    assertThat(transfer.get(FeatureNames.DEVICE_MATE_IN_RING)).isZero();
  }

  @Test
  void shouldKeepFeatureNamesStableAndUnique() {
    assertThat(FeatureNames.ALL).doesNotHaveDuplicates();
    assertThat(FeatureNames.count(KeyKind.CARD, Window.TEN_MINUTES)).isEqualTo("card_count_10m");
    assertThat(FeatureNames.ALL)
        .contains("device_distinct_accounts_24h", "ip_distinct_devices_1h", "amount_zscore");
  }
}
