package io.ringwatch.service.testkit;

import io.ringwatch.service.ingest.TransactionListener;
import io.ringwatch.service.scoring.DetectJournal;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * In {@code @QuarkusTest}s the channels are in memory, so what {@code POST /detect} sends to {@code
 * transactions} does not come back on the incoming channel by itself: this hands it over as the
 * broker would (one batch, key, value and headers as sent). The real broker does it in the {@code
 * *IT}s ({@code DetectWriteBehindIT}).
 */
public final class DetectedEvents {
  private DetectedEvents() {}

  /**
   * Delivers every event sent by {@code /detect} so far to the Kafka listener; returns how many.
   */
  public static int deliver(InMemoryConnector connector) {
    InMemorySink<byte[]> sent = connector.sink(DetectJournal.DETECTED);
    List<? extends Message<byte[]>> messages = List.copyOf(sent.received());
    sent.clear();
    if (messages.isEmpty()) {
      return 0;
    }
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Message<byte[]> message : messages) {
      @SuppressWarnings("unchecked")
      OutgoingKafkaRecordMetadata<byte[]> metadata =
          message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
      RecordHeaders headers = new RecordHeaders(metadata.getHeaders().toArray());
      records.add(
          new ConsumerRecord<>(
              "transactions",
              0,
              records.size(),
              0L,
              TimestampType.CREATE_TIME,
              -1,
              -1,
              metadata.getKey(),
              message.getPayload(),
              headers,
              java.util.Optional.empty()));
    }
    connector
        .source(TransactionListener.TRANSACTIONS)
        .send(new ConsumerRecords<>(Map.of(new TopicPartition("transactions", 0), records)));
    return records.size();
  }
}
