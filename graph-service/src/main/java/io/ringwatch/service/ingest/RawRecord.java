package io.ringwatch.service.ingest;

/**
 * One record as read from Kafka, before decoding: kept whole so that a rejected record can be
 * dead-lettered byte for byte.
 *
 * @param decided the decision already taken on the event and answered to a {@code POST /detect}
 *     caller (the record's {@link io.ringwatch.service.scoring.DetectJournal#DECISION_HEADER}
 *     header, JSON), or null when the event is still to be scored
 */
public record RawRecord(
    String topic, int partition, long offset, byte[] key, byte[] value, byte[] decided) {

  /** A record that carries no decision. */
  public RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
    this(topic, partition, offset, key, value, null);
  }
}
