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

  @Override
  public String toString() {
    return value;
  }
}
