package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Named fixture graphs as transaction streams. */
final class FraudGraphs {
  static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static int counter;

  private FraudGraphs() {}

  static Transaction use(String account, String device, String ip, boolean fraud) {
    Transaction.Builder b =
        Transaction.builder()
            .id("fx-" + (++counter))
            .account(account)
            .amount("25.00")
            .timestamp(T0.plusSeconds(counter))
            .merchant(MerchantId.of("mer-big"))
            .channel(Channel.ONLINE)
            .fraudLabel(fraud);
    if (device != null) {
      b.device(DeviceId.of(device));
    }
    if (ip != null) {
      b.ip(IpAddress.of(ip));
    }
    return b.build();
  }

  static Transaction card(String account, String card) {
    return Transaction.builder()
        .id("fx-" + (++counter))
        .account(account)
        .amount("10.00")
        .timestamp(T0.plusSeconds(counter))
        .card(CardId.of(card))
        .merchant(MerchantId.of("mer-big"))
        .build();
  }

  static Transaction transfer(String from, String to, String amount, Instant at, boolean fraud) {
    return Transaction.builder()
        .id("fx-" + (++counter))
        .account(from)
        .counterparty(AccountId.of(to))
        .amount(new BigDecimal(amount))
        .timestamp(at)
        .channel(Channel.TRANSFER)
        .fraudLabel(fraud)
        .build();
  }

  /** {@code n} labelled accounts {@code prefix-1..n} all on device {@code device}. */
  static List<Transaction> deviceRing(String prefix, String device, int n) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      txs.add(use(prefix + "-" + i, device, null, true));
    }
    return txs;
  }

  /** Two device rings of 6 (A on dev-A, B on dev-B) and one account of B also on dev-A. */
  static List<Transaction> twoRingsBridgedByOneDevice() {
    List<Transaction> txs = new ArrayList<>(deviceRing("A", "dev-A", 6));
    txs.addAll(deviceRing("B", "dev-B", 6));
    txs.add(use("B-1", "dev-A", null, true));
    return txs;
  }

  /**
   * A labelled ring of 5 on device dev-R, all of whom (with 200 benign accounts) also connect from
   * the public IP 203.0.113.10; plus a labelled ring of 5 on dev-S behind the same IP.
   */
  static List<Transaction> ringsBehindAPublicIp() {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      txs.add(use("pub-" + i, "dev-pub-" + i, "203.0.113.10", false));
    }
    for (int i = 1; i <= 5; i++) {
      txs.add(use("R-" + i, "dev-R", "203.0.113.10", true));
      txs.add(use("S-" + i, "dev-S", "203.0.113.10", true));
    }
    return txs;
  }

  /**
   * A 5-hop transfer loop L-1 → … → L-5 → L-1 with hops {@code every} apart, amounts decaying 2%.
   */
  static List<Transaction> transferLoop(String prefix, int hops, Duration every, boolean fraud) {
    List<Transaction> txs = new ArrayList<>();
    BigDecimal amount = new BigDecimal("9000.00");
    for (int i = 0; i < hops; i++) {
      txs.add(
          transfer(
              prefix + "-" + (i + 1),
              prefix + "-" + ((i + 1) % hops + 1),
              amount.toPlainString(),
              T0.plus(every.multipliedBy(i)),
              fraud));
      amount = amount.multiply(new BigDecimal("0.98")).setScale(2, java.math.RoundingMode.HALF_UP);
    }
    return txs;
  }

  /** Eight sources pay mule M within an hour; M sends 95% on to C. */
  static List<Transaction> fanIn() {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      txs.add(transfer("src-" + i, "M", "1000.00", T0.plusSeconds(60L * i), true));
    }
    txs.add(transfer("M", "C", "7600.00", T0.plusSeconds(3600), true));
    return txs;
  }
}
