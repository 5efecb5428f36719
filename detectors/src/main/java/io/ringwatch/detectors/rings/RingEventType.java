package io.ringwatch.detectors.rings;

/** The lifecycle events of a ring, published as ring alerts. */
public enum RingEventType {
  /** A ring appeared with no predecessor. */
  NEW,
  /** Members joined. */
  GREW,
  /** Members left. */
  SHRANK,
  /**
   * Rings joined: on the survivor, related ids are the absorbed rings; on an absorbed ring, the
   * survivor.
   */
  MERGED,
  /** A ring fell apart: on each part, related ids are the other parts (and the original). */
  SPLIT,
  /** A ring is no longer detected. */
  DISSOLVED
}
