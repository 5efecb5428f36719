package io.ringwatch.gremlin;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import java.time.Instant;
import java.util.List;

/** Test fixtures: transactions and named batches. */
final class Transactions {

  static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private Transactions() {}

  static Transaction.Builder aPayment(String id, String account, String merchant) {
    return Transaction.builder()
        .id(id)
        .account(account)
        .merchant(merchant == null ? null : MerchantId.of(merchant))
        .amount("10.00")
        .currency("EUR")
        .timestamp(T0)
        .channel(Channel.CARD);
  }

  static Transaction.Builder aTransfer(String id, String from, String to) {
    return Transaction.builder()
        .id(id)
        .account(from)
        .counterparty(AccountId.of(to))
        .amount("250.00")
        .currency("EUR")
        .timestamp(T0)
        .channel(Channel.TRANSFER);
  }

  static DeviceId device(String id) {
    return DeviceId.of(id);
  }

  static IpAddress ip(String address) {
    return IpAddress.of(address);
  }

  /**
   * Six transactions: accounts a1, a2, a3; devices d1 (shared by a1 and a2, used twice by a1) and
   * d2; IPs 10.0.0.1 and 10.0.0.2 (shared by a2 and a1); merchants m1 (shared), m2 and the API
   * pseudo-merchant; transfers a1 -> a3 and a3 -> a2.
   *
   * <p>Expected graph: 3 accounts, 2 devices, 2 IPs, 3 merchants; 3 uses, 3 connects_from, 4 pays,
   * 2 transfers.
   */
  static List<Transaction> mixedBatch() {
    return List.of(
        aPayment("t1", "a1", "m1")
            .device(device("d1"))
            .ip(ip("10.0.0.1"))
            .amount("10.10")
            .timestamp(T0)
            .build(),
        aPayment("t2", "a2", "m1")
            .device(device("d1"))
            .ip(ip("10.0.0.2"))
            .amount("20.20")
            .timestamp(T0.plusSeconds(60))
            .build(),
        aPayment("t3", "a1", "m2")
            .device(device("d1"))
            .ip(ip("10.0.0.1"))
            .amount("30.30")
            .timestamp(T0.plusSeconds(120))
            .build(),
        aTransfer("t4", "a1", "a3")
            .device(device("d2"))
            .ip(ip("10.0.0.2"))
            .timestamp(T0.plusSeconds(180))
            .build(),
        aPayment("t5", "a2", null)
            .channel(Channel.API)
            .amount("5.05")
            .timestamp(T0.plusSeconds(240))
            .build(),
        aTransfer("t6", "a3", "a2").amount("99.99").timestamp(T0.plusSeconds(300)).build());
  }
}
