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

  /**
   * The value's hash, which is what the record's generated method returns ({@code 31 * 0 +
   * value.hashCode()}), written out because ids are hashed on every scored event and the generated
   * one goes through method handles that the JIT does not always flatten (ADR 0020).
   */
  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof TransactionId other && value.equals(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
