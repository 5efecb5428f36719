package io.ringwatch.ingest.sim;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.ingest.InputFormat;
import java.util.Objects;

/**
 * One simulated Kafka record and what it means.
 *
 * @param key the record key: the account id
 * @param value the record value in {@code format}
 * @param format the wire shape of {@code value}
 * @param transaction what {@code value} decodes to
 * @param truth the fraud label of the event, or null for benign traffic
 */
public record SimulatedEvent(
    String key, byte[] value, InputFormat format, Transaction transaction, TruthRow truth) {
  public SimulatedEvent {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(transaction, "transaction");
  }

  public boolean isFraud() {
    return truth != null;
  }
}
