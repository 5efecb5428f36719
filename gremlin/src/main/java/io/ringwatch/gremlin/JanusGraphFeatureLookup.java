package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.features.GraphFeatureLookup;
import io.ringwatch.detectors.features.GraphFeatures;
import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import io.ringwatch.gremlin.dsl.__;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.structure.Vertex;
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
 * <p><b>Answer cache</b> (on for {@link RingwatchGraph#featureLookup(int)}): the graph's answers
 * per account (its devices and IPs; apart, its {@code ringScore()}), per device (the bounded count
 * and its first {@value #RING_SCAN_LIMIT} + 1 users, so any account's first {@value
 * #RING_SCAN_LIMIT} mates) and per IP (the bounded count) are kept in bounded maps, so a warm event
 * opens no transaction at all. The cache is written through, not invalidated: every committed batch
 * reports the {@code uses} and {@code connects_from} edges it added and every ring write the ring
 * scores it changed ({@link CommitListener}, wired by {@link RingwatchGraph#featureLookup}), and
 * the cached answers are updated in place, so an event right after a write that touched its
 * account, device or IP still reads no graph; only a device answer whose first users would pass
 * {@value #RING_SCAN_LIMIT} is forgotten. An epoch keeps an answer read around a commit from being
 * stored (see {@code Answers}). The features are the uncached lookup's for the same graph state
 * (JanusGraphFeatureLookupTest). Anything else that writes those edges or rings into the same graph
 * (another process) would go unseen until the entry is evicted.
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

  /** Cached answers per kind (accounts' links, ring scores, devices, IPs) at most. */
  public static final int MAX_CACHED = 100_000;

  private final JanusGraph graph;
  private final int maxAccountsPerKey;
  private final Overlay pending = new Overlay();
  private final Long bound;
  private final Saturated saturatedDevices = new Saturated();
  private final Saturated saturatedIps = new Saturated();
  private final Answers answers;
  private final LongAdder graphReads = new LongAdder();
  private final LongAdder graphTraversals = new LongAdder();

  /** Keys of the folded account traversal ({@link #ownLinksAndScore}). */
  private static final String DEVICE_ANSWER = "deviceAnswer";

  private static final String IP_COUNT = "ipCount";

  /** The answer for a device the graph does not hold. */
  private static final Map<String, Object> NO_DEVICE = Map.of(ACCOUNT, 0L, RING, List.of());

  JanusGraphFeatureLookup(JanusGraph graph, int maxAccountsPerKey) {
    this(graph, maxAccountsPerKey, true);
  }

  /**
   * @param cached whether graph answers are cached per account, device and IP (then the owner must
   *     register {@link #transactionCommits()} with the transaction writer and {@link
   *     #ringCommits()} with the ring writer); without, every event asks the graph, as the parity
   *     tests compare
   */
  JanusGraphFeatureLookup(JanusGraph graph, int maxAccountsPerKey, boolean cached) {
    if (maxAccountsPerKey < 1) {
      throw new IllegalArgumentException("maxAccountsPerKey must be at least 1");
    }
    this.graph = graph;
    this.maxAccountsPerKey = maxAccountsPerKey;
    this.bound = (long) maxAccountsPerKey;
    this.answers = cached ? new Answers() : null;
  }

  @Override
  public void observe(Transaction transaction) {
    pending.add(transaction);
  }

  /**
   * What the {@link TransactionWriter} tells this lookup around each commit ({@link
   * RingwatchGraph#featureLookup} registers it): while a commit is in flight no answer read from
   * the graph is cached; a committed batch's added identifier links are written into the cached
   * answers, then its events leave the overlay.
   */
  CommitListener<TransactionWriter.Committed> transactionCommits() {
    return new CommitListener<>() {
      @Override
      public void beforeCommit() {
        if (answers != null) {
          answers.beginCommit();
        }
      }

      @Override
      public void committed(TransactionWriter.Committed change) {
        if (answers != null) {
          answers.linksAdded(change.added());
        }
        pending.remove(change.batch());
      }

      @Override
      public void commitFailed() {
        if (answers != null) {
          answers.forgetAll();
        }
      }
    };
  }

  /**
   * What the {@link RingWriter} tells this lookup around each commit: the cached ring scores of the
   * accounts a ring write linked are replaced by their scores after the write.
   */
  CommitListener<RingWriter.Committed> ringCommits() {
    return new CommitListener<>() {
      @Override
      public void beforeCommit() {
        answers.beginCommit();
      }

      @Override
      public void committed(RingWriter.Committed change) {
        answers.scoresChanged(change.ringScores());
      }

      @Override
      public void commitFailed() {
        answers.forgetAll();
      }
    };
  }

  /** Accounts, devices and IPs with a cached answer; for tests. */
  int cachedAnswers() {
    return answers == null ? 0 : answers.size();
  }

  /** Read-only transactions the cached path opened so far (a warm event opens none); for tests. */
  long graphReads() {
    return graphReads.sum();
  }

  /** Traversals the cached path started so far; for tests. */
  long graphTraversals() {
    return graphTraversals.sum();
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
    if (answers != null) {
      return lookupCached(t, self, device, ip, onDevice, onIp);
    }
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
      return features(sharingDevice, sharingIp, mateScore, counterpartyScore, ownScore);
    } finally {
      tx.rollback();
    }
  }

  /**
   * {@link #lookup} from the cached graph answers, reading the graph only for what is not cached: a
   * warm event opens no transaction. Same features as the uncached path for the same graph state
   * (JanusGraphFeatureLookupTest compares them after writes and ring changes).
   */
  private GraphFeatures lookupCached(
      Transaction t,
      String self,
      String device,
      String ip,
      Set<String> onDevice,
      Set<String> onIp) {
    // Taken before any graph read: an answer read while a commit was in flight, or before a
    // commit that then updated the cache, is never stored (Answers#put).
    long epoch = answers.stamp();
    try (Reads reads = new Reads()) {
      Links own = ownLinksAndScore(reads, self, device, ip, epoch);
      Optional<Double> ownScore = score(reads, self, epoch);
      int sharingDevice = 0;
      Optional<Double> mateScore = Optional.empty();
      if (device != null) {
        DeviceAnswer onGraph = device(reads, device, epoch);
        mateScore = maxScore(reads, onGraph.matesOtherThan(self), epoch);
        long notLinked = own.devices().contains(device) ? 0 : 1;
        List<String> others = List.of(others(onDevice, self));
        for (String other : others) {
          if (!links(reads, other, epoch).devices().contains(device)) {
            notLinked++;
          }
        }
        mateScore = max(mateScore, maxScore(reads, others, epoch));
        sharingDevice = (int) Math.min(maxAccountsPerKey, onGraph.count() + notLinked);
      }
      int sharingIp = 0;
      if (ip != null) {
        long notLinked = own.ips().contains(ip) ? 0 : 1;
        for (String other : others(onIp, self)) {
          if (!links(reads, other, epoch).ips().contains(ip)) {
            notLinked++;
          }
        }
        sharingIp = (int) Math.min(maxAccountsPerKey, ipCount(reads, ip, epoch) + notLinked);
      }
      Optional<Double> counterpartyScore =
          t.counterparty() == null
              ? Optional.empty()
              : score(reads, t.counterparty().value(), epoch);
      return features(sharingDevice, sharingIp, mateScore, counterpartyScore, ownScore);
    }
  }

  /**
   * The account's links, read when not cached in one traversal that also brings whatever else of
   * the event is missing and reachable from the account: its ring score, and, when the account is
   * already linked to the event's device or IP, the device's answer with its users' ring scores
   * ({@link #deviceAnswer}) and the IP's count. A known account on its usual device and IP thus
   * costs one traversal however cold.
   */
  private Links ownLinksAndScore(
      Reads reads, String account, String device, String ip, long epoch) {
    Links links = answers.links.get(account);
    if (links != null) {
      return links;
    }
    // Decided once: an entry evicted between building the traversal and storing its answers must
    // not be stored from a constant placeholder.
    boolean wantScore = !answers.scores.containsKey(account);
    boolean wantDevice = device != null && !answers.devices.containsKey(device);
    boolean wantIp = ip != null && !answers.ips.containsKey(ip);
    Map<String, Object> read =
        reads
            .fraud()
            .account(account)
            .project(DEVICE, IP, RING, DEVICE_ANSWER, IP_COUNT)
            .by(__.devices().values(DEVICE_ID).fold())
            .by(__.ips().values(ADDRESS).fold())
            .by(wantScore ? __.ringScore().fold() : __.constant(List.of()))
            .by(
                wantDevice
                    ? __.devices().has(DEVICE_ID, device).map(deviceAnswer(device)).fold()
                    : __.constant(List.of()))
            .by(wantIp ? __.ips().has(ADDRESS, ip).map(ipCount(ip)).fold() : __.constant(List.of()))
            .tryNext()
            .orElse(
                Map.of(
                    DEVICE,
                    List.of(),
                    IP,
                    List.of(),
                    RING,
                    List.of(),
                    DEVICE_ANSWER,
                    List.of(),
                    IP_COUNT,
                    List.of()));
    links = Links.of(read);
    answers.put(answers.links, account, links, epoch);
    if (wantScore) {
      answers.put(answers.scores, account, first(read.get(RING)), epoch);
    }
    List<?> deviceRead = (List<?>) read.get(DEVICE_ANSWER);
    if (!deviceRead.isEmpty()) {
      storeDevice(device, deviceRead.get(0), epoch);
    }
    List<?> ipRead = (List<?>) read.get(IP_COUNT);
    if (!ipRead.isEmpty()) {
      storeIpCount(ip, (Long) ipRead.get(0), epoch);
    }
    return links;
  }

  /** The devices and IPs the graph links the account to (none for an unknown account). */
  private Links links(Reads reads, String account, long epoch) {
    Links links = answers.links.get(account);
    if (links == null) {
      links =
          Links.of(
              reads
                  .fraud()
                  .account(account)
                  .project(DEVICE, IP)
                  .by(__.devices().values(DEVICE_ID).fold())
                  .by(__.ips().values(ADDRESS).fold())
                  .tryNext()
                  .orElse(Map.of(DEVICE, List.of(), IP, List.of())));
      answers.put(answers.links, account, links, epoch);
    }
    return links;
  }

  /** The account's {@code ringScore()}: empty when it is in no active ring. */
  private Optional<Double> score(Reads reads, String account, long epoch) {
    Optional<Double> score = answers.scores.get(account);
    if (score == null) {
      score = reads.fraud().account(account).ringScore().tryNext();
      answers.put(answers.scores, account, score, epoch);
    }
    return score;
  }

  /** The highest ring score of these accounts; the uncached ones are read in one traversal. */
  private Optional<Double> maxScore(Reads reads, List<String> accounts, long epoch) {
    Optional<Double> best = Optional.empty();
    List<String> missing = new ArrayList<>();
    for (String account : accounts) {
      Optional<Double> score = answers.scores.get(account);
      if (score == null) {
        missing.add(account);
      } else {
        best = max(best, score);
      }
    }
    if (missing.size() == 1) {
      best = max(best, score(reads, missing.get(0), epoch));
    } else if (!missing.isEmpty()) {
      Map<String, Optional<Double>> read = new HashMap<>();
      for (String account : missing) {
        read.put(account, Optional.empty()); // unknown accounts are in no ring
      }
      reads
          .fraud()
          .account(missing.toArray(String[]::new))
          .project(ACCOUNT, RING)
          .by(ACCOUNT_ID)
          .by(__.ringScore().fold())
          .forEachRemaining(row -> read.put((String) row.get(ACCOUNT), first(row.get(RING))));
      for (Map.Entry<String, Optional<Double>> e : read.entrySet()) {
        answers.put(answers.scores, e.getKey(), e.getValue(), epoch);
        best = max(best, e.getValue());
      }
    }
    return best;
  }

  /**
   * The device's user count (bounded) and its first users, in the graph's adjacency order, with
   * their ring scores (cached too): one traversal, no index lookup per user.
   */
  private DeviceAnswer device(Reads reads, String device, long epoch) {
    DeviceAnswer answer = answers.devices.get(device);
    if (answer != null) {
      return answer;
    }
    Object read =
        reads.fraud().device(device).map(deviceAnswer(device)).tryNext().orElse(NO_DEVICE);
    return storeDevice(device, read, epoch);
  }

  /**
   * From a device: its {@code userLinks()} count up to the bound (the bound itself once saturated)
   * and its first {@value #RING_SCAN_LIMIT} + 1 users' ids and {@code ringScore()}s.
   */
  private Traversal<?, Map<String, Object>> deviceAnswer(String device) {
    return __.<Vertex>start()
        .project(ACCOUNT, RING)
        .by(
            saturatedDevices.contains(device)
                ? __.constant(bound)
                : __.userLinks().limit(maxAccountsPerKey).count())
        .by(
            __.users()
                .limit(RING_SCAN_LIMIT + 1)
                .project(ACCOUNT, RING)
                .by(ACCOUNT_ID)
                .by(__.ringScore().fold())
                .fold());
  }

  /** Caches a {@link #deviceAnswer} read and its users' ring scores. */
  private DeviceAnswer storeDevice(String device, Object read, long epoch) {
    @SuppressWarnings("unchecked")
    Map<String, Object> answer = (Map<String, Object>) read;
    long count = (Long) answer.get(ACCOUNT);
    if (count >= maxAccountsPerKey) {
      saturatedDevices.add(device);
    }
    List<String> users = new ArrayList<>();
    for (Object row : (List<?>) answer.get(RING)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> user = (Map<String, Object>) row;
      String account = (String) user.get(ACCOUNT);
      users.add(account);
      answers.put(answers.scores, account, first(user.get(RING)), epoch);
    }
    DeviceAnswer cached = new DeviceAnswer(count, List.copyOf(users));
    answers.put(answers.devices, device, cached, epoch);
    return cached;
  }

  /** The IP's user count, bounded. */
  private long ipCount(Reads reads, String ip, long epoch) {
    Long count = answers.ips.get(ip);
    if (count == null) {
      count =
          saturatedIps.contains(ip)
              ? bound
              : reads.fraud().ip(ip).map(ipCount(ip)).tryNext().orElse(0L);
      storeIpCount(ip, count, epoch);
    }
    return count;
  }

  /** From an IP: its {@code userLinks()} count up to the bound (the bound once saturated). */
  private Traversal<?, Long> ipCount(String ip) {
    return saturatedIps.contains(ip)
        ? __.constant(bound)
        : __.<Vertex>start().userLinks().limit(maxAccountsPerKey).count();
  }

  private void storeIpCount(String ip, long count, long epoch) {
    if (count >= maxAccountsPerKey) {
      saturatedIps.add(ip);
    }
    answers.put(answers.ips, ip, count, epoch);
  }

  /** A read-only transaction opened on the first read of an event, if any, rolled back at close. */
  private final class Reads implements AutoCloseable {
    private JanusGraphTransaction tx;
    private FraudTraversalSource fraud;

    FraudTraversalSource fraud() {
      graphTraversals.increment();
      if (fraud == null) {
        tx = graph.buildTransaction().readOnly().multiQuery(false).vertexCacheSize(256).start();
        fraud = tx.traversal(FraudTraversalSource.class);
        graphReads.increment();
      }
      return fraud;
    }

    @Override
    public void close() {
      if (tx != null) {
        tx.rollback();
      }
    }
  }

  /** An account's devices and IPs in the graph; immutable. */
  private record Links(Set<String> devices, Set<String> ips) {
    static Links of(Map<String, Object> read) {
      return new Links(strings(read.get(DEVICE)), strings(read.get(IP)));
    }

    /** These links plus the device (or IP) {@code id}. */
    Links with(boolean device, String id) {
      Set<String> more = new HashSet<>(device ? devices : ips);
      more.add(id);
      return device ? new Links(Set.copyOf(more), ips) : new Links(devices, Set.copyOf(more));
    }

    private static Set<String> strings(Object folded) {
      Set<String> strings = new HashSet<>();
      for (Object o : (List<?>) folded) {
        strings.add((String) o);
      }
      return Set.copyOf(strings);
    }
  }

  /**
   * A device's {@code userLinks()} count (up to the bound) and its first {@value #RING_SCAN_LIMIT}
   * + 1 users: whichever the event's account, its first {@value #RING_SCAN_LIMIT} other users are
   * among them, in the order the uncached traversal meets them.
   */
  private record DeviceAnswer(long count, List<String> users) {
    /**
     * This answer with one more user, new to the device, or null when it cannot be derived: the
     * users would exceed {@value #RING_SCAN_LIMIT}, and which of them come first in the graph's
     * adjacency order (the mates of an account outside them) is not known here.
     */
    DeviceAnswer withUser(String account, int bound) {
      if (users.size() >= RING_SCAN_LIMIT) {
        return null;
      }
      List<String> more = new ArrayList<>(users);
      more.add(account);
      return new DeviceAnswer(Math.min(bound, count + 1), List.copyOf(more));
    }

    List<String> matesOtherThan(String self) {
      List<String> mates = new ArrayList<>(Math.min(users.size(), RING_SCAN_LIMIT));
      for (String user : users) {
        if (mates.size() == RING_SCAN_LIMIT) {
          break;
        }
        if (!user.equals(self)) {
          mates.add(user);
        }
      }
      return mates;
    }
  }

  /**
   * Graph answers per account (its devices and IPs; apart, its ring score), per device and per IP,
   * each map at most {@value #MAX_CACHED} entries and cleared wholesale when full. Entries are
   * immutable and replaced whole, so a lookup reads them without the monitor.
   *
   * <p><b>Write-through.</b> A committed batch reports the {@code uses} and {@code connects_from}
   * edges it added (new {@code uses}, {@code connects_from} and account vertices only appear
   * through the transaction writer; its {@code pays}/{@code transfers} edges answer nothing cached
   * here): the account's cached devices or IPs gain the identifier, the device's or IP's cached
   * count gains one up to the bound, and the device's first users gain the account while they are
   * at most {@value #RING_SCAN_LIMIT} (then every account's mates are all of them, in any order); a
   * device answer beyond that is forgotten, since where the new user falls in the graph's adjacency
   * order is not known here. A ring write reports every linked account's score after it, which
   * replaces the cached one.
   *
   * <p><b>Staleness.</b> The updates are deltas on what the graph said before the commit, so an
   * answer read after the commit must not be stored before the update lands (it would count the new
   * link twice), and one read before it must not be stored after (it would miss it). A write
   * therefore advances the epoch and marks a commit in flight right before its commit, and advances
   * it again when its update is applied; a lookup stamps the epoch before its first graph read (no
   * stamp while a commit is in flight), and {@link #put} stores an answer only if the epoch still
   * equals the stamp: no commit began since, and none was in flight, so every graph read of the
   * lookup saw exactly the state the cache describes.
   */
  private final class Answers {
    /** A stamp that never equals the epoch: the lookup began while a commit was in flight. */
    private static final long IN_FLIGHT = -1;

    final Map<String, Links> links = new ConcurrentHashMap<>();
    final Map<String, Optional<Double>> scores = new ConcurrentHashMap<>();
    final Map<String, DeviceAnswer> devices = new ConcurrentHashMap<>();
    final Map<String, Long> ips = new ConcurrentHashMap<>();
    private volatile long epoch;
    private volatile int committing;

    /** The epoch to store answers under, or {@link #IN_FLIGHT}. */
    long stamp() {
      // Epoch first: a commit beginning after this read moves the epoch; one that began before
      // and has not ended shows in the flag.
      long seen = epoch;
      return committing == 0 ? seen : IN_FLIGHT;
    }

    synchronized <V> void put(Map<String, V> map, String key, V value, long stamp) {
      if (epoch != stamp) {
        return;
      }
      if (map.size() >= MAX_CACHED) {
        map.clear();
      }
      map.put(key, value);
    }

    synchronized void beginCommit() {
      committing++;
      epoch++;
    }

    private void endCommit() {
      committing--;
      epoch++;
    }

    synchronized void linksAdded(List<TransactionWriter.AddedLink> added) {
      for (TransactionWriter.AddedLink link : added) {
        boolean device = USES.equals(link.edgeLabel());
        links.computeIfPresent(link.account(), (k, known) -> known.with(device, link.identifier()));
        if (device) {
          devices.computeIfPresent(
              link.identifier(), (k, known) -> known.withUser(link.account(), maxAccountsPerKey));
          saturateIfAtBound(saturatedDevices, link.identifier(), devices.get(link.identifier()));
        } else {
          ips.computeIfPresent(link.identifier(), (k, count) -> Math.min(bound, count + 1));
        }
      }
      endCommit();
    }

    synchronized void scoresChanged(Map<String, Optional<Double>> changed) {
      for (Map.Entry<String, Optional<Double>> e : changed.entrySet()) {
        if (scores.containsKey(e.getKey()) || scores.size() < MAX_CACHED) {
          scores.put(e.getKey(), e.getValue());
        }
      }
      endCommit();
    }

    synchronized void forgetAll() {
      links.clear();
      scores.clear();
      devices.clear();
      ips.clear();
      endCommit();
    }

    private void saturateIfAtBound(Saturated saturated, String id, DeviceAnswer answer) {
      if (answer != null && answer.count() >= maxAccountsPerKey) {
        saturated.add(id);
      }
    }

    int size() {
      return links.size() + scores.size() + devices.size() + ips.size();
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

  /** The features from the answers read (from the graph or the cache): the best ring score wins. */
  private static GraphFeatures features(
      int sharingDevice,
      int sharingIp,
      Optional<Double> mateScore,
      Optional<Double> counterpartyScore,
      Optional<Double> ownScore) {
    double ringScore =
        max(max(mateScore, counterpartyScore), ownScore)
            .map(JanusGraphFeatureLookup::clamp)
            .orElse(0.0);
    return new GraphFeatures(
        sharingDevice, sharingIp, mateScore.isPresent(), counterpartyScore.isPresent(), ringScore);
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
