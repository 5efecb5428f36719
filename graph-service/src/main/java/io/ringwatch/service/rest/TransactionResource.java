package io.ringwatch.service.rest;

import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.gremlin.GraphQueries;
import io.ringwatch.gremlin.TransactionRecord;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Transactions stored in the graph. */
@Path("/transactions")
@Produces(MediaType.APPLICATION_JSON)
public class TransactionResource {
  private final GraphQueries queries;

  public TransactionResource(GraphQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("/{id}")
  @Blocking
  @Operation(summary = "One stored transaction (payment or transfer) by its transaction id")
  public TransactionRecord transaction(@PathParam("id") String id) {
    TransactionId txId = TransactionId.of(id);
    return queries.transaction(txId).orElseThrow(() -> new NotFound("transaction", id));
  }
}
