package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.scoring.Decision;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.alg.interfaces.ClusteringAlgorithm;

/**
 * Keeps the rings current as transactions arrive: folds transactions into the {@link
 * AccountProjection}, re-clusters only the connected components that changed (with {@link
 * LeidenClustering} under the constant Potts model, whose quality is local, so clustering a
 * component alone gives what clustering the whole graph would), finds money-flow typologies in them
 * (loops and fans, and laundering groups of transfers that break their senders' routine: {@link
 * OffRhythmFlows}), scores every candidate ({@link RingScorer}), keeps those above the threshold as
 * rings, and matches them to the previous rings so that ids are stable. Searches whose candidates
 * could not reach the threshold are skipped ({@link RingScorer#structuralCeiling}).
 *
 * <p><b>Matching.</b> An old and a new ring of the same kind are linked when they share at least
 * two members and at least 30% of the smaller one. Ids pass along links greedily by decreasing
 * Jaccard similarity, one new ring per old id. From the links follow the lifecycle events: a new
 * ring with no link is {@code NEW}; one old ring linked to several new ones is a {@code SPLIT} (the
 * best match keeps the id); several old rings linked to one new ring are {@code MERGED} (the best
 * match survives, the others end with status MERGED); an old ring with no link is {@code
 * DISSOLVED}; an id kept with other members is {@code GREW} and/or {@code SHRANK}.
 *
 * <p><b>What is re-clustered.</b> A dirty component of at most {@link #WHOLE_COMPONENT_LIMIT}
 * accounts is re-clustered whole, from scratch; its randomness is seeded from the settings' seed
 * and the component's smallest account, so results do not depend on the order components are
 * processed in, and an incremental run agrees with a full recompute. A larger component (typically
 * one giant component of benign transfers) is re-clustered by <i>region</i> (ADR 0014): first the
 * fast local moving of Leiden runs over the projection from the previous communities, queueing only
 * the dirty accounts (and the neighbours of those that move); the region is then the communities
 * that changed, closed transitively over the active rings of their members and those members'
 * communities. Leiden, warm-started from the current communities with the dirty and moved accounts
 * first, refines and aggregates the region; the typologies are searched within it; the rings
 * touching it are matched against the candidates found in it. Under CPM a community's quality does
 * not depend on the rest of the graph, so the communities outside the region stay valid; what a
 * warm start gives may differ from a full recompute, which {@link #recomputeAll} still does (whole
 * components, from scratch).
 *
 * <p>Thread-safe: the service calls it from the ingest thread, the scheduler and REST. Changes and
 * the projection's readers are synchronized; the rings' readers ({@link #ring}, {@link #ringsOf},
 * {@link #rings}, {@link #history}) answer from an immutable view published after every pass and
 * restore, so a REST request does not wait seconds behind a re-clustering of a large graph. Cost of
 * {@link #reclusterDirty}: Leiden, the bounded typology search and scoring on the small dirty
 * components and on the regions of the large ones, so about O(region) rather than O(component) for
 * a batch in a giant component.
 */
public final class RingTracker {
  /** Components up to this many accounts are re-clustered whole; larger ones by region. */
  public static final int WHOLE_COMPONENT_LIMIT = 5_000;

  /** A region larger than this share of the accounts is not worth a warm start. */
  private static final double REGION_SHARE_LIMIT = 0.5;

  private final AccountProjection projection;
  private final TrackerSettings settings;
  private final Clock clock;
  private final RingScorer scorer;
  private final MoneyFlowTypologies typologies;
  private final IdentityDrains identityDrains;
  private final OffRhythmFlows offRhythm;
  private final Map<RingId, Ring> rings = new TreeMap<>();
  private final Map<AccountId, Set<RingId>> ringsByAccount = new HashMap<>();
  private final Map<RingId, ArrayDeque<RingEvent>> history = new HashMap<>();
  // The last Leiden community of every clustered account, to warm-start regions of big components.
  private final Map<AccountId, Integer> communityOf = new HashMap<>();
  private final Map<Integer, Set<AccountId>> communityMembers = new HashMap<>();
  private final int wholeComponentLimit;
  private int nextCommunity;
  private long nextId = 1;
  private boolean routineSeen;
  // What readers see without the lock: rebuilt after every change to the rings (see View).
  private volatile View view = View.EMPTY;
  private volatile boolean passRunning;
  // Whether the rings changed since the view was published (a pass that found accounts dirty).
  private boolean viewStale;

