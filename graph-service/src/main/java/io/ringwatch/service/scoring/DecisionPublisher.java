package io.ringwatch.service.scoring;

import io.ringwatch.detectors.scoring.Decision;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes every decision to {@code decisions} and REVIEW/BLOCK ones to {@code fraud-alerts}, as
 * JSON keyed by account id. Sends are awaited: the Kafka listener acknowledges its batch only after
 * the decisions are stored on the broker.
 */
@ApplicationScoped
public class DecisionPublisher {
  /** Channel of every decision (topic {@code decisions}). */
  public static final String DECISIONS = "decisions";

  /** Channel of REVIEW and BLOCK decisions (topic {@code fraud-alerts}). */
  public static final String FRAUD_ALERTS = "fraud-alerts";

  private final MutinyEmitter<String> decisions;
  private final MutinyEmitter<String> alerts;
  private final DecisionCodec codec;

  public DecisionPublisher(
      @Channel(DECISIONS) MutinyEmitter<String> decisions,
      @Channel(FRAUD_ALERTS) MutinyEmitter<String> alerts,
      DecisionCodec codec) {
    this.decisions = decisions;
    this.alerts = alerts;
    this.codec = codec;
  }

  public void publish(List<Decision> batch) {
    for (Decision decision : batch) {
      publish(decision);
    }
  }

  public void publish(Decision decision) {
    String json = codec.json(decision);
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder().withKey(decision.accountId().value()).build();
    decisions.sendMessageAndAwait(Message.of(json).addMetadata(metadata));
    if (decision.flagged()) {
      alerts.sendMessageAndAwait(Message.of(json).addMetadata(metadata));
    }
  }
}
