package io.ringwatch.service.rest;

import io.ringwatch.gremlin.GraphCounts;
import io.ringwatch.gremlin.GraphQueries;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Whole-graph facts for operators. */
@Path("/graph")
@Produces(MediaType.APPLICATION_JSON)
public class GraphResource {
  private final GraphQueries queries;

  public GraphResource(GraphQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("/stats")
  @Blocking
  @Operation(
      summary = "Vertex and edge counts by label",
      description = "Scans the whole graph: meant for operators and small graphs, not for polling.")
  public GraphCounts stats() {
    return queries.counts();
  }
}
