package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.Identity;
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

  /** A payment of {@code account}'s holder, who opened it with {@code identity}. */
  static Transaction opened(String account, Identity identity, Instant at) {
    return Transaction.builder()
        .id("fx-" + (++counter))
        .account(account)
        .amount("12.00")
        .timestamp(at)
        .merchant(MerchantId.of("mer-big"))
        .channel(Channel.ONLINE)
        .identity(identity)
        .build();
  }

  /** A transfer by {@code from}, opened with {@code identity}, to {@code to}. */
  static Transaction drain(String from, Identity identity, String to, Instant at) {
    return Transaction.builder()
        .id("fx-" + (++counter))
        .account(from)
        .counterparty(AccountId.of(to))
        .amount("900.00")
        .timestamp(at)
        .channel(Channel.TRANSFER)
        .identity(identity)
        .build();
  }

  /**
   * An identity bust-out as PaySim plays it: a fraudster with three identities opens faux accounts
   * F-1..F-6 whose SSN, e-mail and phone each come from one of them (so the faux accounts share
   * documents with each other, each pair not necessarily), and drains every one with its only
   * transaction, a transfer to its own account MULE (opened on a fourth identity, used nowhere
   * else); F-7, drained the same way, happens to share no document with the others. Ordinary client
   * O-1 happens to share F-1's phone and has a life of its own: it pays merchants and sends MULE
   * one transfer; O-2, unrelated to anyone, does the same.
   */
  static List<Transaction> identityBustOut() {
    String[][] identities = {
      {"111-11-1111", "ann@mail.test", "555-0001"},
      {"222-22-2222", "bob@mail.test", "555-0002"},
      {"333-33-3333", "cid@mail.test", "555-0003"}
    };
    int[][] draws = {{0, 0, 1}, {0, 1, 2}, {1, 1, 0}, {2, 2, 1}, {1, 0, 2}, {2, 2, 2}};
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < draws.length; i++) {
      Identity identity =
          new Identity(
              identities[draws[i][0]][0], identities[draws[i][1]][1], identities[draws[i][2]][2]);
      txs.add(drain("F-" + (i + 1), identity, "MULE", T0.plus(Duration.ofHours(5L * i))));
    }
    Identity ordinary = new Identity("999-99-0001", "olga@mail.test", "555-0002");
    for (int i = 0; i < 6; i++) {
      txs.add(opened("O-1", ordinary, T0.plus(Duration.ofHours(i))));
    }
    txs.add(drain("O-1", ordinary, "MULE", T0.plus(Duration.ofHours(7))));
    Identity stranger = new Identity("888-88-0002", "pat@mail.test", "555-0088");
    for (int i = 0; i < 4; i++) {
      txs.add(opened("O-2", stranger, T0.plus(Duration.ofHours(i))));
    }
    txs.add(drain("O-2", stranger, "MULE", T0.plus(Duration.ofHours(9))));
    // a faux account opened on a combination of documents no other faux account has yet
    txs.add(
        drain(
            "F-7",
            new Identity("444-44-4444", "dan@mail.test", "555-0004"),
            "MULE",
            T0.plus(Duration.ofHours(40))));
    return txs;
  }
}