  /**
   * The rings, each account's active rings and the rings' histories as of the last change,
   * immutable: the readers ({@link #ring}, {@link #ringsOf}, {@link #rings}, {@link #history})
   * answer from it without waiting for a re-clustering pass, which holds the lock for seconds on a
   * large graph.
   */
  private record View(
      Map<RingId, Ring> rings,
      List<Ring> all,
      Map<AccountId, List<Ring>> ringsOf,
      Map<RingId, List<RingEvent>> history) {
    static final View EMPTY = new View(Map.of(), List.of(), Map.of(), Map.of());
  }

  public RingTracker(AccountProjection projection, TrackerSettings settings, Clock clock) {
    this(projection, settings, clock, WHOLE_COMPONENT_LIMIT);
  }

  RingTracker(
      AccountProjection projection,
      TrackerSettings settings,
      Clock clock,
      int wholeComponentLimit) {
    if (wholeComponentLimit < 1) {
      throw new IllegalArgumentException("wholeComponentLimit must be positive");
    }
    this.wholeComponentLimit = wholeComponentLimit;
    this.projection = Objects.requireNonNull(projection, "projection");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scorer = new RingScorer(projection);
    this.typologies = new MoneyFlowTypologies(projection, settings);
    this.identityDrains = new IdentityDrains(projection);
    this.offRhythm = new OffRhythmFlows(projection, settings);
  }

  public TrackerSettings settings() {
    return settings;
  }

  /** Folds transactions into the projection; returns how many were new (not replays). */
  public synchronized int accept(Collection<Transaction> transactions) {
    int added = 0;
    for (Transaction tx : transactions) {
      added += projection.add(tx) ? 1 : 0;
    }
    return added;
  }

  /** Records a decision's risk score for an account (0–1); it raises the rings' scores. */
  public synchronized void reportScore(AccountId account, double score) {
    projection.reportScore(account, score);
  }

  /**
   * Folds decisions into the reported risk of their paying accounts ({@link DecisionRisk#of}): a
   * REVIEW or BLOCK raises the account's risk to its insight score / 1000, the highest kept. Call
   * after the decisions' transactions were {@linkplain #accept accepted}: an account the projection
   * does not know yet is ignored.
   */
  public synchronized void reportDecisions(Collection<Decision> decisions) {
    for (Decision decision : decisions) {
      double risk = DecisionRisk.of(decision);
      if (risk > 0) {
        projection.reportScore(decision.accountId(), risk);
      }
    }
  }

  /**
   * A confirmed outcome learnt after the fact for one of {@code account}'s transactions, which
   * carried {@code previous} (null: no label): the rings around the account are re-scored with the
   * next re-clustering.
   */
  public synchronized void reportLabel(AccountId account, Boolean previous, boolean fraud) {
    projection.relabel(account, previous, fraud);
  }

  /** Whether enough accounts changed to re-cluster now rather than at the next tick. */
  public synchronized boolean thresholdReached() {
    return projection.dirtyCount() >= settings.dirtyThreshold();
  }

  public synchronized int dirtyAccounts() {
    return projection.dirtyCount();
  }

  public synchronized int accountCount() {
    return projection.accountCount();
  }

  /** Re-clusters the components of accounts changed since the last call; returns the events. */
  public synchronized List<RingEvent> reclusterDirty() {
    return published(() -> recluster(projection.drainDirty(), false));
  }

  /** Re-clusters every component whole, from scratch; ring ids are kept where groups persist. */
  public synchronized List<RingEvent> recomputeAll() {
    projection.markAllDirty();
    return published(() -> recluster(projection.drainDirty(), true));
  }

  /**
   * Forgets accounts idle beyond the projection's retention and re-clusters what that changed.
   *
   * @return the events of the re-clustering
   */
  public synchronized List<RingEvent> evictIdle() {
    Set<AccountId> before = new HashSet<>(projection.accounts());
    projection.evictIdle(clock.instant());
    before.removeAll(projection.accounts());
    Set<AccountId> dirty = projection.drainDirty();
    dirty.addAll(before);
    return published(() -> recluster(dirty, false));
  }

  /** Runs a pass (under the lock), then publishes the readers' view if it changed any ring. */
  private List<RingEvent> published(java.util.function.Supplier<List<RingEvent>> pass) {
    passRunning = true;
    try {
      List<RingEvent> events = pass.get();
      // not only on events: a pass can re-score rings without one
      if (viewStale) {
        publish();
      }
      return events;
    } finally {
      passRunning = false;
    }
  }

