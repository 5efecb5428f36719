package io.ringwatch.detectors.scoring;

import io.ringwatch.detectors.domain.TransactionId;

/**
 * The last {@code capacity} decisions by transaction id, first in first out: what the scorer's
 * insertion-ordered {@code LinkedHashMap} with a size bound did, for decisions added only under ids
 * not held (the scorer adds one after a miss), without a map entry per decision. The decisions sit
 * in a ring of fixed-size chunks (no chunk is large enough for the collector to treat as a huge
 * object); an open-addressing table of ring positions and a parallel table of their hashes (linear
 * probing, at most half full, backward-shift deletion) finds them, in primitive arrays that the
 * collector does not scan. O(1) per operation. Not thread-safe: the scorer locks.
 */
final class RecentDecisions {
  private static final int CHUNK_BITS = 12;
  private static final int CHUNK = 1 << CHUNK_BITS;

  private final int capacity;
  private Decision[][] chunks = new Decision[1][];

  /** Ring position + 1 of each table slot's decision, 0 for a free slot. */
  private int[] slots;

  /** The id hash of each table slot's decision. */
  private int[] hashes;

  /** Decisions added so far; the ring holds the last {@code min(added, capacity)}. */
  private long added;

  RecentDecisions(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.slots = new int[16];
    this.hashes = new int[slots.length];
  }

  /** The decision on {@code id}, or null. */
  Decision get(TransactionId id) {
    int hash = spread(id.hashCode());
    int m = slots.length - 1;
    for (int i = hash & m; slots[i] != 0; i = (i + 1) & m) {
      if (hashes[i] == hash) {
        Decision d = at(slots[i] - 1);
        if (d.eventId().equals(id)) {
          return d;
        }
      }
    }
    return null;
  }

  /**
   * Adds {@code decision}, whose id is not held; the oldest decision leaves when {@code capacity}
   * are held.
   */
  void add(Decision decision) {
    int position = (int) (added % capacity);
    if (added >= capacity) {
      Decision oldest = at(position);
      remove(oldest.eventId(), position);
    } else if ((added + 1) * 2 > slots.length) {
      rehash(slots.length * 2);
    }
    int chunk = position >>> CHUNK_BITS;
    if (chunk == chunks.length) {
      chunks = java.util.Arrays.copyOf(chunks, chunks.length * 2);
    }
    if (chunks[chunk] == null) {
      chunks[chunk] = new Decision[Math.min(CHUNK, capacity - (chunk << CHUNK_BITS))];
    }
    chunks[chunk][position & (CHUNK - 1)] = decision;
    int hash = spread(decision.eventId().hashCode());
    int m = slots.length - 1;
    int i = hash & m;
    while (slots[i] != 0) {
      i = (i + 1) & m;
    }
    slots[i] = position + 1;
    hashes[i] = hash;
    added++;
  }

  private Decision at(int position) {
    return chunks[position >>> CHUNK_BITS][position & (CHUNK - 1)];
  }

  /** Removes the table slot of the decision at ring {@code position}. */
  private void remove(TransactionId id, int position) {
    int m = slots.length - 1;
    int i = spread(id.hashCode()) & m;
    while (slots[i] != position + 1) {
      i = (i + 1) & m;
    }
    // Backward-shift deletion: move later entries of the probe run into the gap.
    int gap = i;
    int j = (i + 1) & m;
    while (slots[j] != 0) {
      int home = hashes[j] & m;
      if (((j - home) & m) >= ((j - gap) & m)) {
        slots[gap] = slots[j];
        hashes[gap] = hashes[j];
        gap = j;
      }
      j = (j + 1) & m;
    }
    slots[gap] = 0;
  }

  private void rehash(int length) {
    int[] oldSlots = slots;
    int[] oldHashes = hashes;
    slots = new int[length];
    hashes = new int[length];
    int m = length - 1;
    for (int k = 0; k < oldSlots.length; k++) {
      if (oldSlots[k] != 0) {
        int i = oldHashes[k] & m;
        while (slots[i] != 0) {
          i = (i + 1) & m;
        }
        slots[i] = oldSlots[k];
        hashes[i] = oldHashes[k];
      }
    }
  }

  /** Decisions held. */
  int size() {
    return (int) Math.min(added, capacity);
  }

  /** {@code HashMap}'s spreading of a hash. */
  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
