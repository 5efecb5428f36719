package io.ringwatch.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** Every {@code ringwatch.*} setting of the service, with its default. */
@ConfigMapping(prefix = "ringwatch")
public interface RingwatchConfig {

  /** Where the property graph lives. */
  Graph graph();

  /** The embedded Gremlin Server that the console and remote clients connect to. */
  Gremlin gremlin();

  /** How transactions are taken from Kafka into the graph. */
  Ingest ingest();

  /** How every transaction is scored on arrival. */
  Scoring scoring();

  /** Scoring settings: the bounds of the in-memory feature state and the rule history. */
  interface Scoring {
    /** Keys (accounts, cards, devices, IPs, merchants) remembered per kind; LRU beyond it. */
    @WithDefault("100000")
    int maxKeys();

    /** Window entries per key; the 24-hour figures of busier keys cover their latest events. */
    @WithDefault("1024")
    int maxEventsPerKey();

    /** Decisions remembered by transaction id (de-duplication and fast GET /decisions/{id}). */
    @WithDefault("200000")
    int rememberedDecisions();

    /** Accounts remembered per device or IP for the graph features (counts saturate there). */
    @WithDefault("1000")
    int maxAccountsPerDevice();

    /**
     * Where the graph features of per-event scoring come from: {@code memory} (learnt from the
     * scored stream since start-up) or {@code graph} (fraud-DSL traversals on JanusGraph with its
     * database cache on, plus the events not yet committed). See docs/benchmarks.md for the choice.
     */
    @WithDefault("memory")
    String graphFeatures();

    /**
     * Trained model file written by {@code ringwatch train}, loaded at start-up and by POST
     * /model/reload; unset means the hand-weighted heuristic.
     */
    java.util.Optional<String> modelPath();

    /** Rule-set changes kept in GET /rules/history. */
    @WithDefault("100")
    int rulesHistory();

    /**
     * Event time replayed from the graph at start-up to rebuild the feature state (before the
     * newest stored transaction); 0 starts cold.
     */
    @WithDefault("24h")
    java.time.Duration warmUpWindow();

    /** Most transactions replayed at start-up (the newest ones). */
    @WithDefault("200000")
    int warmUpMaxEvents();
  }

  /** {@code POST /detect}. */
  Detect detect();

  /** {@code POST /detect} (ADR 0019). */
  interface Detect {
    /**
     * Answered events held in memory until their graph commit, for read-your-writes on {@code GET
     * /decisions}; beyond it {@code /detect} answers 503.
     */
    @WithDefault("100000")
    int maxPending();
  }

  /** Store windows of suspicious sales. */
  Stores stores();

  /** Store window settings (see ADR 0013). */
  interface Stores {
    /** Length of the tumbling event-time windows. */
    @WithDefault("5m")
    java.time.Duration windowSize();

    /**
     * How far event time may run ahead of a window's end before it closes: the watermark is the
     * largest event time seen minus this; later suspicious events of a closed window are dropped
     * from the stream (they still count in the reconciliation).
     */
    @WithDefault("1m")
    java.time.Duration allowedLateness();

    /** Most stored transactions one reconciliation query reads. */
    @WithDefault("200000")
    int reconciliationMaxEvents();
  }

  /** Ring detection: projection, clustering, scoring and alerts. */
  Rings rings();

  /** Ring detection settings (see ADR 0006 and 0007). */
  interface Rings {
    /** γ of the constant Potts model: a community must be denser than this. */
    @WithDefault("0.1")
    double resolution();

    /** Communities and money-flow patterns scoring at least this (0–1) are rings. */
    @WithDefault("0.5")
    double scoreThreshold();

    /** An identifier used by more accounts than this links nobody (public IPs, terminals). */
    @WithDefault("50")
    int degreeCap();

    /** Re-cluster as soon as this many accounts changed, without waiting for the next tick. */
    @WithDefault("1000")
    int dirtyThreshold();

    /** Seed of the clustering's randomness. */
    @WithDefault("42")
    long seed();

    /** How often dirty components are re-clustered (a Quarkus scheduler period, e.g. 5s). */
    @WithDefault("5s")
    String reclusterEvery();
  }

  /** Graph storage settings. */
  interface Graph {
    /**
     * Storage backend: {@code berkeleyje} (local disk), {@code inmemory} (tests) or {@code cql}.
     */
    @WithDefault("berkeleyje")
    String backend();

    /** Directory of the BerkeleyJE store; ignored by the other backends. */
    @WithDefault(".ringwatch/graph")
    String directory();

    /** Cassandra settings for the {@code cql} backend. */
    Cql cql();

    /** Extra JanusGraph properties passed through as they are (e.g. {@code cache.db-cache}). */
    Map<String, String> properties();
  }

  /** Cassandra (CQL) settings. */
  interface Cql {
    /** Cassandra contact points, {@code host} or {@code host:port}. */
    @WithDefault("127.0.0.1")
    List<String> hosts();

    /** Keyspace that holds the graph. */
    @WithDefault("ringwatch")
    String keyspace();
  }

  /** Embedded Gremlin Server settings. */
  interface Gremlin {
    /** Whether to start the embedded Gremlin Server. */
    @WithDefault("true")
    boolean enabled();

    /** Address to bind; loopback by default because the server has no authentication. */
    @WithDefault("127.0.0.1")
    String host();

    /** Port to bind; 0 picks a free port. */
    @WithDefault("8182")
    int port();
  }

  /** Ingest settings. */
  interface Ingest {
    /** Transactions per graph transaction: small batches write faster (see MEASURED.md). */
    @WithDefault("100")
    int batchSize();

    /** Records larger than this many bytes are dead-lettered as oversized without parsing. */
    @WithDefault("65536")
    int maxRecordBytes();

    /**
     * While {@code POST /detect} answers at least {@link #detectBusyRate()} requests a second, the
     * graph writer pauses after each batch this many times as long as the batch took (ADR 0024); 0
     * never pauses.
     */
    @WithDefault("3")
    double detectYield();

    /** Requests a second of {@code POST /detect} from which the graph writer yields to it. */
    @WithDefault("200")
    int detectBusyRate();
  }
}
