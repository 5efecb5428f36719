package io.ringwatch.service.ingest;

import io.ringwatch.ingest.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Malformed records of every rejection kind, each with the reason it must be dead-lettered for. */
final class MalformedRecords {
  /** One bad record and the reason the service must give. */
  record Bad(byte[] value, RejectionReason reason) {}

  private MalformedRecords() {}

  /** {@code perKind} records of each of the eleven kinds, every one with distinct bytes. */
  static List<Bad> corpus(int perKind) {
    List<Bad> bad = new ArrayList<>();
    for (int i = 0; i < perKind; i++) {
      bad.add(
          text("{\"transaction_id\": \"bad-json-" + i + "\", ", RejectionReason.MALFORMED_JSON));
      bad.add(text("{\"hello\":\"world\",\"n\":" + i + "}", RejectionReason.UNKNOWN_FORMAT));
      bad.add(
          text(
              "{\"transaction_id\":\"miss-%d\",\"account_id\":\"A-1\",\"timestamp\":\"2026-11-01T08:00:00Z\"}"
                  .formatted(i),
              RejectionReason.MISSING_FIELD));
      bad.add(
          text(
              "{\"transaction_id\":\"type-%d\",\"account_id\":\"A-1\",\"amount\":{\"v\":1},\"timestamp\":\"2026-11-01T08:00:00Z\"}"
                  .formatted(i),
              RejectionReason.WRONG_TYPE));
      bad.add(
          text(
              "{\"transaction_id\":\"neg-%d\",\"user_id\":\"U-1\",\"amount\":-%d.5,\"timestamp\":\"2026-11-01T08:00:00Z\",\"merchant_category\":\"grocery\",\"location\":\"x\",\"payment_method\":\"card\",\"is_fraud\":0}"
                  .formatted(i, i + 1),
              RejectionReason.NEGATIVE_AMOUNT));
      bad.add(
          text(
              "{\"transaction_id\":\"huge-%d\",\"account_id\":\"A-1\",\"amount\":9%d000000000000,\"timestamp\":\"2026-11-01T08:00:00Z\"}"
                  .formatted(i, i),
              RejectionReason.ABSURD_AMOUNT));
      bad.add(
          text(
              "{\"transaction_id\":\"time-%d\",\"account_id\":\"A-1\",\"amount\":5,\"timestamp\":\"yesterday %d\"}"
                  .formatted(i, i),
              RejectionReason.BAD_TIMESTAMP));
      bad.add(
          text(
              "{\"event_id\":\"ip-%d\",\"transaction_amount\":5,\"ip_address\":\"999.1.1.%d\",\"account_id\":\"A-1\"}"
                  .formatted(i, i),
              RejectionReason.BAD_IP));
      bad.add(
          text(
              "{\"transaction_id\":\"big-%d\",\"account_id\":\"A-1\",\"amount\":5,\"note\":\"%s\"}"
                  .formatted(i, "x".repeat(70_000)),
              RejectionReason.OVERSIZED));
      bad.add(
          text(
              "{\"id\":\"disc-%d\",\"event_type\":\"sale_event\",\"store_id\":\"S-1\",\"cust_id\":\"C-1\",\"category\":\"toys\",\"sku\":\"K\",\"price\":5,\"qty\":1,\"discount\":%d,\"gift_wrap\":false,\"priority_shipping\":true,\"payment_method\":\"paypal\",\"ts\":\"2026-11-01T08:00:00Z\"}"
                  .formatted(i, 150 + i),
              RejectionReason.INVALID_VALUE));
      bad.add(new Bad(new byte[0], RejectionReason.EMPTY));
    }
    return bad;
  }

  private static Bad text(String text, RejectionReason reason) {
    return new Bad(text.getBytes(StandardCharsets.UTF_8), reason);
  }
}
