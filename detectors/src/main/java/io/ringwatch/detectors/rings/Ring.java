package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A snapshot of a ring: its identity, kind, status, score, members (current and former) and
 * evidence.
 *
 * @param id stable identity
 * @param kind how it was found
 * @param status where it is in its life
 * @param score 0–1, higher is more suspicious
 * @param members current members sorted by account
 * @param former members who left, with the time they left
 * @param firstSeen when the ring was first detected
 * @param lastChanged when its members, score or status last changed
 * @param evidence why it is a ring
 */
public record Ring(
    RingId id,
    RingKind kind,
    RingStatus status,
    double score,
    List<Membership> members,
    List<Membership> former,
    Instant firstSeen,
    Instant lastChanged,
    RingEvidence evidence) {
  public Ring {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be within 0..1, was " + score);
    }
    members = List.copyOf(members);
    former = List.copyOf(former);
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastChanged, "lastChanged");
    Objects.requireNonNull(evidence, "evidence");
    if (members.stream().anyMatch(m -> !m.isCurrent())) {
      throw new IllegalArgumentException("current members must not have an end");
    }
  }

  /** The current members' account ids, sorted. */
  public Set<AccountId> memberIds() {
    Set<AccountId> ids = new TreeSet<>();
    members.forEach(m -> ids.add(m.account()));
    return ids;
  }

  public Optional<Membership> membership(AccountId account) {
    return members.stream().filter(m -> m.account().equals(account)).findFirst();
  }

  public boolean isActive() {
    return status == RingStatus.ACTIVE;
  }
}
