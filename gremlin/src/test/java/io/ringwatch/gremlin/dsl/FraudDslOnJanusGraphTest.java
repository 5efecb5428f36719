package io.ringwatch.gremlin.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.gremlin.GraphSettings;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.gremlin.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The DSL contract on JanusGraph {@code inmemory} with the Ringwatch schema enforced ({@code
 * schema.default=none}, {@code schema.constraints=true}), data written by the real {@code
 * TransactionWriter}; plus the index use of the start steps.
 */
class FraudDslOnJanusGraphTest extends FraudDslContract {

  private RingwatchGraph graph;

  @Override
  FraudTraversalSource load(FraudGraph fixture) {
    graph = RingwatchGraph.open(GraphSettings.inMemory());
    fixture.writeTo(graph);
    return graph.janusGraph().traversal(FraudTraversalSource.class);
  }

  @AfterEach
  void closeGraph() {
    if (graph != null) {
      graph.janusGraph().tx().rollback();
      graph.close();
    }
  }

  @Test
  void shouldLookUpAStartAccountThroughItsLabelsUniqueIndex() {
    FraudTraversalSource fraud = load(FraudGraphs.twoAccountsSharingADevice());

    String one = fraud.account("a1").profile().next().toString();
    String several = fraud.account("a1", "a2").profile().next().toString();

    assertThat(one).contains(Schema.BY_ACCOUNT_ID);
    assertThat(several).contains(Schema.BY_ACCOUNT_ID);
  }
}
