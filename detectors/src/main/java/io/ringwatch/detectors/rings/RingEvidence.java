package io.ringwatch.detectors.rings;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a group of accounts is a ring.
 *
 * @param identifiers identifiers shared by members, most shared first
 * @param transfers transfers between members (the loop's hops in order for a transfer loop)
 * @param signals the scoring signals with their values, 0–1 (e.g. {@code fraudLabels=0.9})
 */
public record RingEvidence(
    List<IdentifierEvidence> identifiers,
    List<TransferLink> transfers,
    Map<String, Double> signals) {
  public RingEvidence {
    identifiers = List.copyOf(Objects.requireNonNull(identifiers, "identifiers"));
    transfers = List.copyOf(Objects.requireNonNull(transfers, "transfers"));
    signals = Map.copyOf(Objects.requireNonNull(signals, "signals"));
  }

  public static RingEvidence none() {
    return new RingEvidence(List.of(), List.of(), Map.of());
  }
}
