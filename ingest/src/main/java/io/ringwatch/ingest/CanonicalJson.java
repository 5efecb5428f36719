package io.ringwatch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.Identity;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.StoreDetails;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Ringwatch's canonical JSON event: {@link #encode} writes it and {@link #decode} reads it back
 * exactly ({@code decode(encode(t))} accepts {@code t}). Optional fields that are null are omitted.
 */
public final class CanonicalJson {
  public static final String TRANSACTION_ID = "transaction_id";
  public static final String ACCOUNT_ID = "account_id";
  public static final String COUNTERPARTY_ID = "counterparty_id";
  public static final String AMOUNT = "amount";
  public static final String CURRENCY = "currency";
  public static final String TIMESTAMP = "timestamp";
  public static final String MERCHANT_ID = "merchant_id";
  public static final String DEVICE_ID = "device_id";
  public static final String IP = "ip";
  public static final String CARD_ID = "card_id";
  public static final String LOCATION = "location";
  public static final String PAYMENT_METHOD = "payment_method";
  public static final String CHANNEL = "channel";
  public static final String IS_FRAUD = "is_fraud";
  public static final String STORE = "store";

  /** Optional object {@code {"ssn", "email", "phone"}}: the paying account holder's identity. */
  public static final String IDENTITY = "identity";

  private static final ObjectMapper MAPPER = Json.mapper(TransactionDecoder.DEFAULT_MAX_BYTES);
  private static final TransactionDecoder DECODER = new TransactionDecoder();

  private CanonicalJson() {}

  /** The canonical JSON bytes (UTF-8, one line) of {@code transaction}. */
  public static byte[] encode(Transaction transaction) {
    try {
      return MAPPER.writeValueAsBytes(toNode(transaction));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode transaction " + transaction.id(), e);
    }
  }