  /** Rebuilds the readers' view from the rings; under the lock. */
  private void publish() {
    Map<AccountId, List<Ring>> of = new HashMap<>();
    Comparator<Ring> order =
        Comparator.comparingDouble(Ring::score).reversed().thenComparing(Ring::id);
    for (Map.Entry<AccountId, Set<RingId>> e : ringsByAccount.entrySet()) {
      of.put(e.getKey(), e.getValue().stream().map(rings::get).sorted(order).toList());
    }
    Map<RingId, List<RingEvent>> events = new HashMap<>();
    history.forEach((id, deque) -> events.put(id, List.copyOf(deque)));
    Map<RingId, Ring> byId = java.util.Collections.unmodifiableMap(new TreeMap<>(rings));
    view = new View(byId, List.copyOf(rings.values()), Map.copyOf(of), Map.copyOf(events));
    viewStale = false;
  }

  /**
   * @param whole re-cluster every dirty component whole, however large (a full recompute)
   */
  private List<RingEvent> recluster(Set<AccountId> dirty, boolean whole) {
    if (dirty.isEmpty()) {
      return List.of();
    }
    viewStale = true;
    if (!routineSeen && offRhythm.active()) {
      // The population just became routine enough for off-rhythm flows to count: look again at
      // every component, including quiet ones whose groups formed before.
      routineSeen = true;
      dirty = new HashSet<>(dirty);
      dirty.addAll(projection.accounts());
    }
    Instant now = clock.instant();
    Set<AccountId> affected = new HashSet<>(dirty);
    List<RingCandidate> candidates = new ArrayList<>();
    Set<AccountId> done = new HashSet<>();
    Set<AccountId> inLargeComponent = new HashSet<>();
    Set<AccountId> regional = new TreeSet<>();
    Set<Integer> evictedFrom = new HashSet<>();
    // Without previous communities (a first run, a restart) there is nothing to warm-start from.
    boolean warm = !whole && !communityOf.isEmpty();
    for (AccountId account : new TreeSet<>(dirty)) {
      if (!projection.contains(account)) {
        // Evicted: its neighbours are dirty, and their regions take in its old rings.
        Integer label = communityOf.get(account);
        if (label != null) {
          evictedFrom.add(label);
        }
        forgetCommunity(account);
        continue;
      }
      if (done.contains(account)) {
        continue;
      }
      Set<AccountId> component =
          warm ? smallComponent(account, inLargeComponent) : projection.component(account);
      if (component == null) {
        regional.add(account);
        continue;
      }
      done.addAll(component);
      affected.addAll(component);
      if (component.size() >= settings.minRingSize()) {
        candidates.addAll(candidatesOf(component));
      } else {
        component.forEach(this::forgetCommunity);
      }
    }
    if (!regional.isEmpty()) {
      Set<AccountId> moved = new HashSet<>(regional);
      Set<Integer> changedCommunities = moveLocally(regional, moved);
      changedCommunities.addAll(evictedFrom);
      Set<AccountId> seeds = new HashSet<>(regional);
      for (Integer label : changedCommunities) {
        seeds.addAll(communityMembers.getOrDefault(label, Set.of()));
      }
      Set<AccountId> region = region(seeds);
      // Accounts whose (small) component was re-clustered whole above keep those candidates.
      region.removeAll(done);
      affected.addAll(region);
      if (region.size() > REGION_SHARE_LIMIT * projection.accountCount()) {
        // Most of the graph changed: re-cluster the large components whole instead.
        for (AccountId account : regional) {
          if (!done.contains(account)) {
            Set<AccountId> component = projection.component(account);
            done.addAll(component);
            affected.addAll(component);
            candidates.addAll(candidatesOf(component));
          }
        }
      } else {
        candidates.addAll(candidatesOfRegion(region, moved));
      }
    }
    Set<RingId> touched = new TreeSet<>();
    for (AccountId a : affected) {
      touched.addAll(ringsByAccount.getOrDefault(a, Set.of()));
    }
    List<RingEvent> events = new ArrayList<>();
    for (RingKind kind : RingKind.values()) {
      List<Ring> old =
          touched.stream().map(rings::get).filter(r -> r.kind() == kind && r.isActive()).toList();
      List<RingCandidate> fresh = candidates.stream().filter(c -> c.kind() == kind).toList();
      events.addAll(match(old, fresh, now));
    }
    return events;
  }

