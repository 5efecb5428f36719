package io.ringwatch.detectors.rings;

import java.util.Objects;

/**
 * An identifier shared inside a ring.
 *
 * @param identifier the device, IP or card
 * @param members how many ring members used it (at least 2)
 * @param users how many accounts used it in total
 */
public record IdentifierEvidence(SharedIdentifier identifier, int members, int users) {
  public IdentifierEvidence {
    Objects.requireNonNull(identifier, "identifier");
    if (members < 2 || users < members) {
      throw new IllegalArgumentException("invalid counts " + members + " of " + users);
    }
  }
}
