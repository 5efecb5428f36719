package io.ringwatch.detectors.rings;

/** The kinds of identifier that link two accounts when both use the same one. */
public enum IdentifierKind {
  DEVICE,
  IP,
  CARD,
  /** A national id (SSN) an account was opened with (ADR 0015). */
  SSN,
  /** An e-mail address an account was opened with (ADR 0015). */
  EMAIL,
  /** A phone number an account was opened with (ADR 0015). */
  PHONE;

  /** Whether this is an identity document of the account holder rather than something used. */
  public boolean isIdentity() {
    return this == SSN || this == EMAIL || this == PHONE;
  }
}
