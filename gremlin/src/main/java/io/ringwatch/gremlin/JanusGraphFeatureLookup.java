package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.features.GraphFeatureLookup;
import io.ringwatch.detectors.features.GraphFeatures;
import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import io.ringwatch.gremlin.dsl.__;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;

/**
 * The scorer's {@link GraphFeatureLookup} answered from JanusGraph through the fraud DSL, fronted
 * by an in-memory overlay of the events scored but not yet committed to the graph (the graph write
 * runs behind scoring: ARCHITECTURE.md, "Data flow").
 *
 * <p>Per event, in one read-only transaction, usually three traversals: from the event's account
 * ({@code account(a).project(...)}), whether the graph already links it to the device and the IP
 * and its own {@code ringScore()}; from the device ({@code device(d).project(...)}), its {@code
 * userLinks()} counted up to {@code maxAccountsPerKey} and the {@code ringScore()} of up to {@value
 * #RING_SCAN_LIMIT} other users (a device mate in an active ring); from the IP, its {@code
 * userLinks()} up to the same bound; plus the counterparty's {@code ringScore()} for a transfer.
 * The counts read adjacency entries only, never the accounts, and a device or IP whose count
 * reached the bound is remembered as saturated and not counted again (the graph never unlinks an
 * account from an identifier, so the answer cannot change; at most {@value #MAX_SATURATED} of each
 * are remembered). Accounts of the overlay that the graph does not link yet are added to the counts
 * (checked from the account side, so a hub IP is never scanned for them) and their ring scores
 * asked; the event's own account always counts, as in the in-memory lookup.
 *
 * <p>Cost: two unique-index lookups per identifier plus the identifier's degree up to {@code
 * maxAccountsPerKey} adjacency entries (none once saturated) and up to {@value #RING_SCAN_LIMIT}
 * device mates, one or two for the accounts; with JanusGraph's database cache on ({@link
 * GraphSettings#withDatabaseCache()}) a warm lookup reads no storage. Measured p50/p99 on a graph
 * of 1M accounts are in docs/benchmarks.md.
 *
 * <p>The overlay learns each event in {@link #observe} and forgets it when the {@link
 * TransactionWriter} reports its batch committed ({@link RingwatchGraph#featureLookup} wires that);
 * it holds at most {@value #MAX_PENDING} events, oldest forgotten first (an event scored but never
 * written, by a caller that scores without writing, must not stay forever). Thread-safe.
 */
public final class JanusGraphFeatureLookup implements GraphFeatureLookup {

  /** Device mates whose rings are looked at per event, as in the in-memory lookup. */
  public static final int RING_SCAN_LIMIT = 64;

  /** Events the overlay remembers at most. */
  public static final int MAX_PENDING = 100_000;

  /** Saturated devices (and, apart, IPs) remembered at most. */
  public static final int MAX_SATURATED = 100_000;

  private final JanusGraph graph;
  private final int maxAccountsPerKey;
  private final Overlay pending = new Overlay();
  private final Long bound;
  private final Saturated saturatedDevices = new Saturated();
  private final Saturated saturatedIps = new Saturated();

  JanusGraphFeatureLookup(JanusGraph graph, int maxAccountsPerKey) {
    if (maxAccountsPerKey < 1) {
      throw new IllegalArgumentException("maxAccountsPerKey must be at least 1");
    }
    this.graph = graph;
    this.maxAccountsPerKey = maxAccountsPerKey;
    this.bound = (long) maxAccountsPerKey;
  }

  @Override
  public void observe(Transaction transaction) {
    pending.add(transaction);
  }

  /** Forgets the events of a committed batch: the graph answers for them from now on. */
  public void committed(List<Transaction> batch) {
    pending.remove(batch);
  }

  /** Events scored and not yet reported committed; for tests and metrics. */
  public int pendingEvents() {
    return pending.size();
  }

