package io.ringwatch.service.rest;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.ingest.DecodeResult;
import io.ringwatch.ingest.TransactionDecoder;
import io.ringwatch.service.ingest.StoredEvents;
import io.ringwatch.service.scoring.DecisionCodec;
import io.ringwatch.service.scoring.DecisionPublisher;
import io.ringwatch.service.scoring.DecisionView;
import io.ringwatch.service.stores.StoreWindowBuffer;
import io.ringwatch.service.stores.StoreWindowPublisher;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Synchronous scoring of one event. */
@Path("/detect")
public class DetectResource {
  private final TransactionDecoder decoder;
  private final Scorer scorer;
  private final RingwatchGraph graph;
  private final DecisionCodec codec;
  private final DecisionPublisher publisher;
  private final StoreWindowBuffer windows;
  private final StoreWindowPublisher windowPublisher;
  private final RingTracker rings;

  public DetectResource(
      TransactionDecoder decoder,
      Scorer scorer,
      RingwatchGraph graph,
      DecisionCodec codec,
      DecisionPublisher publisher,
      StoreWindowBuffer windows,
      StoreWindowPublisher windowPublisher,
      RingTracker rings) {
    this.decoder = decoder;
    this.scorer = scorer;
    this.graph = graph;
    this.codec = codec;
    this.publisher = publisher;
    this.windows = windows;
    this.windowPublisher = windowPublisher;
    this.rings = rings;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Blocking
  @Operation(
      summary = "Score one event now, record it, and answer the decision",
      description =
          "Accepts the /detect payload (event_id, transaction_amount, ip_address, account_id) or"
              + " any other input format. The decision is stored with the transaction in the graph"
              + " and published to the decisions (and fraud-alerts) topics. An event id scored"
              + " before gets its first decision back. 400 when the body is not readable JSON, 422"
              + " naming the field when a field is missing or invalid.")
  public DecisionView detect(byte[] body) {
    DecodeResult result = decoder.decode(body);
    if (result instanceof DecodeResult.Rejected rejected) {
      throw new RejectedInput(rejected.rejection());
    }
    Transaction transaction = ((DecodeResult.Accepted) result).transaction();
    Decision decision = scorer.score(transaction);
    graph
        .writer()
        .write(
            List.of(transaction),
            Map.of(transaction.id(), codec.stored(decision)),
            StoredEvents::encode);
    publisher.publish(decision);
    // Like a consumed record: the ring tracker learns the event and a flagged decision's risk.
    rings.accept(List.of(transaction));
    rings.reportDecisions(List.of(decision));
    windows.accept(List.of(transaction));
    windowPublisher.publishPending();
    return DecisionView.of(decision);
  }
}
