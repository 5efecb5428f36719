package io.ringwatch.detectors.rings;

/** What a member does in its ring. */
public enum MemberRole {
  /** The most connected member of a community. */
  HUB,
  /** Any other member of a community. */
  MEMBER,
  /** An account on a transfer loop. */
  HOP,
  /** The collector of a fan-in. */
  MULE,
  /** A payer into a fan-in or the payer of a fan-out. */
  SOURCE,
  /** A receiver of a fan-out or of a mule's cash-out. */
  RECIPIENT
}