  /**
   * The component of {@code start} when it has at most {@link #wholeComponentLimit} accounts, or
   * null when it is larger (or reaches an account already known to be in a larger one); the
   * accounts seen are then remembered in {@code inLarge}, so that the next dirty account of the
   * same big component stops as soon as it meets one of them.
   */
  private Set<AccountId> smallComponent(AccountId start, Set<AccountId> inLarge) {
    if (inLarge.contains(start)) {
      return null;
    }
    Set<AccountId> seen = new HashSet<>();
    ArrayDeque<AccountId> stack = new ArrayDeque<>();
    seen.add(start);
    stack.push(start);
    while (!stack.isEmpty()) {
      AccountId a = stack.pop();
      for (AccountId other : projection.neighbours(a).keySet()) {
        if (inLarge.contains(other)) {
          inLarge.addAll(seen);
          return null;
        }
        if (seen.add(other)) {
          if (seen.size() > wholeComponentLimit) {
            inLarge.addAll(seen);
            return null;
          }
          stack.push(other);
        }
      }
    }
    return seen;
  }

  /**
   * Fast local moving (Traag et al. 2019) of the dirty accounts of large components over the whole
   * projection, from the previous communities, under CPM: each queued account moves to the
   * neighbouring community of best gain {@code w(v, C) − γ·|C|} (or alone), and the neighbours of
   * an account that moved, outside its new community, are queued. Community sizes are exact, so
   * this finds which communities the change reaches without materialising their neighbourhoods.
   * Bounded by a number of visits proportional to the dirty accounts.
   *
   * @param dirty the dirty accounts of large components
   * @param moved receives every account that moved
   * @return the labels of the communities that lost or gained a member or hold a dirty account
   */
  private Set<Integer> moveLocally(Set<AccountId> dirty, Set<AccountId> moved) {
    double gamma = settings.resolution();
    Set<Integer> changed = new HashSet<>();
    ArrayDeque<AccountId> queue = new ArrayDeque<>(dirty);
    Set<AccountId> queued = new HashSet<>(dirty);
    long visits = 0;
    long budget = 50L * dirty.size() + 1_000;
    while (!queue.isEmpty() && visits++ < budget) {
      AccountId v = queue.poll();
      queued.remove(v);
      int current = labelOf(v);
      changed.add(current);
      Map<AccountId, Double> links = projection.neighbours(v);
      Map<Integer, Double> weightTo = new TreeMap<>();
      for (Map.Entry<AccountId, Double> link : links.entrySet()) {
        weightTo.merge(labelOf(link.getKey()), link.getValue(), Double::sum);
      }
      int size = communityMembers.get(current).size();
      int best = current;
      double bestGain = weightTo.getOrDefault(current, 0.0) - gamma * (size - 1);
      for (Map.Entry<Integer, Double> c : weightTo.entrySet()) {
        if (c.getKey() != current) {
          double gain = c.getValue() - gamma * communityMembers.get(c.getKey()).size();
          if (gain > bestGain + 1e-12) {
            best = c.getKey();
            bestGain = gain;
          }
        }
      }
      if (bestGain < -1e-12 && size > 1) {
        best = nextCommunity++;
        communityMembers.put(best, new HashSet<>());
      }
      if (best == current) {
        continue;
      }
      forgetCommunity(v);
      communityOf.put(v, best);
      communityMembers.computeIfAbsent(best, k -> new HashSet<>()).add(v);
      changed.add(best);
      moved.add(v);
      for (AccountId u : links.keySet()) {
        if (labelOf(u) != best && queued.add(u)) {
          queue.add(u);
        }
      }
    }
    return changed;
  }

  /** The account's community, a new singleton one for an account never clustered. */
  private int labelOf(AccountId account) {
    Integer label = communityOf.get(account);
    if (label == null) {
      label = nextCommunity++;
      communityOf.put(account, label);
      communityMembers.put(label, new HashSet<>(Set.of(account)));
    }
    return label;
  }

  /**
   * The region re-clustered for dirty accounts of large components: the seeds and, transitively,
   * the whole community and every whole active ring of each account in it (so that every old ring
   * touching the region can be matched against candidates found in it).
   */
  private Set<AccountId> region(Set<AccountId> seeds) {
    Set<AccountId> region = new HashSet<>();
    ArrayDeque<AccountId> pending = new ArrayDeque<>(seeds);
    while (!pending.isEmpty()) {
      AccountId a = pending.pop();
      if (!region.add(a)) {
        continue;
      }
      Integer community = communityOf.get(a);
      if (community != null) {
        for (AccountId m : communityMembers.get(community)) {
          if (!region.contains(m)) {
            pending.push(m);
          }
        }
      }
      for (RingId id : ringsByAccount.getOrDefault(a, Set.of())) {
        for (AccountId m : rings.get(id).memberIds()) {
          if (!region.contains(m)) {
            pending.push(m);
          }
        }
      }
    }
    region.removeIf(a -> !projection.contains(a));
    return region;
  }

