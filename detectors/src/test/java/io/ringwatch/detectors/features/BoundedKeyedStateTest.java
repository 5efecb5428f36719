package io.ringwatch.detectors.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The key-state table against the access-ordered {@code LinkedHashMap} it replaced (kept below as
 * {@link Reference}): over seeded random streams of events and peeks (bursts, gaps longer than the
 * idle time, late events, more keys than the bound), the same keys are found, created and evicted
 * at the same moments, and the number of keys never exceeds the bound.
 */
class BoundedKeyedStateTest {
  private static final long IDLE = 1_000;

  /** A state that records its latest event time, as the feature states do. */
  private static final class Counted implements BoundedKeyedState.Timed {
    final int key;
    long last = Long.MIN_VALUE;
    int events;

    Counted(int key) {
      this.key = key;
    }

    @Override
    public long lastEventMillis() {
      return last;
    }
  }

  @Test
  void shouldFindCreateAndEvictKeysExactlyAsTheLinkedHashMapDid() {
    for (int maxKeys : new int[] {1, 2, 7, 64, 1000}) {
      Random random = new Random(maxKeys);
      BoundedKeyedState<Integer, Counted> table = new BoundedKeyedState<>(maxKeys, IDLE);
      Reference reference = new Reference(maxKeys, IDLE);
      long clock = 0;
      int keySpace = maxKeys * 3 + 5;
      for (int i = 0; i < 40_000; i++) {
        clock += random.nextInt(10) == 0 ? random.nextInt(3 * (int) IDLE) : random.nextInt(20);
        long now = random.nextInt(15) == 0 ? clock - random.nextInt(500) : clock;
        Integer key = random.nextInt(keySpace);
        if (random.nextInt(5) == 0) {
          Counted found = table.peek(key);
          Counted expected = reference.peek(key);
          assertThat(found == null).as("peek %d at %d", key, i).isEqualTo(expected == null);
          if (found != null) {
            assertThat(found.events).isEqualTo(expected.events);
          }
        } else {
          Counted state = table.get(key, now, () -> new Counted(key));
          Counted expected = reference.get(key, now, () -> new Counted(key));
          assertThat(state.key).isEqualTo(key);
          assertThat(state.events).as("events of %d before %d", key, i).isEqualTo(expected.events);
          for (Counted c : new Counted[] {state, expected}) {
            c.last = Math.max(c.last, now);
            c.events++;
          }
        }
        assertThat(table.size()).as("keys after %d", i).isEqualTo(reference.size());
        assertThat(table.size()).isLessThanOrEqualTo(maxKeys);
        assertThat(table.evictions()).as("evictions after %d", i).isEqualTo(reference.evictions);
      }
    }
  }

  @Test
  void shouldEvictIdleKeysEldestFirstTwoPerAccess() {
    // given three keys with an event each, then a fourth much later
    BoundedKeyedState<String, Counted> table = new BoundedKeyedState<>(100, IDLE);
    for (String key : new String[] {"a", "b", "c"}) {
      table.get(key, 0, () -> new Counted(0)).last = 0;
    }
    // when
    table.get("d", 5 * IDLE, () -> new Counted(0)).last = 5 * IDLE;
    // then the two eldest idle keys left, the third waits for the next access
    assertThat(table.evictions()).isEqualTo(2);
    assertThat(table.peek("a")).isNull();
    assertThat(table.peek("b")).isNull();
    assertThat(table.size()).isEqualTo(2);
    table.get("d", 5 * IDLE, () -> new Counted(0));
    assertThat(table.peek("c")).isNull();
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void shouldKeepAtMostMaxKeysEvictingTheLeastRecentlyUsed() {
    BoundedKeyedState<Integer, Counted> table = new BoundedKeyedState<>(3, Long.MAX_VALUE / 4);
    for (int key = 0; key < 3; key++) {
      int k = key;
      table.get(key, key, () -> new Counted(k)).last = key;
    }
    table.peek(0); // 0 is now the most recently used: 1 is the eldest
    table.get(3, 3, () -> new Counted(3)).last = 3;
    assertThat(table.size()).isEqualTo(3);
    assertThat(table.peek(1)).isNull();
    assertThat(table.peek(0)).isNotNull();
    assertThat(table.evictions()).isEqualTo(1);
  }

  /** The implementation before the third throughput pass: an access-ordered LinkedHashMap. */
  private static final class Reference {
    private final int maxKeys;
    private final long idleMillis;
    private final LinkedHashMap<Integer, Counted> states;
    long evictions;

    Reference(int maxKeys, long idleMillis) {
      this.maxKeys = maxKeys;
      this.idleMillis = idleMillis;
      this.states =
          new LinkedHashMap<>(Math.min(maxKeys, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Counted> eldest) {
              if (size() > Reference.this.maxKeys) {
                evictions++;
                return true;
              }
              return false;
            }
          };
    }

    Counted get(Integer key, long nowMillis, Supplier<Counted> create) {
      Iterator<Counted> eldest = states.values().iterator();
      for (int i = 0; i < 2 && eldest.hasNext(); i++) {
        if (eldest.next().lastEventMillis() < nowMillis - idleMillis) {
          eldest.remove();
          evictions++;
        } else {
          break;
        }
      }
      Counted state = states.get(key);
      if (state == null) {
        state = create.get();
        states.put(key, state);
      }
      return state;
    }

    Counted peek(Integer key) {
      return states.get(key);
    }

    int size() {
      return states.size();
    }
  }
}
