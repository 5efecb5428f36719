package io.ringwatch.service.graph;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.ringwatch.detectors.rings.AccountProjection;
import io.ringwatch.detectors.rings.ProjectionSettings;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.detectors.rings.TrackerSettings;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.gremlin.EmbeddedGremlinServer;
import io.ringwatch.gremlin.GraphQueries;
import io.ringwatch.gremlin.GraphSettings;
import io.ringwatch.gremlin.RingQueries;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.ingest.TransactionDecoder;
import io.ringwatch.service.config.RingwatchConfig;
import io.ringwatch.service.ingest.IngestMetrics;
import io.ringwatch.service.ingest.TransactionIngestor;
import io.ringwatch.service.scoring.DecisionCodec;
import io.ringwatch.service.scoring.GraphFeatureSource;
import io.ringwatch.service.stores.StoreWindowBuffer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Opens the graph at start-up, starts the embedded Gremlin Server on it, and produces the plain
 * objects the rest of the service is built from. Closes everything in reverse order at shutdown.
 */
@Startup
@ApplicationScoped
public class GraphLifecycle {
  private static final Logger LOG = Logger.getLogger(GraphLifecycle.class);

  /** How long shutdown waits for the graph write in progress before it closes the graph. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

  private final RingwatchGraph graph;
  private final EmbeddedGremlinServer gremlinServer;
  private final IngestMetrics ingestMetrics;
  private final GraphGate gate = new GraphGate();

  public GraphLifecycle(RingwatchConfig config, MeterRegistry registry) {
    // Registered eagerly so that /q/metrics lists the ingest meters before the first record.
    this.ingestMetrics = new IngestMetrics(registry);
    GraphSettings settings = settings(config.graph());
    if (GraphFeatureSource.of(config.scoring().graphFeatures()) == GraphFeatureSource.GRAPH) {
      // Per-event graph features read the graph on every event: keep it in the heap.
      settings = settings.withDatabaseCache();
    }
    LOG.infof("opening graph on %s", describe(settings));
    this.graph = RingwatchGraph.open(settings);
    if (!graph.closeOnlyWhenAsked()) {
      LOG.warn(
          "JanusGraph's own shutdown hook could not be removed: at shutdown the graph may close"
              + " under a write in progress (it is then retried after the restart)");
    }
    RingwatchConfig.Gremlin gremlin = config.gremlin();
    if (gremlin.enabled()) {
      this.gremlinServer =
          EmbeddedGremlinServer.start(
              graph.janusGraph(), gremlin.host(), gremlin.port(), this::awaitWritesInProgress);
      LOG.infof("Gremlin Server listening on %s:%d", gremlin.host(), gremlinServer.port());
    } else {
      this.gremlinServer = null;
    }
  }

  static GraphSettings settings(RingwatchConfig.Graph graph) {
    GraphSettings base =
        switch (graph.backend().toLowerCase(Locale.ROOT)) {
          case "berkeleyje" -> GraphSettings.berkeleyJe(Path.of(graph.directory()));
          case "inmemory" -> GraphSettings.inMemory();
          case "cql" -> GraphSettings.cql(graph.cql().hosts(), graph.cql().keyspace());
          default ->
              throw new IllegalArgumentException(
                  "ringwatch.graph.backend must be berkeleyje, inmemory or cql, was '"
                      + graph.backend()
                      + "'");
        };
    return new GraphSettings(
        base.backend(), base.directory(), base.cqlHosts(), base.cqlKeyspace(), graph.properties());
  }

  private static String describe(GraphSettings settings) {
    return switch (settings.backend()) {
      case BERKELEYJE -> "BerkeleyJE at " + settings.directory().toAbsolutePath();
      case INMEMORY -> "the in-memory backend (nothing is persisted)";
      case CQL -> "Cassandra " + settings.cqlHosts() + " keyspace " + settings.cqlKeyspace();
    };
  }

  @Produces
  @Singleton
  RingwatchGraph graph() {
    return graph;
  }

  @Produces
  @Singleton
  GraphGate gate() {
    return gate;
  }

  @Produces
  @Singleton
  GraphQueries queries() {
    return graph.queries();
  }

  @Produces
  @Singleton
  RingQueries ringQueries() {
    return graph.ringQueries();
  }

  @Produces
  @Singleton
  TransactionIngestor ingestor(
      RingwatchConfig config,
      Scorer scorer,
      DecisionCodec codec,
      RingTracker rings,
      StoreWindowBuffer windows) {
    return new TransactionIngestor(
        new TransactionDecoder(config.ingest().maxRecordBytes()),
        graph.writer(),
        config.ingest().batchSize(),
        ingestMetrics,
        scorer,
        codec::stored,
        (chunk, decisions) -> {
          rings.accept(chunk);
          rings.reportDecisions(decisions);
          windows.accept(chunk);
        },
        codec::decision);
  }

  @Produces
  @Singleton
  RingTracker ringTracker(RingwatchConfig config) {
    RingwatchConfig.Rings rings = config.rings();
    AccountProjection projection =
        new AccountProjection(ProjectionSettings.defaults().withDegreeCap(rings.degreeCap()));
    // Rebuilt from the graph before any record is consumed (the ingestor is built from this
    // tracker); every loaded account is dirty, so the scheduler's first pass re-clusters it all.
    long started = System.nanoTime();
    RingQueries.LoadResult loaded = graph.ringQueries().loadProjection(projection);
    RingTracker tracker =
        new RingTracker(
            projection,
            TrackerSettings.defaults()
                .withResolution(rings.resolution())
                .withScoreThreshold(rings.scoreThreshold())
                .withDirtyThreshold(rings.dirtyThreshold())
                .withSeed(rings.seed()),
            Clock.systemUTC());
    List<Ring> stored = loaded.rings();
    tracker.restore(stored);
    LOG.infof(
        "ring projection rebuilt from the graph in %d ms: %d accounts, %d transactions, %d"
            + " identifier uses; %d stored rings restored (%d active)",
        (System.nanoTime() - started) / 1_000_000,
        loaded.accounts(),
        loaded.transactions(),
        loaded.identifierUses(),
        stored.size(),
        stored.stream().filter(Ring::isActive).count());
    return tracker;
  }

  /** The port the Gremlin Server listens on, or -1 when it is disabled. */
  public int gremlinPort() {
    return gremlinServer == null ? -1 : gremlinServer.port();
  }

  public boolean isOpen() {
    return graph.janusGraph().isOpen();
  }

  /**
   * Closes the Gremlin Server and the graph, once the writer inside (a Kafka batch, a ring pass)
   * has finished: never under a half-written batch (ADR 0026).
   */
  @PreDestroy
  synchronized void close() {
    awaitWritesInProgress();
    if (gremlinServer != null) {
      try {
        gremlinServer.close();
      } catch (RuntimeException e) {
        LOG.warn("Gremlin Server did not stop cleanly", e);
      }
    }
    if (graph.janusGraph().isOpen()) {
      graph.close();
    }
    LOG.info("graph closed");
  }

  /**
   * Refuses new graph writes and waits for those in progress (a Kafka batch, a ring pass): called
   * by whichever comes first at shutdown, this bean's destruction or the Gremlin Server's own
   * shutdown hook (which closes the graph right after).
   */
  private void awaitWritesInProgress() {
    if (!gate.closeAfterUsers(CLOSE_WAIT)) {
      LOG.warnf(
          "a graph write was still running after %d s; closing the graph anyway (its batch is"
              + " not acknowledged and is consumed again after the restart)",
          CLOSE_WAIT.toSeconds());
    }
  }
}
