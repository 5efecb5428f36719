package io.ringwatch.ingest;

/** The input shapes the decoder understands. */
public enum InputFormat {
  /** Ringwatch's own event: {@code transaction_id, account_id, amount, timestamp, ...}. */
  CANONICAL,
  /** The Kafka generator's {@code transaction_id, user_id, amount, merchant_category, ...}. */
  KAFKA_GENERATOR,
  /** Web-store {@code sale_event}/{@code inventory_event} records. */
  WEB_STORE,
  /**
   * The {@code POST /detect} payload: {@code event_id, transaction_amount, ip_address, account_id}.
   */
  DETECT
}
