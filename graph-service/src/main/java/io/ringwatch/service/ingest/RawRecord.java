package io.ringwatch.service.ingest;

/**
 * One record as read from Kafka, before decoding: kept whole so that a rejected record can be
 * dead-lettered byte for byte.
 */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {}
