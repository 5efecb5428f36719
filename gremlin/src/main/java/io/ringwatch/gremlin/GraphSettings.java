package io.ringwatch.gremlin;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how {@link RingwatchGraph} opens JanusGraph: the storage backend, its location, and
 * extra JanusGraph properties that are applied last (and so win over the defaults).
 *
 * @param backend storage backend
 * @param directory BerkeleyJE data directory, null for the other backends
 * @param cqlHosts Cassandra contact points ({@code host} or {@code host:port}), empty unless CQL
 * @param cqlKeyspace Cassandra keyspace, null unless CQL
 * @param extra further JanusGraph properties, for example {@code cache.db-cache=true}
 */
public record GraphSettings(
    Backend backend,
    Path directory,
    List<String> cqlHosts,
    String cqlKeyspace,
    Map<String, String> extra) {

  /** The JanusGraph storage backends Ringwatch supports. */
  public enum Backend {
    /** Embedded BerkeleyJE on local disk: the single-process default. */
    BERKELEYJE,
    /** JanusGraph's in-memory store: tests and throw-away graphs. */
    INMEMORY,
    /** Cassandra or ScyllaDB through CQL: the scaled-out deployment. */
    CQL
  }

  public GraphSettings {
    Objects.requireNonNull(backend, "backend is required");
    cqlHosts = cqlHosts == null ? List.of() : List.copyOf(cqlHosts);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
    if (backend == Backend.BERKELEYJE && directory == null) {
      throw new IllegalArgumentException("BerkeleyJE needs a storage directory");
    }
    if (backend == Backend.CQL && (cqlHosts.isEmpty() || cqlKeyspace == null)) {
      throw new IllegalArgumentException("CQL needs at least one host and a keyspace");
    }
  }

  /** An in-memory graph, gone when closed. */
  public static GraphSettings inMemory() {
    return new GraphSettings(Backend.INMEMORY, null, List.of(), null, Map.of());
  }

  /** An embedded BerkeleyJE graph stored in {@code directory}. */
  public static GraphSettings berkeleyJe(Path directory) {
    return new GraphSettings(Backend.BERKELEYJE, directory, List.of(), null, Map.of());
  }

  /** A graph stored in Cassandra at {@code hosts}, keyspace {@code keyspace}. */
  public static GraphSettings cql(List<String> hosts, String keyspace) {
    return new GraphSettings(Backend.CQL, null, hosts, keyspace, Map.of());
  }

  /** A copy with {@code key=value} added to {@link #extra()}. */
  public GraphSettings with(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(extra);
    more.put(key, value);
    return new GraphSettings(backend, directory, cqlHosts, cqlKeyspace, more);
  }

  /**
   * A copy with JanusGraph's database-level cache on, unless {@link #extra()} already says
   * otherwise: adjacency lists and properties stay in the heap across transactions, so a warm
   * per-event lookup reads no storage. Local commits invalidate what they change. The cache's
   * entries never expire on BerkeleyJE and {@code inmemory} (this process is the store's only user,
   * so nothing can change behind it); on CQL they expire after JanusGraph's default 10 s, because
   * other instances write too. {@code cache.db-cache-size} is 0.25 of the heap.
   */
  public GraphSettings withDatabaseCache() {
    Map<String, String> more = new LinkedHashMap<>();
    more.put("cache.db-cache", "true");
    more.put("cache.db-cache-size", "0.25");
    if (backend != Backend.CQL) {
      more.put("cache.db-cache-time", "0");
    }
    more.putAll(extra);
    return new GraphSettings(backend, directory, cqlHosts, cqlKeyspace, more);
  }

  /** The JanusGraph configuration these settings stand for, {@link #extra()} applied last. */
  public Map<String, Object> janusGraphProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("schema.default", "none");
    properties.put("schema.constraints", true);
    switch (backend) {
      case INMEMORY -> properties.put("storage.backend", "inmemory");
      case BERKELEYJE -> {
        properties.put("storage.backend", "berkeleyje");
        properties.put("storage.directory", directory.toAbsolutePath().toString());
        // Readers (REST, Gremlin Server) must not hold read locks that deadlock the writer.
        properties.put("storage.berkeleyje.isolation-level", "READ_COMMITTED");
      }
      case CQL -> {
        properties.put("storage.backend", "cql");
        properties.put("storage.hostname", String.join(",", cqlHosts));
        properties.put("storage.cql.keyspace", cqlKeyspace);
      }
    }
    properties.putAll(extra);
    return properties;
  }
}
