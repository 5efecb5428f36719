package io.ringwatch.service.scoring;

import io.ringwatch.detectors.scoring.Decision;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The sends of one {@code POST /detect} answer: the event (its decision in the {@value
 * DetectJournal#DECISION_HEADER} header) to {@code transactions}, the decision to {@code decisions}
 * and, when flagged, to {@code fraud-alerts}; the returned future completes when the broker has
 * acknowledged all of them.
 *
 * <p>On Kafka the three records go straight to the Kafka producer of the {@value
 * DetectJournal#DETECTED} channel (configured there: {@code acks=all}, idempotent, {@code
 * linger.ms=0}), whose sender thread drains records for the same broker into one produce request:
 * one round trip per answer, and no hop through the messaging layer's sending thread and context
 * dispatch. Measured on this machine (docs/benchmarks.md), those hops and the second producer cost
 * several times the broker's own acknowledgment. Where the channel is not Kafka (the in-memory
 * connector of {@code @QuarkusTest}s) the same records go through the channels' emitters.
 */
@ApplicationScoped
public class DetectSends {
  private static final Logger LOG = Logger.getLogger(DetectSends.class);

  private final KafkaClientService clients;
  private final MutinyEmitter<byte[]> events;
  private final DecisionPublisher decisions;
  private final String transactionsTopic;
  private final String decisionsTopic;
  private final String alertsTopic;
  private volatile Producer<byte[], byte[]> direct;
  private volatile boolean resolved;

  public DetectSends(
      KafkaClientService clients,
      @Channel(DetectJournal.DETECTED) MutinyEmitter<byte[]> events,
      DecisionPublisher decisions,
      @ConfigProperty(name = "mp.messaging.outgoing.detected-transactions.topic")
          String transactions,
      @ConfigProperty(name = "mp.messaging.outgoing.decisions.topic", defaultValue = "decisions")
          String decisionsTopic,
      @ConfigProperty(
              name = "mp.messaging.outgoing.fraud-alerts.topic",
              defaultValue = "fraud-alerts")
          String alertsTopic) {
    this.clients = clients;
    this.events = events;
    this.decisions = decisions;
    this.transactionsTopic = transactions;
    this.decisionsTopic = decisionsTopic;
    this.alertsTopic = alertsTopic;
  }

  /**
   * Sends the event (canonical JSON {@code event}, keyed by {@code key}) with {@code decisionJson}
   * in its header, and the decision; completes when the broker has every record, or exceptionally
   * with the first failure.
   */
  public CompletableFuture<Void> send(
      byte[] key, byte[] event, Decision decision, String decisionJson) {
    byte[] json = decisionJson.getBytes(StandardCharsets.UTF_8);
    RecordHeaders headers = new RecordHeaders();
    headers.add(DetectJournal.DECISION_HEADER, json);
    Producer<byte[], byte[]> producer = producer();
    if (producer == null) {
      OutgoingKafkaRecordMetadata<byte[]> metadata =
          OutgoingKafkaRecordMetadata.<byte[]>builder().withKey(key).withHeaders(headers).build();
      CompletableFuture<Void> sent =
          events.sendMessage(Message.of(event).addMetadata(metadata)).subscribeAsCompletionStage();
      return CompletableFuture.allOf(sent, decisions.send(decision, decisionJson));
    }
    boolean flagged = decision.flagged();
    CompletableFuture<Void> all = new CompletableFuture<>();
    AtomicInteger remaining = new AtomicInteger(flagged ? 3 : 2);
    Callback acknowledged =
        (metadata, failure) -> {
          if (failure != null) {
            all.completeExceptionally(failure);
          } else if (remaining.decrementAndGet() == 0) {
            all.complete(null);
          }
        };
    producer.send(new ProducerRecord<>(transactionsTopic, null, key, event, headers), acknowledged);
    byte[] account = decision.accountId().value().getBytes(StandardCharsets.UTF_8);
    producer.send(new ProducerRecord<>(decisionsTopic, account, json), acknowledged);
    if (flagged) {
      producer.send(new ProducerRecord<>(alertsTopic, account, json), acknowledged);
    }
    return all;
  }

  private Producer<byte[], byte[]> producer() {
    if (!resolved) {
      synchronized (this) {
        if (!resolved) {
          try {
            io.smallrye.reactive.messaging.kafka.KafkaProducer<byte[], byte[]> channel =
                clients.getProducer(DetectJournal.DETECTED);
            direct = channel == null ? null : channel.unwrap();
          } catch (RuntimeException e) {
            LOG.debugf(
                e, "no Kafka producer on %s: sending through the emitters", DetectJournal.DETECTED);
            direct = null;
          }
          resolved = true;
          LOG.infof(
              "POST /detect sends %s",
              direct == null
                  ? "through the messaging channels"
                  : "straight to the Kafka producer of channel " + DetectJournal.DETECTED);
        }
      }
    }
    return direct;
  }
}
