package io.ringwatch.gremlin.dsl;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import java.time.Duration;
import java.time.Instant;

/** Builders of the transactions the named fraud graphs are made of. */
final class Transactions {

  /** The fixtures' clock: every fixture's "now" window is {@code [T0, T0 + 1 day)}. */
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  private static int next;

  private Transactions() {}

  static Transaction.Builder aPayment(String account, String merchant) {
    return Transaction.builder()
        .id("p-" + account + "-" + (next++))
        .account(account)
        .merchant(merchant == null ? null : MerchantId.of(merchant))
        .amount("10.00")
        .currency("EUR")
        .timestamp(T0.plus(Duration.ofHours(1)))
        .channel(merchant == null ? Channel.API : Channel.CARD);
  }

  static Transaction aPayment(String account, String merchant, String device, String ip) {
    return aPayment(account, merchant)
        .device(device == null ? null : DeviceId.of(device))
        .ip(ip == null ? null : IpAddress.of(ip))
        .build();
  }

  /** A transfer of {@code amount} at {@code T0 + offset}. */
  static Transaction aTransfer(String from, String to, String amount, Duration offset) {
    return Transaction.builder()
        .id("x-" + from + "-" + to + "-" + (next++))
        .account(from)
        .counterparty(AccountId.of(to))
        .amount(amount)
        .currency("EUR")
        .timestamp(T0.plus(offset))
        .channel(Channel.TRANSFER)
        .build();
  }
}
