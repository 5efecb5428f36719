package io.ringwatch.detectors.domain;

/** A device fingerprint an account transacted from. */
public record DeviceId(String value) implements Comparable<DeviceId> {
  public DeviceId {
    value = Ids.require(value, "device id");
  }

  public static DeviceId of(String value) {
    return new DeviceId(value);
  }

  @Override
  public int compareTo(DeviceId other) {
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
    return o == this || o instanceof DeviceId other && value.equals(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
