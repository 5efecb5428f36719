package io.ringwatch.service.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringwatch.detectors.rings.DecisionRisk;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.gremlin.StoredDecision;

/** Turns decisions into their JSON form and their graph form, and stored JSON back into views. */
public final class DecisionCodec {
  private final ObjectMapper mapper;

  public DecisionCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String json(Decision decision) {
    return json(DecisionView.of(decision));
  }

  public String json(DecisionView view) {
    try {
      return mapper.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise decision " + view.eventId(), e);
    }
  }

  public StoredDecision stored(Decision decision) {
    return new StoredDecision(
        decision.outcome().name(),
        decision.insightScore(),
        json(decision),
        DecisionRisk.of(decision));
  }

  /**
   * The decision whose JSON form ({@link #json}) {@code json} is: what a Kafka record carries for
   * an event already answered by {@code POST /detect}.
   *
   * @throws IllegalArgumentException when it is not readable as a decision
   */
  public Decision decision(byte[] json) {
    try {
      return mapper.readValue(json, DecisionView.class).toDecision();
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("carried decision is not readable: " + e.getMessage(), e);
    }
  }

  /** The view stored in a graph edge's decision property. */
  public DecisionView view(StoredDecision stored) {
    try {
      return mapper.readValue(stored.detail(), DecisionView.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored decision is not readable: " + e.getOriginalMessage(), e);
    }
  }
}
