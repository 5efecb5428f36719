package io.ringwatch.gremlin.dsl;

import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.structure.Vertex;

/**
 * Helpers of the DSL's steps, kept out of {@link FraudTraversalDsl} because the annotation
 * processor turns every method of that interface, static ones included, into a step.
 */
final class DslSupport {

  /** The largest hop count a DSL step accepts. */
  static final int MAX_HOPS = 10;

  private DslSupport() {}

  /** Rejects a hop bound outside {@code [min, MAX_HOPS]}: every repeat() is bounded. */
  static void requireHops(int hops, int min) {
    if (hops < min || hops > MAX_HOPS) {
      throw new IllegalArgumentException(
          "hops must be in [" + min + ", " + MAX_HOPS + "], was " + hops);
    }
  }

  /**
   * {@code traversal} typed as one over vertices, for the steps that {@code repeat()} vertex steps
   * ({@code repeat} wants a body ending on the traversal's current type); callers use it only on
   * traversals that are at vertices.
   */
  @SuppressWarnings("unchecked")
  static <S> GraphTraversal<S, Vertex> vertices(GraphTraversal<S, ?> traversal) {
    return (GraphTraversal<S, Vertex>) traversal;
  }
}
