package io.ringwatch.detectors.features;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A confirmed outcome of one past transaction (fraud or genuine), as a bank learns it from
 * chargebacks, customer claims or investigations, and the moment it became known. Label-fed
 * features ({@link KnownOutcomes}) use it only once the scoring clock has reached {@code knownAt}.
 *
 * @param transaction the transaction the outcome is about
 * @param account its account
 * @param card its card, or null
 * @param merchant its merchant, or null
 * @param eventTime the transaction's event time
 * @param fraud true when it was fraud
 * @param knownAt when the outcome became known; never before the event itself
 */
public record KnownOutcome(
    TransactionId transaction,
    AccountId account,
    CardId card,
    MerchantId merchant,
    Instant eventTime,
    boolean fraud,
    Instant knownAt) {

  public KnownOutcome {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(knownAt, "knownAt");
    if (!knownAt.isAfter(eventTime)) {
      throw new IllegalArgumentException(
          "the outcome of "
              + transaction.value()
              + " is known at "
              + knownAt
              + ", not after its event time "
              + eventTime
              + ": an outcome is never known when its event is scored");
    }
  }

  /** The outcome of {@code t}, known {@code delay} after its event time (a positive delay). */
  public static KnownOutcome of(Transaction t, boolean fraud, Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.isZero()) {
      throw new IllegalArgumentException("a label delay must be positive, was " + delay);
    }
    return new KnownOutcome(
        t.id(),
        t.account(),
        t.card(),
        t.merchant(),
        t.timestamp(),
        fraud,
        t.timestamp().plus(delay));
  }
}