  /**
   * Candidates of a component, clustered whole from scratch. Without labels or reported scores a
   * group's score is its structure alone: the searches whose candidates could not reach the
   * threshold are skipped (a transfer-only component cannot make a community or fan ring), which
   * keeps a giant benign transfer component cheap; its accounts then have no community to
   * warm-start from.
   */
  private List<RingCandidate> candidatesOf(Set<AccountId> component) {
    Gates gates = gates(component);
    ClusteringAlgorithm.Clustering<AccountId> clustering = null;
    if (gates.communities()) {
      AccountId smallest = new TreeSet<>(component).first();
      Random random = new Random(settings.seed() * 31 + smallest.value().hashCode());
      clustering =
          new LeidenClustering<>(
                  projection.subgraph(component),
                  LeidenClustering.Quality.CPM,
                  settings.resolution(),
                  LeidenClustering.DEFAULT_THETA,
                  LeidenClustering.DEFAULT_MAX_ITERATIONS,
                  random)
              .getClustering();
    }
    return candidatesFrom(component, clustering, gates);
  }

  /** Which searches of a scope can yield a candidate reaching the threshold. */
  private record Gates(boolean communities, boolean fans) {}

  private Gates gates(Set<AccountId> scope) {
    boolean risky = scope.stream().anyMatch(projection::hasRiskSignal);
    boolean identifiers = !risky && linksByIdentifier(scope);
    return new Gates(
        risky
            || RingScorer.structuralCeiling(RingKind.COMMUNITY, identifiers)
                >= settings.scoreThreshold(),
        risky
            || RingScorer.structuralCeiling(RingKind.FAN_IN, identifiers)
                >= settings.scoreThreshold());
  }

