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
    return o == this || o instanceof MerchantId other && value.equals(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
