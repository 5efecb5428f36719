package io.ringwatch.service.scoring;

import io.ringwatch.detectors.scoring.Decision;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes every decision to {@code decisions} and REVIEW/BLOCK ones to {@code fraud-alerts}, as
 * JSON keyed by account id. The Kafka listener awaits its batch's sends (it acknowledges the batch
 * only after the decisions are stored on the broker); {@code POST /detect} awaits one decision's
 * sends together with its event's ({@link DetectJournal}).
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

  /**
   * Publishes a batch and returns once the broker has every record: the sends are issued together
   * and awaited together, so a batch costs about one round trip rather than one per decision.
   *
   * @throws java.util.concurrent.CompletionException when a send failed (the caller's batch is then
   *     not acknowledged, and redelivered)
   */
  public void publish(List<Decision> batch) {
    CompletableFuture<?>[] sends = new CompletableFuture<?>[batch.size()];
    for (int i = 0; i < sends.length; i++) {
      sends[i] = send(batch.get(i));
    }
    CompletableFuture.allOf(sends).join();
  }

  /** Publishes one decision and returns once the broker has it. */
  public void publish(Decision decision) {
    send(decision).join();
  }

  /**
   * Starts publishing one decision (to {@code fraud-alerts} too when it is flagged) and returns at
   * once; the future completes when the broker has acknowledged every record, or exceptionally with
   * the first failure.
   */
  public CompletableFuture<Void> send(Decision decision) {
    return send(decision, codec.json(decision));
  }

  /** Like {@link #send(Decision)}, with the decision's JSON form ({@link DecisionCodec#json}). */
  public CompletableFuture<Void> send(Decision decision, String json) {
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder().withKey(decision.accountId().value()).build();
    CompletableFuture<Void> decided =
        decisions.sendMessage(Message.of(json).addMetadata(metadata)).subscribeAsCompletionStage();
    if (!decision.flagged()) {
      return decided;
    }
    CompletableFuture<Void> alerted =
        alerts.sendMessage(Message.of(json).addMetadata(metadata)).subscribeAsCompletionStage();
    return CompletableFuture.allOf(decided, alerted);
  }
}
