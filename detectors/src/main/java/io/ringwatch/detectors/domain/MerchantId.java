package io.ringwatch.detectors.domain;

/** A merchant, store or terminal an account paid. */
public record MerchantId(String value) implements Comparable<MerchantId> {
  public MerchantId {
    value = Ids.require(value, "merchant id");
  }

  public static MerchantId of(String value) {
    return new MerchantId(value);
  }

  @Override
  public int compareTo(MerchantId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
