package io.ringwatch.gremlin;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's stored membership of a ring, current or former, as read from its {@code member_of}
 * edge and the ring vertex.
 *
 * @param ringId the ring
 * @param kind the ring's kind ({@code COMMUNITY}, {@code TRANSFER_LOOP}, ...)
 * @param ringStatus the ring's status ({@code ACTIVE}, {@code MERGED}, {@code DISSOLVED})
 * @param score the ring's last stored score, 0–1
 * @param role the account's role in the ring
 * @param since when the account joined the ring
 * @param until when it left, or null while it is a member
 */
public record RingMembershipRecord(
    String ringId,
    String kind,
    String ringStatus,
    double score,
    String role,
    Instant since,
    Instant until) {
  public RingMembershipRecord {
    Objects.requireNonNull(ringId, "ringId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(since, "since");
  }

  /** {@code current} while a member, else {@code former}. */
  public String status() {
    return until == null ? Schema.MEMBER_CURRENT : Schema.MEMBER_FORMER;
  }
}
