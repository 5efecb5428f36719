package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One money transfer between two accounts, as the projection remembers it.
 *
 * @param txId the transaction id
 * @param from the sending account
 * @param to the receiving account, different from {@code from}
 * @param amount the amount sent, not negative
 * @param timestamp when it was sent
 */
public record TransferLink(
    String txId, AccountId from, AccountId to, BigDecimal amount, Instant timestamp) {
  public TransferLink {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(timestamp, "timestamp");
    if (from.equals(to)) {
      throw new IllegalArgumentException("a transfer links two different accounts: " + from);
    }
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative: " + amount);
    }
  }
}
