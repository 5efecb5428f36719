package io.ringwatch.service.rest;

import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.gremlin.GraphQueries;
import io.ringwatch.service.scoring.DecisionCodec;
import io.ringwatch.service.scoring.DecisionView;
import io.ringwatch.service.scoring.DetectJournal;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Stored decisions. */
@Path("/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {
  private final DetectJournal detected;
  private final Scorer scorer;
  private final GraphQueries queries;
  private final DecisionCodec codec;

  public DecisionResource(
      DetectJournal detected, Scorer scorer, GraphQueries queries, DecisionCodec codec) {
    this.detected = detected;
    this.scorer = scorer;
    this.queries = queries;
    this.codec = codec;
  }

  @GET
  @Path("/{eventId}")
  @Blocking
  @Operation(
      summary = "The decision on one event",
      description =
          "From the /detect decisions not yet in the graph, else from the transaction's edge in"
              + " the graph, else from the recent decisions in memory (scored from Kafka, not yet"
              + " written)."
              + " 404 when the event was never scored.")
  public DecisionView decision(@PathParam("eventId") String eventId) {
    TransactionId id = TransactionId.of(eventId);
    // The graph before the scorer's memory: after a restart the scorer remembers the decisions of
    // its warm-up replay (ADR 0013), the graph the ones given when the events arrived.
    return detected
        .recent(id)
        .map(DecisionView::of)
        .or(() -> queries.decision(id).map(codec::view))
        .or(() -> scorer.recent(id).map(DecisionView::of))
        .orElseThrow(() -> new NotFound("decision", eventId));
  }
}
