package io.ringwatch.service.graph;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the graph is open (and the Gremlin Server is listening, when enabled). */
@Readiness
@ApplicationScoped
public class GraphHealthCheck implements HealthCheck {
  private final GraphLifecycle graph;

  public GraphHealthCheck(GraphLifecycle graph) {
    this.graph = graph;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("graph")
        .status(graph.isOpen())
        .withData("gremlinPort", graph.gremlinPort())
        .build();
  }
}