  /** The canonical JSON tree of {@code transaction}. */
  public static ObjectNode toNode(Transaction transaction) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put(TRANSACTION_ID, transaction.id().value());
    node.put(ACCOUNT_ID, transaction.account().value());
    if (transaction.counterparty() != null) {
      node.put(COUNTERPARTY_ID, transaction.counterparty().value());
    }
    node.put(AMOUNT, transaction.amount());
    node.put(CURRENCY, transaction.currency());
    node.put(TIMESTAMP, transaction.timestamp().toString());
    putIfPresent(node, MERCHANT_ID, transaction.merchant());
    putIfPresent(node, DEVICE_ID, transaction.device());
    putIfPresent(node, IP, transaction.ip());
    putIfPresent(node, CARD_ID, transaction.card());
    putIfPresent(node, LOCATION, transaction.location());
    putIfPresent(node, PAYMENT_METHOD, transaction.paymentMethod());
    node.put(CHANNEL, transaction.channel().name());
    if (transaction.fraudLabel() != null) {
      node.put(IS_FRAUD, transaction.fraudLabel());
    }
    StoreDetails store = transaction.store();
    if (store != null) {
      ObjectNode storeNode = node.putObject(STORE);
      putIfPresent(storeNode, "store_id", store.storeId());
      storeNode.put("event_type", store.eventType());
      if (store.discount() != null) {
        storeNode.put("discount", store.discount());
      }
      if (store.priorityShipping() != null) {
        storeNode.put("priority_shipping", store.priorityShipping());
      }
      if (store.giftWrap() != null) {
        storeNode.put("gift_wrap", store.giftWrap());
      }
      putIfPresent(storeNode, "category", store.category());
      putIfPresent(storeNode, "sku", store.sku());
      if (store.quantity() != null) {
        storeNode.put("qty", store.quantity());
      }
    }
    Identity identity = transaction.identity();
    if (identity != null) {
      ObjectNode identityNode = node.putObject(IDENTITY);
      putIfPresent(identityNode, "ssn", identity.ssn());
      putIfPresent(identityNode, "email", identity.email());
      putIfPresent(identityNode, "phone", identity.phone());
    }
    return node;
  }

  /**
   * Decodes canonical JSON only; other shapes are rejected as {@link
   * RejectionReason#UNKNOWN_FORMAT}.
   */
  public static DecodeResult decode(byte[] value) {
    return DECODER.decode(value, InputFormat.CANONICAL);
  }

  /** Maps a canonical JSON object; throws {@link RejectedException} for bad fields. */
  static Transaction fromNode(JsonNode node) {
    Fields f = new Fields(node);
    TransactionId id = f.id(TRANSACTION_ID, true, TransactionId::of);
    AccountId account = f.id(ACCOUNT_ID, true, AccountId::of);
    AccountId counterparty = f.id(COUNTERPARTY_ID, false, AccountId::of);
    BigDecimal amount = f.amount(AMOUNT, true);
    String currency = f.currency(CURRENCY);
    var timestamp = f.instant(TIMESTAMP, true);
    MerchantId merchant = f.id(MERCHANT_ID, false, MerchantId::of);
    DeviceId device = f.id(DEVICE_ID, false, DeviceId::of);
    var ip = f.ip(IP, false);
    CardId card = f.id(CARD_ID, false, CardId::of);
    String location = f.boundedText(LOCATION);
    String paymentMethod = f.boundedText(PAYMENT_METHOD);
    Channel channel = f.enumValue(CHANNEL, Channel.class);
    Boolean fraud = f.bool(IS_FRAUD);
    StoreDetails store = store(f.nested(STORE));
    Identity identity = identity(f.nested(IDENTITY));
    if (channel == null) {
      channel =
          counterparty != null ? Channel.TRANSFER : store != null ? Channel.STORE : Channel.CARD;
    }
    if (channel == Channel.TRANSFER && counterparty == null) {
      throw new RejectedException(
          RejectionReason.MISSING_FIELD, COUNTERPARTY_ID, "a TRANSFER needs a counterparty");
    }
    if (account.equals(counterparty)) {
      throw new RejectedException(
          RejectionReason.INVALID_VALUE, COUNTERPARTY_ID, "an account cannot transfer to itself");
    }
    return Transaction.builder()
        .id(id)
        .account(account)
        .counterparty(counterparty)
        .amount(amount)
        .currency(currency)
        .timestamp(timestamp)
        .merchant(merchant)
        .device(device)
        .ip(ip)
        .card(card)
        .location(location)
        .paymentMethod(paymentMethod)
        .channel(channel)
        .fraudLabel(fraud)
        .store(store)
        .identity(identity)
        .build();
  }

  private static Identity identity(Fields f) {
    if (f == null) {
      return null;
    }
    String ssn = document(f, "ssn", text -> new Identity(text, null, null).ssn());
    String email = document(f, "email", text -> new Identity(null, text, null).email());
    String phone = document(f, "phone", text -> new Identity(null, null, text).phone());
    return Identity.of(ssn, email, phone);
  }

  /** One identity field, normalised; the domain's validation becomes INVALID_VALUE. */
  private static String document(
      Fields f, String field, java.util.function.UnaryOperator<String> normalise) {
    String text = f.boundedText(field);
    if (text == null) {
      return null;
    }
    try {
      return normalise.apply(text);
    } catch (IllegalArgumentException e) {
      throw new RejectedException(RejectionReason.INVALID_VALUE, f.name(field), e.getMessage());
    }
  }

  private static StoreDetails store(Fields f) {
    if (f == null) {
      return null;
    }
    String eventType = f.text("event_type", true);
    BigDecimal discount = f.decimal("discount", false);
    return new StoreDetails(
        f.text("store_id", false),
        eventType,
        discount == null ? null : ForeignFormats.checkDiscount(f, "discount", discount),
        f.bool("priority_shipping"),
        f.bool("gift_wrap"),
        f.text("category", false),
        f.text("sku", false),
        f.count("qty"));
  }

  private static void putIfPresent(ObjectNode node, String field, Object value) {
    if (value != null) {
      node.put(field, value.toString());
    }
  }
}
