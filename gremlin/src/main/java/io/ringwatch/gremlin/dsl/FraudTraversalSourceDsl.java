package io.ringwatch.gremlin.dsl;

import io.ringwatch.gremlin.Schema;
import org.apache.tinkerpop.gremlin.process.remote.RemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategies;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.structure.Vertex;

/**
 * The start steps of the fraud DSL: each one starts from the vertices of one {@link Schema} label,
 * optionally narrowed to ids of that label's unique key, so every lookup names its label and is
 * served by the label's unique composite index on JanusGraph. The annotation processor turns this
 * class into {@code FraudTraversalSource}, whose start steps return {@code FraudTraversal}s; use
 * {@code graph.traversal(FraudTraversalSource.class)} locally or {@code
 * traversal(FraudTraversalSource.class).withRemote(...)} against a Gremlin Server.
 *
 * <p>Every start step given no ids starts from all vertices of its label: a full scan, meant for
 * exploration scripts on the console, never for per-event work.
 */
public class FraudTraversalSourceDsl extends GraphTraversalSource {

  /** A source over {@code graph} with the given strategies. */
  public FraudTraversalSourceDsl(Graph graph, TraversalStrategies traversalStrategies) {
    super(graph, traversalStrategies);
  }

  /** A source over {@code graph} with its default strategies. */
  public FraudTraversalSourceDsl(Graph graph) {
    super(graph);
  }

  /** A source whose traversals are sent as bytecode over {@code connection}. */
  public FraudTraversalSourceDsl(RemoteConnection connection) {
    super(connection);
  }

  /** Starts from the {@code account} vertices with these {@code accountId}s (all when none). */
  public GraphTraversal<Vertex, Vertex> account(String... accountIds) {
    return StartSteps.start(this, Schema.ACCOUNT, accountIds);
  }

  /** Starts from the {@code device} vertices with these {@code deviceId}s (all when none). */
  public GraphTraversal<Vertex, Vertex> device(String... deviceIds) {
    return StartSteps.start(this, Schema.DEVICE, deviceIds);
  }

  /** Starts from the {@code ip} vertices with these {@code address}es (all when none). */
  public GraphTraversal<Vertex, Vertex> ip(String... addresses) {
    return StartSteps.start(this, Schema.IP, addresses);
  }

  /** Starts from the {@code merchant} vertices with these {@code merchantId}s (all when none). */
  public GraphTraversal<Vertex, Vertex> merchant(String... merchantIds) {
    return StartSteps.start(this, Schema.MERCHANT, merchantIds);
  }

  /** Starts from the {@code ring} vertices with these {@code ringId}s (all when none). */
  public GraphTraversal<Vertex, Vertex> ring(String... ringIds) {
    return StartSteps.start(this, Schema.RING, ringIds);
  }

  /** Starts from every {@code ring} vertex (a scan of the ring label). */
  public GraphTraversal<Vertex, Vertex> rings() {
    return StartSteps.start(this, Schema.RING);
  }
}
