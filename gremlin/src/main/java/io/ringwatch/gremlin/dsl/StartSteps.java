package io.ringwatch.gremlin.dsl;

import io.ringwatch.gremlin.Schema;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.DefaultGraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.GraphStep;
import org.apache.tinkerpop.gremlin.structure.Vertex;

/**
 * Builds the DSL's start steps (outside {@link FraudTraversalSourceDsl}, whose every method the
 * annotation processor re-declares in the generated source).
 */
final class StartSteps {

  private StartSteps() {}

  /**
   * {@code V().hasLabel(label)}, plus {@code has(idKey, id)} for one id or {@code has(idKey,
   * within(ids))} for several, built the way TinkerPop's social DSL example builds its start step:
   * a {@code V()} step in both the bytecode (for remote use) and the step list (for local use).
   * JanusGraph folds the label and key into one lookup of the label's unique index.
   */
  static GraphTraversal<Vertex, Vertex> start(
      GraphTraversalSource source, String label, String... ids) {
    GraphTraversalSource clone = source.clone();
    clone.getBytecode().addStep(GraphTraversal.Symbols.V);
    GraphTraversal<Vertex, Vertex> traversal = new DefaultGraphTraversal<>(clone);
    traversal.asAdmin().addStep(new GraphStep<>(traversal.asAdmin(), Vertex.class, true));
    traversal = traversal.hasLabel(label);
    if (ids.length == 1) {
      traversal = traversal.has(Schema.idKey(label), ids[0]);
    } else if (ids.length > 1) {
      traversal = traversal.has(Schema.idKey(label), P.within((Object[]) ids));
    }
    return traversal;
  }
}
