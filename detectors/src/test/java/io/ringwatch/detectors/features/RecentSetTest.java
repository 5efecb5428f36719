package io.ringwatch.detectors.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.testkit.BoundedMaps;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentSetTest {

  /** The set as it was: a bounded, access-ordered {@code LinkedHashMap}. */
  private static <T> Map<T, Boolean> accessOrderedMap(int capacity) {
    return BoundedMaps.of(capacity, true);
  }

  @Test
  void shouldAnswerAsABoundedAccessOrderedMapOnRandomValues() {
    Random random = new Random(5);
    for (int capacity : new int[] {1, 2, 3, 4, 5, 32, 50}) {
      for (int distinct : new int[] {2, 10, 40, 100}) {
        RecentSet<String> set = new RecentSet<>(capacity);
        Map<String, Boolean> expected = accessOrderedMap(capacity);
        for (int step = 0; step < 20_000; step++) {
          // Equal values as distinct objects, and "Aa"/"BB" colliding hashes.
          String value =
              new String((random.nextBoolean() ? "Aa" : "BB") + random.nextInt(distinct));
          boolean isNew = expected.put(value, Boolean.TRUE) == null;
          assertThat(set.add(value))
              .as("capacity %d, %d values, step %d", capacity, distinct, step)
              .isEqualTo(isNew);
          assertThat(set.size()).isEqualTo(expected.size());
        }
      }
    }
  }
}
