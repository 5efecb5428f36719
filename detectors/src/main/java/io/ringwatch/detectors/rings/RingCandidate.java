package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A group found by clustering or a money-flow pattern, before scoring and matching.
 *
 * @param typology the laundering typology recognised in a {@link RingKind#LAUNDERING} group ({@code
 *     fanIn}, {@code cycle}, ...), {@code layering} when none is, null for other kinds
 */
record RingCandidate(
    RingKind kind,
    Map<AccountId, MemberRole> roles,
    List<TransferLink> transfers,
    String typology) {
  RingCandidate {
    roles = java.util.Collections.unmodifiableMap(new TreeMap<>(roles));
    transfers = List.copyOf(transfers);
  }

  RingCandidate(RingKind kind, Map<AccountId, MemberRole> roles, List<TransferLink> transfers) {
    this(kind, roles, transfers, null);
  }

  Set<AccountId> members() {
    return roles.keySet();
  }
}
