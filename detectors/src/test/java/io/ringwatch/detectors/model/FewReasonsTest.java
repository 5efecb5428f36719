package io.ringwatch.detectors.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FewReasonsTest {
  private static final String[] FEATURES = {"a", "b", "c", "d"};
  private static final double[] VALUES = {1, 2, 3, 4};
  private static final double[] CONTRIBUTIONS = {0.5, 2.5, 1.5, -1};

  @Test
  void shouldReadAsTheListOfReasonCodesItHolds() {
    FewReasons reasons = new FewReasons(3, FEATURES, VALUES, CONTRIBUTIONS, new int[] {1, 2, 0});

    assertThat(reasons)
        .isEqualTo(
            List.of(
                new ReasonCode("b", 2, 2.5),
                new ReasonCode("c", 3, 1.5),
                new ReasonCode("a", 1, 0.5)));
    assertThat(reasons.hashCode())
        .isEqualTo(
            List.of(
                    new ReasonCode("b", 2, 2.5),
                    new ReasonCode("c", 3, 1.5),
                    new ReasonCode("a", 1, 0.5))
                .hashCode());
    assertThat(new FewReasons(1, FEATURES, VALUES, CONTRIBUTIONS, new int[] {3}))
        .containsExactly(new ReasonCode("d", 4, -1));
  }

  @Test
  void shouldBeImmutableAndKeptAsIsByACopy() {
    FewReasons reasons = new FewReasons(2, FEATURES, VALUES, CONTRIBUTIONS, new int[] {0, 1});

    assertThatThrownBy(() -> reasons.add(new ReasonCode("x", 0, 0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> reasons.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(ReasonCode.copyOf(reasons)).isSameAs(reasons);
    assertThat(ReasonCode.copyOf(List.of(new ReasonCode("x", 0, 0))))
        .containsExactly(new ReasonCode("x", 0, 0));
  }

  @Test
  void shouldHoldOneToThreeReasons() {
    assertThatThrownBy(() -> new FewReasons(0, FEATURES, VALUES, CONTRIBUTIONS, new int[] {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new FewReasons(4, FEATURES, VALUES, CONTRIBUTIONS, new int[] {0, 1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
