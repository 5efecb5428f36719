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

  @Override
  public String toString() {
    return value;
  }
}
