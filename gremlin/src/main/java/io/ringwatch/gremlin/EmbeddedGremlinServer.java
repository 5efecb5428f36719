package io.ringwatch.gremlin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.script.Bindings;
import javax.script.SimpleBindings;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalSource;
import org.apache.tinkerpop.gremlin.server.GraphManager;
import org.apache.tinkerpop.gremlin.server.GremlinServer;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.janusgraph.core.JanusGraph;

/**
 * A Gremlin Server (TinkerPop 3.7, WebSocket) inside this JVM that serves an already open
 * JanusGraph as graph {@code graph} and traversal source {@code g}, to bytecode requests and to
 * Groovy script requests alike, with GraphBinary and GraphSON v3 serializers that carry the {@code
 * JanusGraphIoRegistry}. Stopping the server leaves the graph open: its owner closes it.
 *
 * <p>The graph reaches the server through {@link HandOffGraphManager}, which Gremlin Server
 * instantiates by class name while it is being constructed; the manager's bindings ({@code graph},
 * {@code g}) become the Groovy engine's global bindings.
 */
public final class EmbeddedGremlinServer implements AutoCloseable {

  /** Name of the served graph. */
  public static final String GRAPH = "graph";

  /** Name of the served traversal source. */
  public static final String TRAVERSAL_SOURCE = "g";

  private static final String JANUSGRAPH_IO_REGISTRY =
      "org.janusgraph.graphdb.tinkerpop.JanusGraphIoRegistry";
  private static final ThreadLocal<JanusGraph> HAND_OFF = new ThreadLocal<>();

  private final GremlinServer server;
  private final HandOffGraphManager graphManager;
  private final int port;

  private EmbeddedGremlinServer(GremlinServer server, int port) {
    this.server = server;
    this.port = port;
    this.graphManager = (HandOffGraphManager) server.getServerGremlinExecutor().getGraphManager();
  }

  /**
   * Starts a server on {@code host:port} serving {@code graph}.
   *
   * @param port the port, or 0 to pick a free one (found by binding a probe socket first, so
   *     another process could take it in between: then start fails and says so)
   * @throws IllegalStateException when the server cannot start
   */
  public static EmbeddedGremlinServer start(JanusGraph graph, String host, int port) {
    int chosen = port == 0 ? freePort(host) : port;
    Settings settings = settings(host, chosen);
    GremlinServer server;
    HAND_OFF.set(graph);
    try {
      server = new GremlinServer(settings);
    } finally {
      HAND_OFF.remove();
    }
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
    // GremlinServer.stop() closes every graph its manager lists: detach ours first.
    graphManager.detach();
    server.stop().join();
  }

  private static Settings settings(String host, int port) {
    Settings settings = new Settings();
    settings.host = host;
    settings.port = port;
    settings.graphs = new LinkedHashMap<>();
    settings.graphManager = HandOffGraphManager.class.getName();

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

  /**
   * Gremlin Server's {@link GraphManager} for the embedded server: holds the graph handed over by
   * {@link EmbeddedGremlinServer#start} and never closes it. Public only because Gremlin Server
   * instantiates it reflectively; not for other use.
   */
  public static final class HandOffGraphManager implements GraphManager {
    private final Map<String, Graph> graphs = new ConcurrentHashMap<>();
    private final Map<String, TraversalSource> traversalSources = new ConcurrentHashMap<>();
    private volatile boolean detached;

    /** Called by Gremlin Server with its settings, on the thread that constructs the server. */
    public HandOffGraphManager(Settings settings) {
      JanusGraph graph = HAND_OFF.get();
      if (graph == null) {
        throw new IllegalStateException(
            "HandOffGraphManager only works through EmbeddedGremlinServer.start");
      }
      graphs.put(GRAPH, graph);
      traversalSources.put(TRAVERSAL_SOURCE, graph.traversal());
    }

    void detach() {
      detached = true;
    }

    @Override
    public Set<String> getGraphNames() {
      return detached ? Set.of() : Collections.unmodifiableSet(graphs.keySet());
    }

    @Override
    public Graph getGraph(String name) {
      return graphs.get(name);
    }

    @Override
    public void putGraph(String name, Graph graph) {
      graphs.put(name, graph);
    }

    @Override
    public Set<String> getTraversalSourceNames() {
      return Collections.unmodifiableSet(traversalSources.keySet());
    }

    @Override
    public TraversalSource getTraversalSource(String name) {
      return traversalSources.get(name);
    }

    @Override
    public void putTraversalSource(String name, TraversalSource traversalSource) {
      traversalSources.put(name, traversalSource);
    }

    @Override
    public TraversalSource removeTraversalSource(String name) {
      return traversalSources.remove(name);
    }

    @Override
    public Bindings getAsBindings() {
      Bindings bindings = new SimpleBindings();
      bindings.putAll(graphs);
      bindings.putAll(traversalSources);
      return bindings;
    }

    @Override
    public void rollbackAll() {
      graphs.values().forEach(HandOffGraphManager::rollback);
    }

    @Override
    public void rollback(Set<String> names) {
      names.stream().map(graphs::get).filter(g -> g != null).forEach(HandOffGraphManager::rollback);
    }

    @Override
    public void commitAll() {
      graphs.values().forEach(HandOffGraphManager::commit);
    }

    @Override
    public void commit(Set<String> names) {
      names.stream().map(graphs::get).filter(g -> g != null).forEach(HandOffGraphManager::commit);
    }

    @Override
    public Graph openGraph(String name, Function<String, Graph> supplier) {
      return graphs.computeIfAbsent(name, supplier);
    }

    @Override
    public Graph removeGraph(String name) {
      // The graph belongs to whoever handed it over: forget it, never close it.
      return graphs.remove(name);
    }

    private static void rollback(Graph graph) {
      if (graph.features().graph().supportsTransactions() && graph.tx().isOpen()) {
        graph.tx().rollback();
      }
    }

    private static void commit(Graph graph) {
      if (graph.features().graph().supportsTransactions() && graph.tx().isOpen()) {
        graph.tx().commit();
      }
    }
  }
}
