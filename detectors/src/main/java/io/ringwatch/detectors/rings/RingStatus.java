package io.ringwatch.detectors.rings;

/** Where a ring is in its life. */
public enum RingStatus {
  /** Currently detected. */
  ACTIVE,
  /** Absorbed into another ring (named by its last {@link RingEventType#MERGED} event). */
  MERGED,
  /** No longer detected. */
  DISSOLVED
}
