package io.ringwatch.service.rest;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.gremlin.AccountSummary;
import io.ringwatch.gremlin.GraphQueries;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Accounts as the graph knows them. */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
  private final GraphQueries queries;

  public AccountResource(GraphQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("/{id}")
  @Blocking
  @Operation(
      summary = "An account with its devices, IPs, merchants, counterparties and counts",
      description = "404 when the account is unknown, 400 when the id is malformed.")
  public AccountSummary account(@PathParam("id") String id) {
    AccountId accountId = AccountId.of(id);
    return queries.account(accountId).orElseThrow(() -> new NotFound("account", id));
  }
}