  private boolean linksByIdentifier(Set<AccountId> component) {
    for (AccountId a : component) {
      for (SharedIdentifier id : projection.identifiersOf(a)) {
        if (projection.weight(id) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Candidates of a region of a large component: Leiden warm-started from the communities after
   * local moving, moving the dirty accounts and those that moved first. The region is always
   * clustered, so that its communities stay current for the next warm start.
   */
  private List<RingCandidate> candidatesOfRegion(Set<AccountId> region, Set<AccountId> dirty) {
    Set<AccountId> changed = new HashSet<>();
    for (AccountId a : dirty) {
      if (region.contains(a)) {
        changed.add(a);
      }
    }
    AccountId smallest = new TreeSet<>(changed).first();
    Random random = new Random(settings.seed() * 31 + smallest.value().hashCode());
    ClusteringAlgorithm.Clustering<AccountId> clustering =
        new LeidenClustering<>(
                projection.subgraph(region),
                LeidenClustering.Quality.CPM,
                settings.resolution(),
                LeidenClustering.DEFAULT_THETA,
                LeidenClustering.DEFAULT_MAX_ITERATIONS,
                random,
                communityOf,
                changed)
            .getClustering();
    return candidatesFrom(region, clustering, gates(region));
  }

  /**
   * @param clustering the scope's communities, or null when community candidates cannot reach the
   *     threshold and clustering was skipped
   */
  private List<RingCandidate> candidatesFrom(
      Set<AccountId> scope, ClusteringAlgorithm.Clustering<AccountId> clustering, Gates gates) {
    List<RingCandidate> all = new ArrayList<>();
    for (AccountId a : scope) {
      forgetCommunity(a);
    }
    if (clustering != null) {
      for (Set<AccountId> community : clustering.getClusters()) {
        int label = nextCommunity++;
        communityMembers.put(label, new HashSet<>(community));
        for (AccountId a : community) {
          communityOf.put(a, label);
        }
        if (gates.communities() && community.size() >= settings.minRingSize()) {
          all.add(new RingCandidate(RingKind.COMMUNITY, communityRoles(community), List.of()));
        }
      }
    }
    all.addAll(typologies.loops(scope));
    if (gates.fans()) {
      all.addAll(typologies.fans(scope));
    }
    all.addAll(offRhythm.groups(scope));
    all.addAll(identityDrains.drains(scope));
    List<RingCandidate> kept = new ArrayList<>();
    for (RingCandidate candidate : all) {
      if (candidate.members().size() >= settings.minRingSize()) {
        kept.add(candidate);
      }
    }
    return kept;
  }

  private void forgetCommunity(AccountId account) {
    Integer label = communityOf.remove(account);
    if (label != null) {
      Set<AccountId> members = communityMembers.get(label);
      members.remove(account);
      if (members.isEmpty()) {
        communityMembers.remove(label);
      }
    }
  }

  private Map<AccountId, MemberRole> communityRoles(Set<AccountId> community) {
    AccountId hub = null;
    double best = -1;
    for (AccountId a : new TreeSet<>(community)) {
      double internal = 0;
      for (Map.Entry<AccountId, Double> link : projection.neighbours(a).entrySet()) {
        if (community.contains(link.getKey())) {
          internal += link.getValue();
        }
      }
      if (internal > best + 1e-12) {
        best = internal;
        hub = a;
      }
    }
    Map<AccountId, MemberRole> roles = new TreeMap<>();
    for (AccountId a : community) {
      roles.put(a, a.equals(hub) ? MemberRole.HUB : MemberRole.MEMBER);
    }
    return roles;
  }

  private record Link(int oldIndex, int newIndex, int overlap, double jaccard) {}

  private List<RingEvent> match(List<Ring> old, List<RingCandidate> fresh, Instant now) {
    List<RingCandidate> accepted = new ArrayList<>();
    List<RingScorer.Scored> scores = new ArrayList<>();
    for (RingCandidate candidate : fresh) {
      RingScorer.Scored scored = scorer.score(candidate);
      if (scored.score() >= settings.scoreThreshold()) {
        accepted.add(candidate);
        scores.add(scored);
      }
    }
    List<Link> links = new ArrayList<>();
    for (int i = 0; i < old.size(); i++) {
      Set<AccountId> o = old.get(i).memberIds();
      for (int j = 0; j < accepted.size(); j++) {
        Set<AccountId> n = accepted.get(j).members();
        int overlap = 0;
        for (AccountId a : n) {
          overlap += o.contains(a) ? 1 : 0;
        }
        if (overlap >= 2 && overlap * 10 >= 3 * Math.min(o.size(), n.size())) {
          links.add(new Link(i, j, overlap, overlap / (double) (o.size() + n.size() - overlap)));
        }
      }
    }
    links.sort(
        Comparator.comparingDouble(Link::jaccard)
            .reversed()
            .thenComparing(l -> old.get(l.oldIndex()).id())
            .thenComparingInt(Link::newIndex));
    RingId[] ids = new RingId[accepted.size()];
    boolean[] oldTaken = new boolean[old.size()];
    for (Link link : links) {
      if (ids[link.newIndex()] == null && !oldTaken[link.oldIndex()]) {
        ids[link.newIndex()] = old.get(link.oldIndex()).id();
        oldTaken[link.oldIndex()] = true;
      }
    }
    Map<Integer, List<Integer>> sourcesOfNew = new HashMap<>();
    Map<Integer, List<Integer>> targetsOfOld = new HashMap<>();
    for (Link link : links) {
      sourcesOfNew.computeIfAbsent(link.newIndex(), k -> new ArrayList<>()).add(link.oldIndex());
      targetsOfOld.computeIfAbsent(link.oldIndex(), k -> new ArrayList<>()).add(link.newIndex());
    }
    Map<RingId, Ring> previous = new LinkedHashMap<>();
    old.forEach(r -> previous.put(r.id(), r));
    // Release every old ring's memberships first; the new rings re-index theirs.
    for (Ring r : old) {
      for (AccountId a : r.memberIds()) {
        Set<RingId> of = ringsByAccount.get(a);
        if (of != null) {
          of.remove(r.id());
          if (of.isEmpty()) {
            ringsByAccount.remove(a);
          }
        }
      }
    }
    for (int j = 0; j < accepted.size(); j++) {
      if (ids[j] == null) {
        ids[j] = new RingId(String.format("ring-%06d", nextId++));
      }
    }
    List<RingEvent> events = new ArrayList<>();
    for (int j = 0; j < accepted.size(); j++) {
      RingCandidate candidate = accepted.get(j);
      Ring before = previous.get(ids[j]);
      Ring after = build(ids[j], candidate, scores.get(j), before, now);
      rings.put(after.id(), after);
      for (AccountId a : after.memberIds()) {
        ringsByAccount.computeIfAbsent(a, k -> new TreeSet<>()).add(after.id());
      }
      List<Integer> sources = sourcesOfNew.getOrDefault(j, List.of());
      Set<AccountId> added = new TreeSet<>(after.memberIds());
      Set<AccountId> removed = new TreeSet<>();
      if (before != null) {
        added.removeAll(before.memberIds());
        removed.addAll(before.memberIds());
        removed.removeAll(after.memberIds());
      }
      if (before == null && sources.isEmpty()) {
        events.add(record(new RingEvent(RingEventType.NEW, after, List.of(), added, removed, now)));
        continue;
      }
      if (before == null) {
        List<RingId> related = sources.stream().map(i -> old.get(i).id()).toList();
        events.add(record(new RingEvent(RingEventType.SPLIT, after, related, added, removed, now)));
        continue;
      }
      int oldIndex = old.indexOf(before);
      List<Integer> siblings = targetsOfOld.getOrDefault(oldIndex, List.of());
      boolean changed = false;
      if (sources.size() >= 2) {
        List<RingId> absorbed =
            sources.stream()
                .map(i -> old.get(i).id())
                .filter(id -> !id.equals(after.id()))
                .toList();
        events.add(
            record(new RingEvent(RingEventType.MERGED, after, absorbed, added, removed, now)));
        changed = true;
      }
      if (siblings.size() >= 2) {
        List<RingId> parts =
            siblings.stream()
                .filter(k -> k != accepted.indexOf(candidate))
                .map(k -> ids[k])
                .toList();
        events.add(record(new RingEvent(RingEventType.SPLIT, after, parts, added, removed, now)));
        changed = true;
      }
      if (!changed && !added.isEmpty()) {
        events.add(
            record(new RingEvent(RingEventType.GREW, after, List.of(), added, Set.of(), now)));
      }
      if (!changed && !removed.isEmpty()) {
        events.add(
            record(new RingEvent(RingEventType.SHRANK, after, List.of(), Set.of(), removed, now)));
      }
    }
    for (int i = 0; i < old.size(); i++) {
      if (oldTaken[i]) {
        continue;
      }
      Ring gone = old.get(i);
      List<Integer> targets = targetsOfOld.getOrDefault(i, List.of());
      RingStatus status = targets.isEmpty() ? RingStatus.DISSOLVED : RingStatus.MERGED;
      Ring ended = close(gone, status, now);
      rings.put(ended.id(), ended);
      List<RingId> related = targets.stream().map(k -> ids[k]).toList();
      RingEventType type = targets.isEmpty() ? RingEventType.DISSOLVED : RingEventType.MERGED;
      events.add(record(new RingEvent(type, ended, related, Set.of(), gone.memberIds(), now)));
    }
    return events;
  }

  private Ring build(
      RingId id, RingCandidate candidate, RingScorer.Scored scored, Ring before, Instant now) {
    Map<AccountId, Membership> previous = new HashMap<>();
    Map<AccountId, Membership> formerBefore = new TreeMap<>();
    if (before != null) {
      before.members().forEach(m -> previous.put(m.account(), m));
      before.former().forEach(m -> formerBefore.put(m.account(), m));
    }
    List<Membership> members = new ArrayList<>();
    for (Map.Entry<AccountId, MemberRole> e : candidate.roles().entrySet()) {
      Membership was = previous.get(e.getKey());
      members.add(new Membership(e.getKey(), e.getValue(), was == null ? now : was.since(), null));
      formerBefore.remove(e.getKey());
    }
    for (Membership was : previous.values()) {
      if (!candidate.roles().containsKey(was.account())) {
        formerBefore.put(was.account(), ended(was, now));
      }
    }
    List<Membership> former = new ArrayList<>(formerBefore.values());
    boolean same =
        before != null
            && before.memberIds().equals(candidate.members())
            && Math.abs(before.score() - scored.score()) < 1e-9
            && before.isActive();
    return new Ring(
        id,
        candidate.kind(),
        RingStatus.ACTIVE,
        scored.score(),
        members,
        former,
        before == null ? now : before.firstSeen(),
        same ? before.lastChanged() : now,
        scored.evidence());
  }

  /**
   * The membership ended now, or at its start when that lies ahead of this clock: a ring restored
   * from a graph written by a process whose clock ran ahead must not fail every later pass.
   */
  private static Membership ended(Membership m, Instant now) {
    return new Membership(
        m.account(), m.role(), m.since(), m.since().isAfter(now) ? m.since() : now);
  }

  private static Ring close(Ring ring, RingStatus status, Instant now) {
    List<Membership> former = new ArrayList<>(ring.former());
    ring.members().forEach(m -> former.add(ended(m, now)));
    return new Ring(
        ring.id(),
        ring.kind(),
        status,
        ring.score(),
        List.of(),
        former,
        ring.firstSeen(),
        now,
        ring.evidence());
  }

  private RingEvent record(RingEvent event) {
    ArrayDeque<RingEvent> events =
        history.computeIfAbsent(event.ring().id(), k -> new ArrayDeque<>());
    events.addLast(event);
    while (events.size() > settings.historyLimit()) {
      events.removeFirst();
    }
    return event;
  }

  /**
   * Restores rings persisted earlier (at start-up, after the projection is rebuilt and before it is
   * re-clustered), so that their ids survive a restart: the next re-clustering matches the restored
   * active rings like any previous rings. Scores are not carried into the projection: it is rebuilt
   * from the same stored transactions (fraud labels included), so it scores the rings as before.
   * Ids allocated afterwards continue after the highest restored one.
   */
  public synchronized void restore(Collection<Ring> restored) {
    for (Ring ring : restored) {
      rings.put(ring.id(), ring);
      if (ring.isActive()) {
        for (AccountId a : ring.memberIds()) {
          ringsByAccount.computeIfAbsent(a, k -> new TreeSet<>()).add(ring.id());
          projection.markDirty(a);
        }
      }
      String digits = ring.id().value().replaceAll("\\D", "");
      if (!digits.isEmpty() && digits.length() < 18) {
        nextId = Math.max(nextId, Long.parseLong(digits) + 1);
      }
    }
    publish();
  }

  /** The ring as of the last re-clustering (any status); does not wait for a running pass. */
  public Optional<Ring> ring(RingId id) {
    return Optional.ofNullable(view.rings().get(id));
  }

  /**
   * The active rings the account is a member of, highest score first, as of the last re-clustering;
   * does not wait for a running pass.
   */
  public List<Ring> ringsOf(AccountId account) {
    return view.ringsOf().getOrDefault(account, List.of());
  }

  /** Every ring known (any status), by id, as of the last re-clustering; does not wait. */
  public List<Ring> rings() {
    return view.all();
  }

  /** The ring's events, oldest first (at most the history limit); does not wait. */
  public List<RingEvent> history(RingId id) {
    return view.history().getOrDefault(id, List.of());
  }

  /** Whether the projection knows the account (waits for a running pass). */
  public synchronized boolean knows(AccountId account) {
    return projection.contains(account);
  }

  /**
   * Whether the projection knows the account, or empty while a re-clustering pass holds the lock
   * (the caller can ask the graph instead of waiting seconds).
   */
  public Optional<Boolean> knowsUnlessBusy(AccountId account) {
    return passRunning ? Optional.empty() : Optional.of(knows(account));
  }

  /** The account's direct links to other members of {@code ring}: identifiers and transfers. */
  public synchronized List<EvidencePath> pathsFrom(AccountId account, Ring ring) {
    Set<AccountId> members = ring.memberIds();
    List<EvidencePath> paths = new ArrayList<>();
    for (SharedIdentifier id : projection.identifiersOf(account)) {
      for (AccountId other : new TreeSet<>(projection.users(id))) {
        if (!other.equals(account) && members.contains(other)) {
          paths.add(EvidencePath.viaIdentifier(account, id, other));
        }
      }
    }
    for (TransferLink t : projection.transfersFrom(account)) {
      if (members.contains(t.to())) {
        paths.add(EvidencePath.viaTransfer(t));
      }
    }
    for (AccountId source : new TreeSet<>(projection.transferSources(account))) {
      if (members.contains(source)) {
        for (TransferLink t : projection.transfersFrom(source)) {
          if (t.to().equals(account)) {
            paths.add(EvidencePath.viaTransfer(t));
          }
        }
      }
    }
    return paths;
  }

  /** The ring's members, the identifiers they share and the transfers between them. */
  public synchronized RingSubgraph subgraph(Ring ring) {
    Set<AccountId> members = ring.memberIds();
    List<RingSubgraph.Node> nodes = new ArrayList<>();
    List<RingSubgraph.Edge> edges = new ArrayList<>();
    ring.members()
        .forEach(
            m ->
                nodes.add(
                    new RingSubgraph.Node(
                        "account:" + m.account(),
                        "account",
                        m.account().value(),
                        m.role().name())));
    for (IdentifierEvidence e : scorer.identifiers(members)) {
      String nodeId = e.identifier().toString();
      String kind = e.identifier().kind().name().toLowerCase(java.util.Locale.ROOT);
      nodes.add(new RingSubgraph.Node(nodeId, kind, e.identifier().value(), null));
      for (AccountId a : new TreeSet<>(projection.users(e.identifier()))) {
        if (members.contains(a)) {
          edges.add(new RingSubgraph.Edge("account:" + a, nodeId, "uses", null, null, null));
        }
      }
    }
    for (TransferLink t : scorer.internalTransfers(members)) {
      edges.add(
          new RingSubgraph.Edge(
              "account:" + t.from(),
              "account:" + t.to(),
              "transfers",
              t.txId(),
              t.amount(),
              t.timestamp()));
    }
    return new RingSubgraph(nodes, edges);
  }
}
