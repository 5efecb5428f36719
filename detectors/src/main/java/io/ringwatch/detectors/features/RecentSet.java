package io.ringwatch.detectors.features;

import java.util.Arrays;

/**
 * The most recently used values, at most {@code capacity} of them, least recently used first in two
 * arrays (the values and their hashes) that grow to the capacity: the behaviour of an
 * access-ordered, bounded {@code LinkedHashMap} with no entry object per value. O(capacity) per
 * operation by a scan from the most recent end (the capacity is small: {@link
 * FeatureSettings#noveltyMemory}).
 */
final class RecentSet<T> {
  private static final int INITIAL_LENGTH = 4;

  private final int capacity;
  private Object[] values;
  private int[] hashes;
  private int size;

  RecentSet(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.values = new Object[Math.min(capacity, INITIAL_LENGTH)];
    this.hashes = new int[values.length];
  }

  /**
   * Records {@code value} as the most recently used; true when it was not among the recent values
   * (the least recently used then leaves if {@code capacity} were held).
   */
  boolean add(T value) {
    int hash = value.hashCode();
    for (int i = size - 1; i >= 0; i--) {
      Object v = values[i];
      if (hashes[i] == hash && (v == value || v.equals(value))) {
        System.arraycopy(values, i + 1, values, i, size - 1 - i);
        System.arraycopy(hashes, i + 1, hashes, i, size - 1 - i);
        values[size - 1] = v;
        hashes[size - 1] = hash;
        return false;
      }
    }
    if (size == capacity) {
      System.arraycopy(values, 1, values, 0, size - 1);
      System.arraycopy(hashes, 1, hashes, 0, size - 1);
      size--;
    } else if (size == values.length) {
      int length = Math.min(capacity, 2 * values.length);
      values = Arrays.copyOf(values, length);
      hashes = Arrays.copyOf(hashes, length);
    }
    values[size] = value;
    hashes[size++] = hash;
    return true;
  }

  int size() {
    return size;
  }
}
