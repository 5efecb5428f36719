package io.ringwatch.service.rest;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.ingest.DecodeResult;
import io.ringwatch.ingest.TransactionDecoder;
import io.ringwatch.service.scoring.DetectJournal;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Synchronous scoring of one event, recorded write-behind ({@link DetectJournal}, ADR 0019). Runs
 * on the HTTP event loop: it decodes and scores (microseconds) and hands the answer over to the
 * broker's acknowledgment without holding a thread; the answer is the decision's JSON as published,
 * serialised once.
 */
@Path("/detect")
public class DetectResource {
  private final TransactionDecoder decoder;
  private final DetectJournal journal;

  public DetectResource(TransactionDecoder decoder, DetectJournal journal) {
    this.decoder = decoder;
    this.journal = journal;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Score one event now, record it, and answer the decision",
      description =
          "Accepts the /detect payload (event_id, transaction_amount, ip_address, account_id) or"
              + " any other input format. Answers once the event (with its decision) is on the"
              + " transactions topic and the decision on the decisions (and fraud-alerts) topics;"
              + " the event is then stored in the graph with its decision by the Kafka ingest, and"
              + " GET /decisions/{eventId} finds the decision at once. An event id scored before"
              + " gets its first decision back and is recorded once. 400 when the body is not"
              + " readable JSON, 422 naming the field when a field is missing or invalid, 503 when"
              + " the event could not be recorded (retry with the same event_id).")
  public Uni<String> detect(InputStream body) {
    DecodeResult result = decoder.decode(read(body));
    if (result instanceof DecodeResult.Rejected rejected) {
      throw new RejectedInput(rejected.rejection());
    }
    Transaction transaction = ((DecodeResult.Accepted) result).transaction();
    Uni<String> answer =
        Uni.createFrom()
            .completionStage(journal.record(transaction))
            .onFailure(CompletionException.class)
            .transform(e -> e.getCause() == null ? e : e.getCause());
    // The acknowledgment completes on the Kafka producer's thread: the response is resumed on this
    // request's own Vert.x context, not there (outside it the request context is not active).
    Context context = Vertx.currentContext();
    return context == null ? answer : answer.emitOn(task -> context.runOnContext(v -> task.run()));
  }

  /**
   * The body at its exact size. On the event loop the body is already buffered, so {@code
   * available()} is all of it; a {@code byte[]} parameter was read with {@code readAllBytes}, an 8
   * KB buffer per request for a body of a few hundred bytes.
   */
  private static byte[] read(InputStream body) {
    if (body == null) {
      return new byte[0];
    }
    try {
      byte[] head = body.readNBytes(Math.max(0, body.available()));
      int next = body.read();
      if (next < 0) {
        return head;
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream(head.length + 1024);
      all.write(head);
      all.write(next);
      body.transferTo(all);
      return all.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