  @Override
  public GraphFeatures lookup(Transaction t) {
    String self = t.account().value();
    String device = t.device() == null ? null : t.device().value();
    String ip = t.ip() == null ? null : t.ip().value();
    Set<String> onDevice = pending.accounts(true, device, self, maxAccountsPerKey);
    Set<String> onIp = pending.accounts(false, ip, self, maxAccountsPerKey);
    // A handful of vertices per event, each read once: JanusGraph's multi-query batching and a
    // full-size transaction vertex cache only add set-up work to every event.
    JanusGraphTransaction tx =
        graph.buildTransaction().readOnly().multiQuery(false).vertexCacheSize(256).start();
    try {
      FraudTraversalSource fraud = tx.traversal(FraudTraversalSource.class);
      // The event's own account: already linked to the device and IP? in a ring?
      Map<String, Object> own =
          fraud
              .account(self)
              .project(DEVICE, IP, RING)
              .by(device == null ? __.constant(0L) : __.devices().has(DEVICE_ID, device).count())
              .by(ip == null ? __.constant(0L) : __.ips().has(ADDRESS, ip).count())
              .by(__.ringScore().fold())
              .tryNext()
              .orElse(Map.of(DEVICE, 0L, IP, 0L, RING, List.of()));
      Optional<Double> ownScore = first(own.get(RING));
      int sharingDevice = 0;
      Optional<Double> mateScore = Optional.empty();
      if (device != null) {
        boolean deviceSaturated = saturatedDevices.contains(device);
        Map<String, Object> onGraph =
            fraud
                .device(device)
                .project(ACCOUNT, RING)
                .by(
                    deviceSaturated
                        ? __.constant(bound)
                        : __.userLinks().limit(maxAccountsPerKey).count())
                .by(
                    __.users()
                        .has(ACCOUNT_ID, P.neq(self))
                        .limit(RING_SCAN_LIMIT)
                        .ringScore()
                        .fold())
                .tryNext()
                .orElse(Map.of(ACCOUNT, 0L, RING, List.of()));
        mateScore = first(onGraph.get(RING));
        long inGraph = (Long) onGraph.get(ACCOUNT);
        if (!deviceSaturated && inGraph >= maxAccountsPerKey) {
          saturatedDevices.add(device);
        }
        long notLinked = 1 - (Long) own.get(DEVICE);
        String[] others = others(onDevice, self);
        if (others.length > 0) {
          notLinked +=
              others.length - fraud.account(others).devices().has(DEVICE_ID, device).count().next();
          mateScore = max(mateScore, fraud.account(others).ringScore().tryNext());
        }
        sharingDevice = (int) Math.min(maxAccountsPerKey, inGraph + notLinked);
      }
      int sharingIp = 0;
      if (ip != null) {
        long inGraph;
        if (saturatedIps.contains(ip)) {
          inGraph = maxAccountsPerKey;
        } else {
          inGraph = fraud.ip(ip).userLinks().limit(maxAccountsPerKey).count().next();
          if (inGraph >= maxAccountsPerKey) {
            saturatedIps.add(ip);
          }
        }
        long notLinked = 1 - (Long) own.get(IP);
        String[] others = others(onIp, self);
        if (others.length > 0) {
          notLinked += others.length - fraud.account(others).ips().has(ADDRESS, ip).count().next();
        }
        sharingIp = (int) Math.min(maxAccountsPerKey, inGraph + notLinked);
      }
      Optional<Double> counterpartyScore =
          t.counterparty() == null
              ? Optional.empty()
              : fraud.account(t.counterparty().value()).ringScore().tryNext();
      double ringScore =
          max(max(mateScore, counterpartyScore), ownScore)
              .map(JanusGraphFeatureLookup::clamp)
              .orElse(0.0);
      return new GraphFeatures(
          sharingDevice,
          sharingIp,
          mateScore.isPresent(),
          counterpartyScore.isPresent(),
          ringScore);
    } finally {
      tx.rollback();
    }
  }

  private static String[] others(Set<String> accounts, String self) {
    return accounts.stream().filter(a -> !a.equals(self)).toArray(String[]::new);
  }

  private static Optional<Double> first(Object folded) {
    List<?> values = (List<?>) folded;
    return values.isEmpty()
        ? Optional.empty()
        : Optional.of(((Number) values.get(0)).doubleValue());
  }

  private static Optional<Double> max(Optional<Double> a, Optional<Double> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : Optional.of(Math.max(a.get(), b.get()));
  }

  private static double clamp(double score) {
    return Math.max(0, Math.min(1, score));
  }

  /**
   * Devices (or IPs) the graph already links to {@code maxAccountsPerKey} accounts or more. The
   * graph never removes a {@code uses} or {@code connects_from} edge, so a saturated count stays
   * saturated and needs no invalidation; forgetting one (when the set is full) only costs one
   * bounded count again.
   */
  private static final class Saturated {
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    boolean contains(String id) {
      return ids.contains(id);
    }

    void add(String id) {
      if (ids.size() >= MAX_SATURATED) {
        ids.clear();
      }
      ids.add(id);
    }
  }

  /** The devices' and IPs' accounts of events observed and not yet committed. */
  private static final class Overlay {
    private final LinkedHashMap<TransactionId, Transaction> events = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> byDevice = new HashMap<>();
    private final Map<String, Map<String, Integer>> byIp = new HashMap<>();

    synchronized void add(Transaction t) {
      if (events.putIfAbsent(t.id(), t) != null) {
        return;
      }
      count(t, +1);
      if (events.size() > MAX_PENDING) {
        Iterator<Transaction> oldest = events.values().iterator();
        Transaction evicted = oldest.next();
        oldest.remove();
        count(evicted, -1);
      }
    }

    synchronized void remove(List<Transaction> batch) {
      for (Transaction t : batch) {
        if (events.remove(t.id()) != null) {
          count(t, -1);
        }
      }
    }

    synchronized int size() {
      return events.size();
    }

    /**
     * {@code self} and the pending accounts on the device (or IP), at most {@code max} in all;
     * empty for a null id.
     */
    synchronized Set<String> accounts(boolean device, String id, String self, int max) {
      Set<String> accounts = new TreeSet<>();
      if (id == null) {
        return accounts;
      }
      accounts.add(self);
      Map<String, Integer> on = (device ? byDevice : byIp).get(id);
      if (on != null) {
        for (String account : on.keySet()) {
          if (accounts.size() >= max) {
            break;
          }
          accounts.add(account);
        }
      }
      return accounts;
    }

    private void count(Transaction t, int delta) {
      String account = t.account().value();
      if (t.device() != null) {
        count(byDevice, t.device().value(), account, delta);
      }
      if (t.ip() != null) {
        count(byIp, t.ip().value(), account, delta);
      }
    }

    private static void count(
        Map<String, Map<String, Integer>> index, String id, String account, int delta) {
      Map<String, Integer> on = index.computeIfAbsent(id, k -> new HashMap<>());
      on.merge(account, delta, (a, b) -> a + b == 0 ? null : a + b);
      if (on.isEmpty()) {
        index.remove(id);
      }
    }
  }
}
