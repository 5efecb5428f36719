package io.ringwatch.gremlin;

import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.jsr223.GremlinScriptEngineManager;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.server.GraphManager;
import org.apache.tinkerpop.gremlin.server.GremlinServer;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.util.LifeCycleHook;
import org.apache.tinkerpop.gremlin.server.util.ServerGremlinExecutor;
import org.janusgraph.core.JanusGraph;

/**
 * A Gremlin Server (TinkerPop 3.7, WebSocket) inside this JVM that serves an already open
 * JanusGraph as graph {@code graph}, traversal source {@code g} and fraud DSL source {@code fraud}
 * ({@link FraudTraversalSource}), to bytecode requests and to Groovy script requests alike (so
 * {@code :> fraud.account('A-17').ringMates()} works from the console), with GraphBinary and
 * GraphSON v3 serializers that carry the {@code JanusGraphIoRegistry}. Stopping the server leaves
 * the graph open: its owner closes it.
 *
 * <p>The graph is handed to the server's default graph manager after construction, and bound as
 * {@code graph}, {@code g} and {@code fraud} in the script engine manager's global scope. A script
 * calls the DSL's steps on {@code fraud} and its traversals; the anonymous DSL steps need their
 * class named ({@code io.ringwatch.gremlin.dsl.__.naturalId()}). We do not name a custom {@code
 * graphManager} class: Gremlin Server instantiates that with {@code Class.forName}, which under
 * Quarkus' layered class loaders (tests, dev mode) finds a second copy of the class.
 */
public final class EmbeddedGremlinServer implements AutoCloseable {

  /** Name of the served graph. */
  public static final String GRAPH = "graph";

  /** Name of the served traversal source. */
  public static final String TRAVERSAL_SOURCE = "g";

  /** Name of the served fraud DSL source ({@code FraudTraversalSource}). */
  public static final String FRAUD_SOURCE = "fraud";

  private static final String JANUSGRAPH_IO_REGISTRY =
      "org.janusgraph.graphdb.tinkerpop.JanusGraphIoRegistry";

  private final GremlinServer server;
  private final GraphManager graphManager;
  private final int port;

  private EmbeddedGremlinServer(GremlinServer server, int port) {
    this.server = server;
    this.port = port;
    this.graphManager = server.getServerGremlinExecutor().getGraphManager();
  }

  /**
   * Starts a server on {@code host:port} serving {@code graph}.
   *
   * @param port the port, or 0 to pick a free one (found by binding a probe socket first, so
   *     another process could take it in between: then start fails and says so)
   * @throws IllegalStateException when the server cannot start
   */
  public static EmbeddedGremlinServer start(JanusGraph graph, String host, int port) {
    return start(graph, host, port, () -> {});
  }

  /**
   * Starts the server as {@link #start(JanusGraph, String, int)} does, and runs {@code
   * beforeGraphCloses} whenever the server stops, before it closes the graph. Gremlin Server stops
   * itself from a JVM shutdown hook of its own, concurrently with the application's shutdown, and
   * closes every graph it serves: this is where the graph's owner lets its writes in progress
   * finish first. It runs as a Gremlin Server {@link LifeCycleHook}, which {@code stop()} calls
   * before it closes graphs.
   *
   * @throws IllegalStateException when the server cannot start, or cannot take the hook
   */
  public static EmbeddedGremlinServer start(
      JanusGraph graph, String host, int port, Runnable beforeGraphCloses) {
    int chosen = port == 0 ? freePort(host) : port;
    Settings settings = settings(host, chosen);
    GremlinServer server = new GremlinServer(settings);
    ServerGremlinExecutor executor = server.getServerGremlinExecutor();
    try {
      executor
          .getHooks()
          .add(
              new LifeCycleHook() {
                @Override
                public void onStartUp(Context context) {}

                @Override
                public void onShutDown(Context context) {
                  beforeGraphCloses.run();
                }
              });
    } catch (UnsupportedOperationException e) {
      server.stop().join();
      throw new IllegalStateException("Gremlin Server did not take a shutdown hook", e);
    }
    GraphTraversalSource g = graph.traversal();
    FraudTraversalSource fraud = graph.traversal(FraudTraversalSource.class);
    executor.getGraphManager().putGraph(GRAPH, graph);
    executor.getGraphManager().putTraversalSource(TRAVERSAL_SOURCE, g);
    executor.getGraphManager().putTraversalSource(FRAUD_SOURCE, fraud);
    GremlinScriptEngineManager scripts = executor.getGremlinExecutor().getScriptEngineManager();
    scripts.put(GRAPH, graph);
    scripts.put(TRAVERSAL_SOURCE, g);
    scripts.put(FRAUD_SOURCE, fraud);
    EmbeddedGremlinServer embedded = new EmbeddedGremlinServer(server, chosen);
    try {
      server.start().join();
    } catch (Exception e) {
      embedded.close();
      throw new IllegalStateException(
          "Gremlin Server could not start on " + host + ":" + chosen, e);
    }
    return embedded;
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /** Stops the server; the graph stays open. */
  @Override
  public void close() {
    // GremlinServer.stop() closes every graph its manager lists, and removeGraph() closes too:
    // drop ours from the manager's live name set so the graph's owner stays the one to close it.
    graphManager.getGraphNames().remove(GRAPH);
    server.stop().join();
  }

  private static Settings settings(String host, int port) {
    Settings settings = new Settings();
    settings.host = host;
    settings.port = port;
    settings.graphs = new LinkedHashMap<>();

    Settings.ScriptEngineSettings groovy = new Settings.ScriptEngineSettings();
    groovy.plugins = new LinkedHashMap<>();
    groovy.plugins.put(
        "org.apache.tinkerpop.gremlin.server.jsr223.GremlinServerGremlinPlugin", Map.of());
    groovy.plugins.put("org.janusgraph.graphdb.tinkerpop.plugin.JanusGraphGremlinPlugin", Map.of());
    settings.scriptEngines = new LinkedHashMap<>();
    settings.scriptEngines.put("gremlin-groovy", groovy);

    List<Settings.SerializerSettings> serializers = new ArrayList<>();
    serializers.add(
        serializer("org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1", false));
    serializers.add(
        serializer("org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1", true));
    serializers.add(
        serializer("org.apache.tinkerpop.gremlin.util.ser.GraphSONMessageSerializerV3", false));
    settings.serializers = serializers;
    return settings;
  }

  private static Settings.SerializerSettings serializer(String className, boolean toString) {
    Settings.SerializerSettings serializer = new Settings.SerializerSettings();
    serializer.className = className;
    Map<String, Object> config = new LinkedHashMap<>();
    if (toString) {
      // The console's ":remote console" mode asks for results rendered as strings.
      config.put("serializeResultToString", true);
    } else {
      config.put("ioRegistries", List.of(JANUSGRAPH_IO_REGISTRY));
    }
    serializer.config = config;
    return serializer;
  }

  private static int freePort(String host) {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      probe.setReuseAddress(true);
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on " + host, e);
    }
  }
}
