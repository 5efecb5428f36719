package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import java.util.Objects;

/**
 * A direct link from one ring member to another: a shared identifier or a transfer.
 *
 * @param from the member asked about
 * @param to the other member
 * @param via {@code device}, {@code ip}, {@code card} or {@code transfer}
 * @param detail the identifier's value, or the transfer's transaction id
 */
public record EvidencePath(AccountId from, AccountId to, String via, String detail) {
  public EvidencePath {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(detail, "detail");
  }

  static EvidencePath viaIdentifier(AccountId from, SharedIdentifier id, AccountId to) {
    return new EvidencePath(
        from, to, id.kind().name().toLowerCase(java.util.Locale.ROOT), id.value());
  }

  static EvidencePath viaTransfer(TransferLink t) {
    return new EvidencePath(t.from(), t.to(), "transfer", t.txId());
  }
}
