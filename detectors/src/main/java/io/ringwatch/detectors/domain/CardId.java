package io.ringwatch.detectors.domain;

/** A payment card (or other instrument) an account used. */
public record CardId(String value) implements Comparable<CardId> {
  public CardId {
    value = Ids.require(value, "card id");
  }

  public static CardId of(String value) {
    return new CardId(value);
  }

  @Override
  public int compareTo(CardId other) {
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
    return o == this || o instanceof CardId other && value.equals(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
