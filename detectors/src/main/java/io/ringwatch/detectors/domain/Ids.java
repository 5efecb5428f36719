package io.ringwatch.detectors.domain;

import java.util.regex.Pattern;

/** Shared validation for the identifier value types: non-blank, bounded, printable. */
final class Ids {
  /** Longest identifier accepted; longer values are almost always corrupt input. */
  static final int MAX_LENGTH = 128;

  private static final Pattern PRINTABLE = Pattern.compile("[\\p{Graph} ]+");

  private Ids() {}

  static String require(String value, String kind) {
    if (value == null) {
      throw new IllegalArgumentException(kind + " is required");
    }
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(kind + " must not be blank");
    }
    if (trimmed.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          kind + " is longer than " + MAX_LENGTH + " characters (" + trimmed.length() + ")");
    }
    if (!PRINTABLE.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(kind + " contains control or non-printable characters");
    }
    return trimmed;
  }
}
