package io.ringwatch.detectors.rings;

import java.util.Objects;

/**
 * An identifier (device, IP or card) that accounts may share.
 *
 * @param kind what it identifies
 * @param value its value as sent by producers
 */
public record SharedIdentifier(IdentifierKind kind, String value)
    implements Comparable<SharedIdentifier> {
  public SharedIdentifier {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("identifier value must not be blank");
    }
  }

  public static SharedIdentifier device(String value) {
    return new SharedIdentifier(IdentifierKind.DEVICE, value);
  }

  public static SharedIdentifier ip(String value) {
    return new SharedIdentifier(IdentifierKind.IP, value);
  }

  public static SharedIdentifier card(String value) {
    return new SharedIdentifier(IdentifierKind.CARD, value);
  }

  @Override
  public int compareTo(SharedIdentifier other) {
    int byKind = kind.compareTo(other.kind);
    return byKind != 0 ? byKind : value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
  }
}
