package io.ringwatch.detectors.features;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.StoreDetails;
import io.ringwatch.detectors.domain.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Test fixtures: card swipes and other events, built fluently with sensible defaults. */
public final class Swipes {
  public static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  private static final AtomicLong IDS = new AtomicLong();

  private final Transaction.Builder builder =
      Transaction.builder()
          .id("tx-" + IDS.incrementAndGet())
          .account("A-1")
          .amount("42.00")
          .timestamp(T0)
          .merchant(MerchantId.of("M-1"))
          .card(CardId.of("C-1"))
          .device(DeviceId.of("D-1"))
          .ip(IpAddress.of("10.0.0.1"))
          .channel(Channel.CARD);

  private Swipes() {}

  public static Swipes aSwipe() {
    return new Swipes();
  }

  public Swipes id(String id) {
    builder.id(id);
    return this;
  }

  public Swipes account(String account) {
    builder.account(AccountId.of(account));
    return this;
  }

  public Swipes card(String card) {
    builder.card(CardId.of(card));
    return this;
  }

  public Swipes device(String device) {
    builder.device(DeviceId.of(device));
    return this;
  }

  public Swipes ip(String ip) {
    builder.ip(IpAddress.of(ip));
    return this;
  }

  public Swipes merchant(String merchant) {
    builder.merchant(MerchantId.of(merchant));
    return this;
  }

  public Swipes location(String location) {
    builder.location(location);
    return this;
  }

  public Swipes amount(double amount) {
    builder.amount(BigDecimal.valueOf(amount));
    return this;
  }

  public Swipes at(Duration afterT0) {
    builder.timestamp(T0.plus(afterT0));
    return this;
  }

  public Swipes transferTo(String counterparty) {
    builder.channel(Channel.TRANSFER).counterparty(AccountId.of(counterparty)).merchant(null);
    return this;
  }

  public Swipes sale(double discount, boolean priorityShipping) {
    builder
        .channel(Channel.STORE)
        .card(null)
        .store(
            new StoreDetails(
                "S-1",
                StoreDetails.SALE_EVENT,
                BigDecimal.valueOf(discount),
                priorityShipping,
                false,
                "electronics",
                "SKU-1",
                1));
    return this;
  }

  public Swipes fraud(boolean label) {
    builder.fraudLabel(label);
    return this;
  }

  public Transaction build() {
    return builder.build();
  }
}
