package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.time.Instant;
import java.util.Objects;

/**
 * An account's membership of a ring.
 *
 * @param account the member
 * @param role what it does in the ring
 * @param since when it joined the ring
 * @param until when it left, or null while it is a member
 */
public record Membership(AccountId account, MemberRole role, Instant since, Instant until) {
  public Membership {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(since, "since");
    if (until != null && until.isBefore(since)) {
      throw new IllegalArgumentException("a membership cannot end before it starts");
    }
  }

  public boolean isCurrent() {
    return until == null;
  }
}
