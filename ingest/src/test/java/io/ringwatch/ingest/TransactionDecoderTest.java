package io.ringwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionDecoderTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private final TransactionDecoder decoder =
      new TransactionDecoder(
          TransactionDecoder.DEFAULT_MAX_BYTES, Clock.fixed(NOW, ZoneOffset.UTC));

  private DecodeResult decode(String json) {
    return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private Transaction accepted(String json, InputFormat expectedFormat) {
    DecodeResult result = decode(json);
    assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
    DecodeResult.Accepted accepted = (DecodeResult.Accepted) result;
    assertThat(accepted.format()).isEqualTo(expectedFormat);
    return accepted.transaction();
  }

  @Test
  void shouldMapEveryCanonicalField() {
    // given
    String json =
        """
        {"transaction_id":"t-1","account_id":"a-1","counterparty_id":"a-2","amount":12.50,
         "currency":"eur","timestamp":"2025-01-02T03:04:05.123Z","merchant_id":"m-1",
         "device_id":"d-1","ip":"10.0.0.7","card_id":"c-1","location":"Paris, FR",
         "payment_method":"credit_card","channel":"transfer","is_fraud":true}
        """;
    // when
    Transaction t = accepted(json, InputFormat.CANONICAL);
    // then
    assertThat(t.id().value()).isEqualTo("t-1");
    assertThat(t.account()).isEqualTo(AccountId.of("a-1"));
    assertThat(t.counterparty()).isEqualTo(AccountId.of("a-2"));
    assertThat(t.amount()).isEqualTo(new BigDecimal("12.50"));
    assertThat(t.currency()).isEqualTo("EUR");
    assertThat(t.timestamp()).isEqualTo(Instant.parse("2025-01-02T03:04:05.123Z"));
    assertThat(t.merchant()).isEqualTo(MerchantId.of("m-1"));
    assertThat(t.device().value()).isEqualTo("d-1");
    assertThat(t.ip()).isEqualTo(IpAddress.of("10.0.0.7"));
    assertThat(t.card().value()).isEqualTo("c-1");
    assertThat(t.location()).isEqualTo("Paris, FR");
    assertThat(t.paymentMethod()).isEqualTo("credit_card");
    assertThat(t.channel()).isEqualTo(Channel.TRANSFER);
    assertThat(t.fraudLabel()).isTrue();
  }

  @Test
  void shouldAcceptEpochMillisAndDefaultCurrencyAndChannelInCanonical() {
    // given a minimal canonical record with epoch millis
    String json =
        "{\"transaction_id\":7,\"account_id\":\"a\",\"amount\":\"3\",\"timestamp\":1700000000000}";
    // when
    Transaction t = accepted(json, InputFormat.CANONICAL);
    // then
    assertThat(t.id().value()).isEqualTo("7");
    assertThat(t.timestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    assertThat(t.currency()).isEqualTo("USD");
    assertThat(t.channel()).isEqualTo(Channel.CARD);
    assertThat(t.amount()).isEqualTo(new BigDecimal("3"));
  }

  @Test
  void shouldMapKafkaGeneratorRecord() {
    // given
    String json =
        """
        {"transaction_id":"g-1","user_id":1234,"amount":99.9,"timestamp":"2025-01-02T03:04:05",
         "merchant_category":"electronics","location":"Berlin","payment_method":"paypal","is_fraud":1}
        """;
    // when
    Transaction t = accepted(json, InputFormat.KAFKA_GENERATOR);
    // then
    assertThat(t.account()).isEqualTo(AccountId.of("1234"));
    assertThat(t.merchant()).isEqualTo(MerchantId.of("electronics"));
    assertThat(t.amount()).isEqualTo(new BigDecimal("99.9"));
    assertThat(t.timestamp()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
    assertThat(t.location()).isEqualTo("Berlin");
    assertThat(t.paymentMethod()).isEqualTo("paypal");
    assertThat(t.channel()).isEqualTo(Channel.CARD);
    assertThat(t.fraudLabel()).isTrue();
  }

  @Test
  void shouldMapWebStoreSaleEventWithAmountPriceTimesQuantity() {
    // given
    String json =
        """
        {"id":"w-1","event_type":"sale_event","store_id":"s-9","cust_id":"c-77","category":"toys",
         "sku":"SKU-1","price":19.99,"qty":3,"discount":60,"gift_wrap":false,
         "priority_shipping":true,"payment_method":"card","ts":"2025-01-02 03:04:05"}
        """;
    // when
    Transaction t = accepted(json, InputFormat.WEB_STORE);
    // then
    assertThat(t.account()).isEqualTo(AccountId.of("c-77"));
    assertThat(t.merchant()).isEqualTo(MerchantId.of("s-9"));
    assertThat(t.amount()).isEqualByComparingTo("59.97");
    assertThat(t.channel()).isEqualTo(Channel.STORE);
    assertThat(t.timestamp()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
    assertThat(t.store().discount()).isEqualByComparingTo("60");
    assertThat(t.store().priorityShipping()).isTrue();
    assertThat(t.store().giftWrap()).isFalse();
    assertThat(t.store().category()).isEqualTo("toys");
    assertThat(t.store().sku()).isEqualTo("SKU-1");
    assertThat(t.store().quantity()).isEqualTo(3);
    assertThat(t.store().isSale()).isTrue();
  }

  @Test
  void shouldAttributeInventoryEventWithoutCustomerToTheStore() {
    // given
    String json =
        "{\"id\":\"w-2\",\"event_type\":\"inventory_event\",\"store_id\":\"s-9\",\"price\":5,\"qty\":10,\"ts\":1700000000000}";
    // when
    Transaction t = accepted(json, InputFormat.WEB_STORE);
    // then
    assertThat(t.account()).isEqualTo(AccountId.of("store:s-9"));
    assertThat(t.amount()).isEqualByComparingTo("50");
    assertThat(t.store().eventType()).isEqualTo("inventory_event");
  }

  @Test
  void shouldMapDetectPayloadAndDefaultTimestampToTheClock() {
    // given
    String json =
        "{\"event_id\":\"e-1\",\"transaction_amount\":250,\"ip_address\":\"2001:db8::1\",\"account_id\":\"a-5\"}";
    // when
    Transaction t = accepted(json, InputFormat.DETECT);
    // then
    assertThat(t.id().value()).isEqualTo("e-1");
    assertThat(t.account()).isEqualTo(AccountId.of("a-5"));
    assertThat(t.amount()).isEqualByComparingTo("250");
    assertThat(t.ip()).isEqualTo(IpAddress.of("2001:db8::1"));
    assertThat(t.timestamp()).isEqualTo(NOW);
    assertThat(t.channel()).isEqualTo(Channel.API);
    assertThat(t.merchant()).isNull();
  }

  @Test
  void shouldRejectAFormatOtherThanTheExpectedOne() {
    // given a detect payload
    byte[] json =
        "{\"event_id\":\"e-1\",\"transaction_amount\":1,\"ip_address\":\"1.2.3.4\",\"account_id\":\"a\"}"
            .getBytes(StandardCharsets.UTF_8);
    // when decoded as canonical only
    DecodeResult result = decoder.decode(json, InputFormat.CANONICAL);
    // then
    assertThat(((DecodeResult.Rejected) result).rejection().reason())
        .isEqualTo(RejectionReason.UNKNOWN_FORMAT);
  }

  static Stream<Arguments> malformedRecords() {
    String ok =
        "\"transaction_id\":\"t\",\"account_id\":\"a\",\"timestamp\":\"2025-01-01T00:00:00Z\"";
    return Stream.of(
        Arguments.of("empty", "", RejectionReason.EMPTY, null),
        Arguments.of("whitespace", "  \n ", RejectionReason.EMPTY, null),
        Arguments.of(
            "truncated", "{\"transaction_id\":\"t\"", RejectionReason.MALFORMED_JSON, null),
        Arguments.of(
            "trailing garbage",
            "{" + ok + ",\"amount\":1} x",
            RejectionReason.MALFORMED_JSON,
            null),
        Arguments.of(
            "duplicate key",
            "{" + ok + ",\"amount\":1,\"amount\":2}",
            RejectionReason.MALFORMED_JSON,
            null),
        Arguments.of(
            "deep nesting",
            "[".repeat(5000) + "]".repeat(5000),
            RejectionReason.MALFORMED_JSON,
            null),
        Arguments.of("array", "[1,2]", RejectionReason.UNKNOWN_FORMAT, null),
        Arguments.of("scalar", "42", RejectionReason.UNKNOWN_FORMAT, null),
        Arguments.of("unknown object", "{\"foo\":1}", RejectionReason.UNKNOWN_FORMAT, null),
        Arguments.of("missing amount", "{" + ok + "}", RejectionReason.MISSING_FIELD, "amount"),
        Arguments.of(
            "null account",
            "{\"transaction_id\":\"t\",\"account_id\":null,\"amount\":1,\"timestamp\":1}",
            RejectionReason.MISSING_FIELD,
            "account_id"),
        Arguments.of(
            "missing user_id",
            "{\"transaction_id\":\"t\",\"amount\":1,\"timestamp\":1,\"merchant_category\":\"x\"}",
            RejectionReason.MISSING_FIELD,
            "user_id"),
        Arguments.of(
            "amount object",
            "{" + ok + ",\"amount\":{\"v\":1}}",
            RejectionReason.WRONG_TYPE,
            "amount"),
        Arguments.of(
            "amount array", "{" + ok + ",\"amount\":[1]}", RejectionReason.WRONG_TYPE, "amount"),
        Arguments.of(
            "amount boolean", "{" + ok + ",\"amount\":true}", RejectionReason.WRONG_TYPE, "amount"),
        Arguments.of(
            "amount bad string",
            "{" + ok + ",\"amount\":\"12,5\"}",
            RejectionReason.WRONG_TYPE,
            "amount"),
        Arguments.of(
            "negative amount",
            "{" + ok + ",\"amount\":-0.01}",
            RejectionReason.NEGATIVE_AMOUNT,
            "amount"),
        Arguments.of(
            "absurd amount",
            "{" + ok + ",\"amount\":1e300}",
            RejectionReason.ABSURD_AMOUNT,
            "amount"),
        Arguments.of(
            "NaN amount",
            "{" + ok + ",\"amount\":\"NaN\"}",
            RejectionReason.ABSURD_AMOUNT,
            "amount"),
        Arguments.of(
            "Infinity amount",
            "{" + ok + ",\"amount\":\"-Infinity\"}",
            RejectionReason.ABSURD_AMOUNT,
            "amount"),
        Arguments.of(
            "bad timestamp",
            "{\"transaction_id\":\"t\",\"account_id\":\"a\",\"amount\":1,\"timestamp\":\"yesterday\"}",
            RejectionReason.BAD_TIMESTAMP,
            "timestamp"),
        Arguments.of(
            "timestamp out of range",
            "{\"transaction_id\":\"t\",\"account_id\":\"a\",\"amount\":1,\"timestamp\":99999999999999999999}",
            RejectionReason.BAD_TIMESTAMP,
            "timestamp"),
        Arguments.of(
            "bad ip",
            "{" + ok + ",\"amount\":1,\"ip\":\"999.1.1.1\"}",
            RejectionReason.BAD_IP,
            "ip"),
        Arguments.of(
            "host name as ip",
            "{\"event_id\":\"e\",\"transaction_amount\":1,\"ip_address\":\"example.com\",\"account_id\":\"a\"}",
            RejectionReason.BAD_IP,
            "ip_address"),
        Arguments.of(
            "unknown channel",
            "{" + ok + ",\"amount\":1,\"channel\":\"fax\"}",
            RejectionReason.INVALID_VALUE,
            "channel"),
        Arguments.of(
            "transfer without counterparty",
            "{" + ok + ",\"amount\":1,\"channel\":\"TRANSFER\"}",
            RejectionReason.MISSING_FIELD,
            "counterparty_id"),
        Arguments.of(
            "bad currency",
            "{" + ok + ",\"amount\":1,\"currency\":\"dollars\"}",
            RejectionReason.INVALID_VALUE,
            "currency"),
        Arguments.of(
            "store discount above 100",
            "{" + ok + ",\"amount\":1,\"store\":{\"event_type\":\"sale_event\",\"discount\":150}}",
            RejectionReason.INVALID_VALUE,
            "store.discount"),
        Arguments.of(
            "web store bad event type",
            "{\"id\":\"w\",\"event_type\":\"refund\",\"store_id\":\"s\",\"cust_id\":\"c\",\"price\":1,\"ts\":1}",
            RejectionReason.INVALID_VALUE,
            "event_type"),
        Arguments.of(
            "sale without customer",
            "{\"id\":\"w\",\"event_type\":\"sale_event\",\"store_id\":\"s\",\"price\":1,\"ts\":1}",
            RejectionReason.MISSING_FIELD,
            "cust_id"),
        Arguments.of(
            "negative price",
            "{\"id\":\"w\",\"event_type\":\"sale_event\",\"store_id\":\"s\",\"cust_id\":\"c\",\"price\":-1,\"ts\":1}",
            RejectionReason.NEGATIVE_AMOUNT,
            "price"),
        Arguments.of(
            "is_fraud object",
            "{\"transaction_id\":\"g\",\"user_id\":\"u\",\"amount\":1,\"timestamp\":1,\"is_fraud\":{}}",
            RejectionReason.WRONG_TYPE,
            "is_fraud"),
        Arguments.of(
            "control chars in id",
            "{\"transaction_id\":\"t\\u0000\",\"account_id\":\"a\",\"amount\":1,\"timestamp\":1}",
            RejectionReason.INVALID_VALUE,
            "transaction_id"),
        Arguments.of(
            "missing detect amount",
            "{\"event_id\":\"e\",\"ip_address\":\"1.2.3.4\",\"account_id\":\"a\"}",
            RejectionReason.MISSING_FIELD,
            "transaction_amount"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedRecords")
  void shouldRejectMalformedRecordWithPreciseReasonAndField(
      String kind, String json, RejectionReason reason, String field) {
    // when
    DecodeResult result = decode(json);
    // then
    assertThat(result).as(kind).isInstanceOf(DecodeResult.Rejected.class);
    Rejection rejection = ((DecodeResult.Rejected) result).rejection();
    assertThat(rejection.reason()).as(rejection.message()).isEqualTo(reason);
    assertThat(rejection.field()).as(rejection.message()).isEqualTo(field);
    assertThat(rejection.message()).startsWith(reason.name());
  }

  @Test
  void shouldRejectNullAsEmpty() {
    assertThat(((DecodeResult.Rejected) decoder.decode(null)).rejection().reason())
        .isEqualTo(RejectionReason.EMPTY);
  }

  @Test
  void shouldRejectOversizedRecordBeforeParsing() {
    // given a small limit and a record that is not even JSON
    TransactionDecoder small = new TransactionDecoder(16);
    byte[] value = "x".repeat(17).getBytes(StandardCharsets.UTF_8);
    // when
    DecodeResult result = small.decode(value);
    // then oversize wins over malformed: the bytes were never parsed
    assertThat(((DecodeResult.Rejected) result).rejection().reason())
        .isEqualTo(RejectionReason.OVERSIZED);
  }
}
