package io.ringwatch.service.ingest;

import io.ringwatch.ingest.DeadLetters;
import io.ringwatch.service.scoring.DecisionPublisher;
import io.ringwatch.service.scoring.DetectJournal;
import io.ringwatch.service.stores.StoreWindowPublisher;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Wires the {@code transactions} topic to the {@link TransactionIngestor}. A batch is acknowledged
 * (and its offsets become committable) only when this method returns, that is after the graph
 * commit, after every rejected record is safely on the dead-letter topic and after every decision
 * is on {@code decisions} (and {@code fraud-alerts}), and after the store windows the batch closed
 * are on {@code store-windows}.
 */
@ApplicationScoped
public class TransactionListener {
  /** Channel of incoming transactions (topic {@code transactions}). */
  public static final String TRANSACTIONS = "transactions";

  /** Channel of dead letters (topic {@code transactions.dlq}). */
  public static final String DEAD_LETTERS = "transactions-dlq";

  private static final Logger LOG = Logger.getLogger(TransactionListener.class);

  private final TransactionIngestor ingestor;
  private final MutinyEmitter<byte[]> deadLetters;
  private final DecisionPublisher decisions;
  private final StoreWindowPublisher storeWindows;

  public TransactionListener(
      TransactionIngestor ingestor,
      @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters,
      DecisionPublisher decisions,
      StoreWindowPublisher storeWindows) {
    this.ingestor = ingestor;
    this.deadLetters = deadLetters;
    this.decisions = decisions;
    this.storeWindows = storeWindows;
  }

  @Incoming(TRANSACTIONS)
  @Blocking
  public void onBatch(ConsumerRecords<byte[], byte[]> batch) {
    List<RawRecord> records = new ArrayList<>(batch.count());
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      Header decided = record.headers().lastHeader(DetectJournal.DECISION_HEADER);
      records.add(
          new RawRecord(
              record.topic(),
              record.partition(),
              record.offset(),
              record.key(),
              record.value(),
              decided == null ? null : decided.value()));
    }
    IngestOutcome outcome = ingestor.ingest(records);
    for (DeadLetter letter : outcome.deadLetters()) {
      sendDeadLetter(letter);
    }
    decisions.publish(outcome.decisions());
    storeWindows.publishPending();
    if (!outcome.deadLetters().isEmpty()) {
      LOG.debugf(
          "batch of %d: %d written, %d duplicate, %d dead-lettered",
          records.size(), outcome.written(), outcome.duplicates(), outcome.deadLetters().size());
    }
  }

  private void sendDeadLetter(DeadLetter letter) {
    RawRecord record = letter.record();
    OutgoingKafkaRecordMetadata<byte[]> metadata =
        OutgoingKafkaRecordMetadata.<byte[]>builder()
            .withKey(record.key())
            .withHeaders(
                DeadLetters.headers(
                    letter.rejection(), record.topic(), record.partition(), record.offset()))
            .build();
    byte[] value = record.value() == null ? new byte[0] : record.value();
    // Awaited on purpose: the batch must not be acknowledged before its dead letters are stored.
    deadLetters.sendMessageAndAwait(Message.of(value).addMetadata(metadata));
  }
}
