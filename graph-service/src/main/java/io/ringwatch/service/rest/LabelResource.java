package io.ringwatch.service.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.ingest.Rejection;
import io.ringwatch.ingest.RejectionReason;
import io.ringwatch.service.scoring.LabelFeedback;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Confirmed outcomes of scored transactions, learnt after the fact. */
@Path("/labels")
public class LabelResource {
  /** Labels accepted in one request. */
  static final int MAX_LABELS = 10_000;

  private final LabelFeedback feedback;
  private final ObjectMapper json;

  public LabelResource(LabelFeedback feedback, ObjectMapper json) {
    this.feedback = feedback;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Blocking
  @Operation(
      summary = "Record confirmed outcomes (fraud or genuine) of stored transactions",
      description =
          "Body: {\"labels\": [{\"event_id\": \"t-1\", \"fraud\": true}, ...]} (or the bare"
              + " array), at most 10,000. Each label is stored on the transaction's edge, raises or"
              + " lowers its account's fraud count in the ring tracker, and reaches the label-fed"
              + " features from now on. Answers how many changed something, how many were already"
              + " so, and the event ids that are not stored. 400 when the body is not JSON, 422"
              + " naming the entry and field when one is missing or of the wrong type.")
  public LabelFeedback.Result labels(byte[] body) {
    return feedback.apply(parse(body));
  }

  private List<Map.Entry<TransactionId, Boolean>> parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new RejectedInput(Rejection.of(RejectionReason.EMPTY, "the request body is empty"));
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new RejectedInput(
          Rejection.of(
              RejectionReason.MALFORMED_JSON, "the body is not JSON: " + e.getOriginalMessage()));
    } catch (java.io.IOException e) {
      throw new RejectedInput(Rejection.of(RejectionReason.MALFORMED_JSON, e.getMessage()));
    }
    JsonNode labels = root != null && root.isObject() ? root.get("labels") : root;
    if (labels == null || !labels.isArray()) {
      throw new RejectedInput(
          Rejection.of(
              RejectionReason.MISSING_FIELD,
              "labels",
              "expected {\"labels\": [...]} or an array of {event_id, fraud}"));
    }
    if (labels.size() > MAX_LABELS) {
      throw new RejectedInput(
          Rejection.of(
              RejectionReason.OVERSIZED,
              "labels",
              labels.size() + " labels in one request; at most " + MAX_LABELS));
    }
    List<Map.Entry<TransactionId, Boolean>> parsed = new ArrayList<>(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      JsonNode label = labels.get(i);
      String at = "labels[" + i + "]";
      if (!label.isObject()) {
        throw invalid(RejectionReason.WRONG_TYPE, at, "each label is an object");
      }
      JsonNode id = label.get("event_id");
      if (id == null || id.isNull()) {
        throw invalid(RejectionReason.MISSING_FIELD, at + ".event_id", "event_id is missing");
      }
      if (!id.isTextual()) {
        throw invalid(RejectionReason.WRONG_TYPE, at + ".event_id", "event_id is not a string");
      }
      JsonNode fraud = label.get("fraud");
      if (fraud == null || fraud.isNull()) {
        throw invalid(RejectionReason.MISSING_FIELD, at + ".fraud", "fraud is missing");
      }
      if (!fraud.isBoolean()) {
        throw invalid(RejectionReason.WRONG_TYPE, at + ".fraud", "fraud is not true or false");
      }
      TransactionId txId;
      try {
        txId = TransactionId.of(id.asText());
      } catch (IllegalArgumentException e) {
        throw invalid(RejectionReason.INVALID_VALUE, at + ".event_id", e.getMessage());
      }
      parsed.add(Map.entry(txId, fraud.asBoolean()));
    }
    return parsed;
  }

  private static RejectedInput invalid(RejectionReason reason, String field, String detail) {
    return new RejectedInput(Rejection.of(reason, field, field + ": " + detail));
  }
}
