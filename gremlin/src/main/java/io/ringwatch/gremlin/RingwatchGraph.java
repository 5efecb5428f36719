package io.ringwatch.gremlin;

import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import java.lang.reflect.Method;
import java.util.Map;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphFactory;

/**
 * The Ringwatch graph: a JanusGraph opened from {@link GraphSettings} with the explicit {@link
 * Schema} installed, plus its writer and read queries. Thread-safe for reads; writes go through the
 * one {@link #writer()}.
 */
public final class RingwatchGraph implements AutoCloseable {

  private final JanusGraph graph;
  private final TransactionWriter writer;
  private final GraphQueries queries;
  private final RingWriter ringWriter;
  private final LabelWriter labelWriter;
  private final RingQueries ringQueries;

  /** Whether this process is the graph's only writer (not CQL): the lookup may cache answers. */
  private final boolean onlyWriter;

  private RingwatchGraph(JanusGraph graph, boolean onlyWriter) {
    this.graph = graph;
    this.onlyWriter = onlyWriter;
    this.writer = new TransactionWriter(graph);
    this.queries = new GraphQueries(graph);
    // Ring writes share the transaction writer's monitor: one writer at a time per graph.
    this.ringWriter = new RingWriter(graph, writer);
    this.labelWriter = new LabelWriter(graph, writer);
    this.ringQueries = new RingQueries(graph);
  }

  /**
   * Opens JanusGraph with the backend's properties and {@code settings.extra()}, then installs the
   * schema (a no-op when it is there already). Closes the graph again if installation fails.
   */
  public static RingwatchGraph open(GraphSettings settings) {
    JanusGraphFactory.Builder builder = JanusGraphFactory.build();
    for (Map.Entry<String, Object> property : settings.janusGraphProperties().entrySet()) {
      builder.set(property.getKey(), property.getValue());
    }
    JanusGraph graph = builder.open();
    try {
      SchemaInstaller.install(graph);
    } catch (RuntimeException e) {
      try {
        graph.close();
      } catch (RuntimeException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
    return new RingwatchGraph(graph, settings.backend() != GraphSettings.Backend.CQL);
  }

  /**
   * Takes over closing the graph at JVM shutdown: JanusGraph installs a shutdown hook of its own
   * that closes the graph as soon as the JVM begins to exit, concurrently with every other hook, so
   * in a service it closed the graph under the batch being written and the ring pass being
   * persisted. After this call only {@link #close()} closes it (a service calls it from its own
   * ordered shutdown). JanusGraph 1.1 offers no setting for it: its private {@code removeHook()} is
   * called reflectively.
   *
   * @return false when the hook could not be removed (another JanusGraph version): the graph then
   *     still closes itself at shutdown, as before
   */
  public boolean closeOnlyWhenAsked() {
    try {
      Method removeHook = graph.getClass().getDeclaredMethod("removeHook");
      removeHook.setAccessible(true);
      removeHook.invoke(graph);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** The underlying JanusGraph, for the Gremlin Server and management tasks. */
  public JanusGraph janusGraph() {
    return graph;
  }

  /**
   * A traversal source over the graph's thread-bound transaction; the caller commits or rolls back
   * through {@code tx()}.
   */
  public GraphTraversalSource traversal() {
    return graph.traversal();
  }

  /** The single writer of transactions into the graph. */
  public TransactionWriter writer() {
    return writer;
  }

  /** Read-only queries that map graph elements to records. */
  public GraphQueries queries() {
    return queries;
  }

  /**
   * A new per-event graph feature lookup over this graph (DSL traversals fronted by the events not
   * yet committed), told of every commit of {@link #writer()}; counts saturate at {@code
   * maxAccountsPerKey}. Turn the database cache on ({@link GraphSettings#withDatabaseCache()}) for
   * per-event use. On BerkeleyJE and {@code inmemory}, where this process is the only writer, the
   * lookup caches its graph answers and is also told of every ring write ({@link #ringWriter()});
   * on CQL it does not cache, as other instances' writes would not invalidate it.
   */
  public JanusGraphFeatureLookup featureLookup(int maxAccountsPerKey) {
    // On CQL other instances write too, and their commits would not invalidate this cache.
    return featureLookup(maxAccountsPerKey, onlyWriter);
  }

  /**
   * As {@link #featureLookup(int)}, with or without its cache of graph answers (without: every
   * event asks the graph; for the parity tests). A cached lookup is also told of every ring write.
   */
  JanusGraphFeatureLookup featureLookup(int maxAccountsPerKey, boolean cached) {
    JanusGraphFeatureLookup lookup = new JanusGraphFeatureLookup(graph, maxAccountsPerKey, cached);
    writer.commitListener(lookup.transactionCommits());
    if (cached) {
      ringWriter.commitListener(lookup.ringCommits());
    }
    return lookup;
  }

  /**
   * A fraud DSL source over the graph's thread-bound transaction; the caller commits or rolls back
   * through {@code tx()}.
   */
  public FraudTraversalSource fraud() {
    return graph.traversal(FraudTraversalSource.class);
  }

  /** The writer of ring vertices and memberships; serialised with {@link #writer()}. */
  /** Confirmed outcomes on stored transactions; shares the transaction writer's lock. */
  public LabelWriter labelWriter() {
    return labelWriter;
  }

  public RingWriter ringWriter() {
    return ringWriter;
  }

  /** Stored rings, memberships, and the projection rebuilt from the graph. */
  public RingQueries ringQueries() {
    return ringQueries;
  }

  @Override
  public void close() {
    graph.close();
  }
}
