package io.ringwatch.detectors.rings;

/** The stable identity of a ring across recomputes, e.g. {@code ring-000042}. */
public record RingId(String value) implements Comparable<RingId> {
  public RingId {
    if (value == null || value.isBlank() || value.length() > 64) {
      throw new IllegalArgumentException("ring id must be 1..64 non-blank characters: " + value);
    }
  }

  public static RingId of(String value) {
    return new RingId(value);
  }

  @Override
  public int compareTo(RingId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
