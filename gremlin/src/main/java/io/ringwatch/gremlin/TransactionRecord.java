package io.ringwatch.gremlin;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One stored transaction as read back from its {@code pays} or {@code transfers} edge.
 *
 * @param txId transaction id
 * @param kind {@link #PAYMENT} or {@link #TRANSFER}
 * @param accountId paying or sending account
 * @param merchantId merchant paid; null for transfers and for payments stored against a
 *     pseudo-merchant (no merchant was given)
 * @param counterpartyId receiving account of a transfer, else null
 * @param amount amount as stored (a double in the graph, rendered in its shortest decimal form)
 * @param currency ISO 4217 code
 * @param channel channel name ({@code CARD}, {@code API}, ...)
 * @param timestamp event time, millisecond precision
 */
public record TransactionRecord(
    String txId,
    String kind,
    String accountId,
    String merchantId,
    String counterpartyId,
    BigDecimal amount,
    String currency,
    String channel,
    Instant timestamp) {

  public static final String PAYMENT = "payment";
  public static final String TRANSFER = "transfer";
}
