package io.ringwatch.detectors.rings;

/** How a ring was found. */
public enum RingKind {
  /** A dense community of the account projection (shared identifiers, transfers). */
  COMMUNITY,
  /** Money going around a directed cycle of 3–8 accounts within a time window. */
  TRANSFER_LOOP,
  /** Many accounts paying one collector (a mule) within a window. */
  FAN_IN,
  /** One account paying many recipients within a window. */
  FAN_OUT,
  /**
   * Accounts opened on shared identity documents (SSN, e-mail, phone) all draining into one
   * collector that shares none of them: a first-party or synthetic-identity bust-out (ADR 0015).
   */
  IDENTITY_DRAIN
}
