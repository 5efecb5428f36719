package io.ringwatch.detectors.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.testkit.BoundedMaps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentDecisionsTest {

  private static Decision decisionOn(String id) {
    Instant t = Instant.EPOCH;
    return new Decision(
        TransactionId.of(id),
        AccountId.of("A"),
        Outcome.APPROVE,
        1,
        List.of(),
        List.of(),
        List.of(),
        "m",
        1,
        t,
        t,
        0);
  }

  /** The map the scorer used before: insertion order, the eldest leaves beyond the bound. */
  private static Map<TransactionId, Decision> boundedMap(int capacity) {
    return BoundedMaps.of(capacity, false);
  }

  @Test
  void shouldRememberExactlyWhatABoundedInsertionOrderedMapRemembers() {
    Random random = new Random(17);
    for (int capacity : new int[] {1, 2, 3, 7, 100, 4096, 4097, 10_000}) {
      RecentDecisions recent = new RecentDecisions(capacity);
      Map<TransactionId, Decision> expected = boundedMap(capacity);
      int ids = capacity * 3 + 5;
      for (int step = 0; step < 60_000; step++) {
        // Colliding hashes too: "Aa" and "BB" share String.hashCode.
        String raw = (random.nextInt(8) == 0 ? "Aa" : "BB") + random.nextInt(ids);
        TransactionId id = TransactionId.of(raw);
        Decision known = recent.get(id);
        assertThat(known)
            .as("capacity %d step %d id %s", capacity, step, raw)
            .isSameAs(expected.get(id));
        if (known == null) {
          Decision d = decisionOn(raw);
          recent.add(d);
          expected.put(id, d);
        }
        assertThat(recent.size()).isEqualTo(expected.size());
      }
      for (TransactionId id : expected.keySet()) {
        assertThat(recent.get(id)).isSameAs(expected.get(id));
      }
    }
  }

  @Test
  void shouldForgetTheOldestFirst() {
    RecentDecisions recent = new RecentDecisions(2);
    recent.add(decisionOn("t1"));
    recent.add(decisionOn("t2"));
    recent.add(decisionOn("t3"));

    assertThat(recent.get(TransactionId.of("t1"))).isNull();
    assertThat(recent.get(TransactionId.of("t2")).eventId().value()).isEqualTo("t2");
    assertThat(recent.get(TransactionId.of("t3")).eventId().value()).isEqualTo("t3");
    assertThat(recent.size()).isEqualTo(2);
  }

  @Test
  void shouldRejectACapacityBelowOne() {
    assertThatThrownBy(() -> new RecentDecisions(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
