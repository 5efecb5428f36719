package io.ringwatch.service.ingest;

import io.ringwatch.ingest.DeadLetters;
import io.ringwatch.service.config.RingwatchConfig;
import io.ringwatch.service.graph.GraphGate;
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
  private static final long MAX_PAUSE_NANOS = 2_000_000_000L;

  private final TransactionIngestor ingestor;
  private final MutinyEmitter<byte[]> deadLetters;
  private final DecisionPublisher decisions;
  private final StoreWindowPublisher storeWindows;
  private final DetectJournal detect;
  private final IngestPacer pacer;
  private final GraphGate gate;

  public TransactionListener(
      TransactionIngestor ingestor,
      @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters,
      DecisionPublisher decisions,
      StoreWindowPublisher storeWindows,
      DetectJournal detect,
      RingwatchConfig config,
      GraphGate gate) {
    this.gate = gate;
    this.ingestor = ingestor;
    this.deadLetters = deadLetters;
    this.decisions = decisions;
    this.storeWindows = storeWindows;
    this.detect = detect;
    this.pacer =
        new IngestPacer(
            config.ingest().detectYield(),
            config.ingest().detectBusyRate(),
            detect.maxPending() / 2,
            MAX_PAUSE_NANOS);
  }

  @Incoming(TRANSACTIONS)
  @Blocking
  public void onBatch(ConsumerRecords<byte[], byte[]> batch) {
    if (!gate.enter()) {
      // Not acknowledged: the offsets stay uncommitted and the batch is consumed after a restart.
      throw new ServiceStopping(batch.count());
    }
    try {
      ingest(batch);
    } finally {
      gate.exit();
    }
  }

  /** The service is shutting down: a batch delivered now is left for the next start. */
  public static final class ServiceStopping extends IllegalStateException {
    ServiceStopping(int records) {
      super(
          "the service is stopping: a batch of "
              + records
              + " records is left unacknowledged and is consumed again after the restart");
    }
  }

  private void ingest(ConsumerRecords<byte[], byte[]> batch) {
    long started = System.nanoTime();
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
    yieldToDetect(System.nanoTime() - started);
  }

  /** Steps back while {@code POST /detect} is busy ({@link IngestPacer}); the batch is done. */
  private void yieldToDetect(long batchNanos) {
    long pause = pacer.pauseNanos(batchNanos, detect.requestsPerSecond(), detect.pending());
    if (pause > 0) {
      try {
        Thread.sleep(pause / 1_000_000L, (int) (pause % 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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
