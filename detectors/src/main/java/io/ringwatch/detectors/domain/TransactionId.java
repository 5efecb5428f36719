package io.ringwatch.detectors.domain;

/** The producer's id of one transaction; writes are idempotent on it. */
public record TransactionId(String value) implements Comparable<TransactionId> {
  public TransactionId {
    value = Ids.require(value, "transaction id");
  }

  public static TransactionId of(String value) {
    return new TransactionId(value);
  }

  @Override
  public int compareTo(TransactionId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
