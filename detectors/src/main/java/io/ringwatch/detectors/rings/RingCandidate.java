package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A group found by clustering or a money-flow pattern, before scoring and matching. */
record RingCandidate(
    RingKind kind, Map<AccountId, MemberRole> roles, List<TransferLink> transfers) {
  RingCandidate {
    roles = java.util.Collections.unmodifiableMap(new TreeMap<>(roles));
    transfers = List.copyOf(transfers);
  }

  Set<AccountId> members() {
    return roles.keySet();
  }
}
