package io.ringwatch.detectors.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bounded {@code LinkedHashMap}s that compact structures replaced: the oracles their tests
 * compare them with on random input.
 */
public final class BoundedMaps {
  private BoundedMaps() {}

  /**
   * A map of at most {@code capacity} entries; beyond it the eldest leaves, in access order when
   * {@code accessOrder} is set (a read refreshes an entry), else in insertion order.
   */
  public static <K, V> Map<K, V> of(int capacity, boolean accessOrder) {
    return new LinkedHashMap<>(16, 0.75f, accessOrder) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
