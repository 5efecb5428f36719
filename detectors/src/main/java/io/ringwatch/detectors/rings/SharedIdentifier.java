package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An identifier (device, IP, card, or an identity document: SSN, e-mail, phone) that accounts may
 * share.
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

  public static SharedIdentifier ssn(String value) {
    return new SharedIdentifier(IdentifierKind.SSN, value);
  }

  public static SharedIdentifier email(String value) {
    return new SharedIdentifier(IdentifierKind.EMAIL, value);
  }

  public static SharedIdentifier phone(String value) {
    return new SharedIdentifier(IdentifierKind.PHONE, value);
  }

  /**
   * The identifiers of an identity's known documents, SSN first.
   *
   * @param identity may be null (no identifiers)
   */
  public static List<SharedIdentifier> of(Identity identity) {
    if (identity == null) {
      return List.of();
    }
    List<SharedIdentifier> ids = new ArrayList<>(3);
    if (identity.ssn() != null) {
      ids.add(ssn(identity.ssn()));
    }
    if (identity.email() != null) {
      ids.add(email(identity.email()));
    }
    if (identity.phone() != null) {
      ids.add(phone(identity.phone()));
    }
    return ids;
  }

  /** Parses {@link #toString()} ({@code kind:value}) back, as the graph stores identity ids. */
  public static SharedIdentifier parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not kind:value: " + text);
    }
    return new SharedIdentifier(
        IdentifierKind.valueOf(text.substring(0, colon).toUpperCase(Locale.ROOT)),
        text.substring(colon + 1));
  }

  @Override
  public int compareTo(SharedIdentifier other) {
    int byKind = kind.compareTo(other.kind);
    return byKind != 0 ? byKind : value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
  }
}
