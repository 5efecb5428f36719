package io.ringwatch.ingest;

import static io.ringwatch.ingest.RejectionReason.INVALID_VALUE;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.StoreDetails;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/** Adapters from the shapes users already send to the canonical {@link Transaction}. */
final class ForeignFormats {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private ForeignFormats() {}

  /** {@code transaction_id, user_id, amount, timestamp, merchant_category, location, ...}. */
  static Transaction kafkaGenerator(JsonNode node) {
    Fields f = new Fields(node);
    return Transaction.builder()
        .id(f.id("transaction_id", true, TransactionId::of))
        .account(f.id("user_id", true, AccountId::of))
        .amount(f.amount("amount", true))
        .timestamp(f.instant("timestamp", true))
        .merchant(f.id("merchant_category", false, MerchantId::of))
        .location(f.boundedText("location"))
        .paymentMethod(f.boundedText("payment_method"))
        .fraudLabel(f.bool("is_fraud"))
        .channel(Channel.CARD)
        .build();
  }

  /** Web-store {@code sale_event}/{@code inventory_event}: amount is {@code price * qty}. */
  static Transaction webStore(JsonNode node) {
    Fields f = new Fields(node);
    TransactionId id = f.id("id", true, TransactionId::of);
    String eventType = f.text("event_type", true).strip();
    if (!eventType.equals(StoreDetails.SALE_EVENT)
        && !eventType.equals(StoreDetails.INVENTORY_EVENT)) {
      throw new RejectedException(
          INVALID_VALUE,
          "event_type",
          "expected sale_event or inventory_event, got '" + Fields.abbreviate(eventType) + "'");
    }
    MerchantId store = f.id("store_id", true, MerchantId::of);
    boolean inventory = eventType.equals(StoreDetails.INVENTORY_EVENT);
    AccountId customer = f.id("cust_id", !inventory, AccountId::of);
    AccountId account = customer != null ? customer : accountOfStore(store);
    BigDecimal price = f.amount("price", true);
    Integer quantity = f.count("qty");
    BigDecimal amount =
        f.checkAmount("price", price.multiply(BigDecimal.valueOf(quantity == null ? 1 : quantity)));
    BigDecimal discount = f.decimal("discount", false);
    StoreDetails details =
        new StoreDetails(
            store.value(),
            eventType,
            discount == null ? null : checkDiscount(f, "discount", discount),
            f.bool("priority_shipping"),
            f.bool("gift_wrap"),
            f.text("category", false),
            f.text("sku", false),
            quantity);
    return Transaction.builder()
        .id(id)
        .account(account)
        .amount(amount)
        .timestamp(f.instant("ts", true))
        .merchant(store)
        .paymentMethod(f.boundedText("payment_method"))
        .fraudLabel(f.bool("is_fraud"))
        .channel(Channel.STORE)
        .store(details)
        .build();
  }

  /** The {@code POST /detect} payload; a missing timestamp means "now" on {@code clock}. */
  static Transaction detect(JsonNode node, Clock clock) {
    Fields f = new Fields(node);
    Instant timestamp = f.instant("timestamp", false);
    return Transaction.builder()
        .id(f.id("event_id", true, TransactionId::of))
        .account(f.id("account_id", true, AccountId::of))
        .amount(f.amount("transaction_amount", true))
        .ip(f.ip("ip_address", true))
        .timestamp(timestamp != null ? timestamp : clock.instant())
        .channel(Channel.API)
        .build();
  }

  static BigDecimal checkDiscount(Fields f, String field, BigDecimal discount) {
    if (discount.signum() < 0 || discount.compareTo(HUNDRED) > 0) {
      throw new RejectedException(
          INVALID_VALUE, f.name(field), "discount must be between 0 and 100, was " + discount);
    }
    return discount;
  }

  private static AccountId accountOfStore(MerchantId store) {
    try {
      return AccountId.of("store:" + store.value());
    } catch (IllegalArgumentException e) {
      throw new RejectedException(INVALID_VALUE, "store_id", e.getMessage());
    }
  }
}
