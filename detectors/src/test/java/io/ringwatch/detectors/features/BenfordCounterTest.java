package io.ringwatch.detectors.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BenfordCounterTest {

  @Test
  void shouldConformWhenAmountsFollowBenfordsLaw() {
    // given log-uniform amounts over six decades, which follow Benford's law exactly
    Random random = new Random(7);
    BenfordCounter counter = new BenfordCounter(1_000_000);
    for (int i = 0; i < 20_000; i++) {
      counter.add(Math.pow(10, 6 * random.nextDouble()));
    }

    // then the deviation is "close conformity" in Nigrini's table
    assertThat(counter.mad()).isLessThan(0.006);
  }

  @Test
  void shouldDeviateStronglyWhenFirstDigitsAreUniform() {
    Random random = new Random(7);
    BenfordCounter counter = new BenfordCounter(1_000_000);
    for (int i = 0; i < 20_000; i++) {
      counter.add(100 + random.nextInt(900));
    }
    // uniform digits: |1/9 - p_d| averages about 0.06
    assertThat(counter.mad()).isGreaterThan(0.05);
  }

  @Test
  void shouldHalveCountsAtTheMaximumSample() {
    BenfordCounter counter = new BenfordCounter(100);
    for (int i = 0; i < 99; i++) {
      counter.add(9);
    }
    assertThat(counter.sampleSize()).isEqualTo(99);
    counter.add(9);
    assertThat(counter.sampleSize()).isEqualTo(50);
  }

  @Test
  void shouldReadTheFirstSignificantDigit() {
    assertThat(BenfordCounter.firstDigit(0.045)).isEqualTo(4);
    assertThat(BenfordCounter.firstDigit(987.65)).isEqualTo(9);
    assertThat(BenfordCounter.firstDigit(1)).isEqualTo(1);
    assertThat(BenfordCounter.firstDigit(0)).isZero();
  }
}
