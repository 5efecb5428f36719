package io.ringwatch.detectors.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scores models build from contributions in column order ({@link ModelScore#ofCredits}) against
 * the eagerly ordered list they replaced: same order of every contribution, same top reasons.
 */
class ModelScoreTest {
  private static final double[] STEPS = {-2, -1, -0.25, 0.25, 0.5, 1, 1, 2, 3};

  @Test
  void shouldOrderAndSelectTopReasonsAsAStableSortOfTheContributionsWould() {
    Random random = new Random(3);
    for (int round = 0; round < 2000; round++) {
      // given contributions with ties, signs and zero-free gaps, in column order
      int n = random.nextInt(20);
      String[] features = new String[n];
      double[] values = new double[n];
      double[] contributions = new double[n];
      List<ReasonCode> eager = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        features[i] = "f" + i;
        values[i] = random.nextInt(100);
        contributions[i] =
            random.nextBoolean() ? STEPS[random.nextInt(STEPS.length)] : random.nextGaussian();
        eager.add(new ReasonCode(features[i], values[i], contributions[i]));
      }
      // the heuristic model's former order: a stable sort, largest contribution first
      eager.sort(Comparator.comparingDouble(ReasonCode::contribution).reversed());
      ModelScore before = new ModelScore(500, -1, eager);
      // when
      ModelScore lazy =
          ModelScore.ofCredits(500, -1, features.clone(), values.clone(), contributions.clone(), n);
      ModelScore lazyTopFirst =
          ModelScore.ofCredits(500, -1, features.clone(), values.clone(), contributions.clone(), n);
      // then
      for (int k = 0; k <= 5; k++) {
        assertThat(lazyTopFirst.topReasons(k)).as("top %d", k).isEqualTo(before.topReasons(k));
      }
      assertThat(lazy.contributions()).isEqualTo(before.contributions());
      assertThat(lazy.topReasons(3)).isEqualTo(before.topReasons(3));
      assertThat(lazy.logOdds()).isEqualTo(before.logOdds());
      assertThat(lazy).isEqualTo(before);
    }
  }

  @Test
  void shouldRefuseNonFiniteContributionsAsReasonCodesDo() {
    assertThatThrownBy(
            () ->
                ModelScore.ofCredits(
                    1, 0, new String[] {"a"}, new double[] {1}, new double[] {Double.NaN}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
  }
}
