package io.ringwatch.gremlin.dsl;

import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;
import org.junit.jupiter.api.AfterEach;

/** The DSL contract on TinkerGraph: the steps' meaning, independent of JanusGraph. */
class FraudDslOnTinkerGraphTest extends FraudDslContract {

  private TinkerGraph graph;

  @Override
  FraudTraversalSource load(FraudGraph fixture) {
    graph = fixture.toTinkerGraph();
    return graph.traversal(FraudTraversalSource.class);
  }

  @AfterEach
  void closeGraph() {
    if (graph != null) {
      graph.close();
    }
  }
}
