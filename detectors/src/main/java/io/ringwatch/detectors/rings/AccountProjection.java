package io.ringwatch.detectors.rings;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Transaction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * An in-memory, incrementally maintained, weighted undirected graph of accounts: two accounts are
 * linked by every device, IP or card they both used, every identity document (SSN, e-mail, phone)
 * they were both opened with, and by money transfers between them. Merchants never link accounts.
 *
 * <p><b>Weights.</b> An identifier used by {@code d} accounts contributes {@code 1 / log2(1 + d)}
 * to each pair of its users (1 for two users' ... 0.18 for 50), so a widely shared identifier says
 * less about each pair; above {@link ProjectionSettings#degreeCap} it contributes nothing at all
 * (public IPs, carrier NAT, shop terminals), which keeps supernodes from gluing unrelated accounts
 * into one component. A transfer in either direction adds {@link ProjectionSettings#transferWeight}
 * once per pair. The projection stores identifier memberships, not pair weights, so every weight
 * follows the identifier's current degree without rewriting edges.
 *
 * <p><b>Dirty tracking.</b> Every change marks the accounts whose links changed as dirty; the
 * component of a dirty account is what the ring tracker re-clusters. When an identifier crosses the
 * cap all its former users are marked, since their component may fall apart.
 *
 * <p><b>Bounded memory.</b> O(A + I + Σ min(d, cap) + P · k) for A accounts, I identifiers, P
 * transfer pairs and {@code k = transfersPerPair}: a saturated identifier keeps only its count, a
 * pair keeps its newest k transfers, replay detection keeps a bounded LRU of transaction ids, and
 * {@link #evictIdle} forgets accounts idle beyond the retention.
 *
 * <p>Not thread-safe: the ring tracker owns it and serialises access. Adding a transaction costs
 * O(1) amortised (plus O(cap) once, when an identifier saturates); {@link #component} costs the
 * size of the component's links.
 */
public final class AccountProjection {

  private static final class AccountNode {
    final Set<SharedIdentifier> identifiers = new HashSet<>(4);
    final Map<AccountId, ArrayDeque<TransferLink>> out = new HashMap<>(2);

    /** Transfers sent per counterparty, all of them (the deques keep only the newest). */
    final Map<AccountId, Long> sent = new HashMap<>(2);

    final Set<AccountId> in = new HashSet<>(2);
    SendRhythm rhythm;
    long events;
    long fraudLabelled;
    double maxScore;
    Instant firstSeen;
    Instant lastSeen;

    void seen(Instant at) {
      if (firstSeen == null || at.isBefore(firstSeen)) {
        firstSeen = at;
      }
      if (lastSeen == null || at.isAfter(lastSeen)) {
        lastSeen = at;
      }
    }
  }

  private static final class IdentifierNode {
    final Set<AccountId> members = new HashSet<>(2);
    int degree;
    boolean saturated;
  }

  private final ProjectionSettings settings;
  private final Map<AccountId, AccountNode> accounts = new HashMap<>();
  private final Map<SharedIdentifier, IdentifierNode> identifiers = new HashMap<>();
  private final Set<AccountId> dirty = new HashSet<>();
  private final Map<String, Boolean> seenTransactions;
  private long transfersAdded;
  private long rhythmSampledAt = -1;
  private double rhythmicShare;

  public AccountProjection(ProjectionSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    int remembered = settings.rememberedTransactionIds();
    this.seenTransactions =
        new LinkedHashMap<>(1024, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > remembered;
          }
        };
  }

  public ProjectionSettings settings() {
    return settings;
  }

  /**
   * Folds one transaction in: its account's activity, its device, IP and card, the account holder's
   * identity documents (SSN, e-mail, phone), and its transfer. A transaction id seen recently is
   * ignored (replays from Kafka).
   *
   * @return false when the transaction was a replay and changed nothing
   */
  public boolean add(Transaction tx) {
    Objects.requireNonNull(tx, "tx");
    if (seenTransactions.put(tx.id().value(), Boolean.TRUE) != null) {
      return false;
    }
    AccountNode node = node(tx.account());
    node.events++;
    if (Boolean.TRUE.equals(tx.fraudLabel())) {
      node.fraudLabelled++;
    }
    node.seen(tx.timestamp());
    if (tx.device() != null) {
      addIdentifierUse(tx.account(), SharedIdentifier.device(tx.device().value()), tx.timestamp());
    }
    if (tx.ip() != null) {
      addIdentifierUse(tx.account(), SharedIdentifier.ip(tx.ip().value()), tx.timestamp());
    }
    if (tx.card() != null) {
      addIdentifierUse(tx.account(), SharedIdentifier.card(tx.card().value()), tx.timestamp());
    }
    for (SharedIdentifier document : SharedIdentifier.of(tx.identity())) {
      addIdentifierUse(tx.account(), document, tx.timestamp());
    }
    if (tx.isTransfer()) {
      addTransfer(
          new TransferLink(
              tx.id().value(), tx.account(), tx.counterparty(), tx.amount(), tx.timestamp()));
    }
    return true;
  }

  /**
   * Folds in one stored transaction's activity without its identifiers or transfer, for rebuilding
   * the projection from the graph, where identifier uses and transfers are stored apart from the
   * transaction (see {@link #addIdentifierUse} and {@link #addTransfer}). A transaction id seen
   * recently is ignored, like in {@link #add}; remembering it here also keeps a Kafka replay after
   * a restart from counting the transaction twice.
   *
   * @return false when the transaction id was already seen and nothing changed
   */
  public boolean addActivity(String txId, AccountId account, Instant at, boolean fraudLabelled) {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(at, "at");
    if (seenTransactions.put(txId, Boolean.TRUE) != null) {
      return false;
    }
    AccountNode node = node(account);
    node.events++;
    if (fraudLabelled) {
      node.fraudLabelled++;
    }
    node.seen(at);
    dirty.add(account);
    return true;
  }

  /** Records that {@code account} used {@code identifier}; idempotent. */
  public void addIdentifierUse(AccountId account, SharedIdentifier identifier, Instant at) {
    AccountNode node = node(account);
    node.seen(at);
    if (!node.identifiers.add(identifier)) {
      return;
    }
    IdentifierNode id = identifiers.computeIfAbsent(identifier, k -> new IdentifierNode());
    id.degree++;
    dirty.add(account);
    if (id.saturated) {
      return;
    }
    if (id.degree > settings.degreeCap()) {
      // The identifier stops linking anyone: its former users' components may fall apart.
      id.saturated = true;
      dirty.addAll(id.members);
      id.members.clear();
      return;
    }
    id.members.add(account);
  }

  /** Records a transfer; idempotent on the transaction id within the pair. */
  public void addTransfer(TransferLink transfer) {
    AccountNode from = node(transfer.from());
    AccountNode to = node(transfer.to());
    from.seen(transfer.timestamp());
    to.seen(transfer.timestamp());
    ArrayDeque<TransferLink> pair =
        from.out.computeIfAbsent(transfer.to(), k -> new ArrayDeque<>());
    for (TransferLink known : pair) {
      if (known.txId().equals(transfer.txId())) {
        return;
      }
    }
    pair.addLast(transfer);
    from.sent.merge(transfer.to(), 1L, Long::sum);
    while (pair.size() > settings.transfersPerPair()) {
      pair.removeFirst();
    }
    if (from.rhythm == null) {
      from.rhythm = new SendRhythm();
    }
    from.rhythm.record(transfer.timestamp());
    transfersAdded++;
    to.in.add(transfer.from());
    dirty.add(transfer.from());
    dirty.add(transfer.to());
  }

  /** Raises the account's reported risk score (from a decision, or a restored ring), 0–1. */
  public void reportScore(AccountId account, double score) {
    if (score < 0 || score > 1 || Double.isNaN(score)) {
      throw new IllegalArgumentException("score must be within 0..1, was " + score);
    }
    AccountNode node = accounts.get(account);
    if (node != null && score > node.maxScore) {
      node.maxScore = score;
      dirty.add(account);
    }
  }

  /**
   * A stored transaction of {@code account} got a confirmed outcome after it was added: its count
   * of fraud-labelled transactions follows the change from {@code previous} (null: none) to {@code
   * fraud}, and the account is dirty. An account the projection does not know is ignored.
   */
  public void relabel(AccountId account, Boolean previous, boolean fraud) {
    AccountNode node = accounts.get(account);
    boolean was = Boolean.TRUE.equals(previous);
    if (node == null || was == fraud) {
      return;
    }
    node.fraudLabelled = Math.max(0, node.fraudLabelled + (fraud ? 1 : -1));
    dirty.add(account);
  }

  private AccountNode node(AccountId account) {
    Objects.requireNonNull(account, "account");
    return accounts.computeIfAbsent(account, k -> new AccountNode());
  }

  /** The weight an identifier currently gives each pair of its users; 0 when it links nobody. */
  public double weight(SharedIdentifier identifier) {
    IdentifierNode id = identifiers.get(identifier);
    if (id == null || id.saturated || id.degree < 2) {
      return 0;
    }
    return 1 / (Math.log(1 + id.degree) / Math.log(2));
  }

  /** How many accounts used the identifier (counted even above the cap). */
  public int degree(SharedIdentifier identifier) {
    IdentifierNode id = identifiers.get(identifier);
    return id == null ? 0 : id.degree;
  }

  /** Users of the identifier; empty once it is above the cap. */
  public Set<AccountId> users(SharedIdentifier identifier) {
    IdentifierNode id = identifiers.get(identifier);
    return id == null ? Set.of() : Collections.unmodifiableSet(id.members);
  }

  public boolean contains(AccountId account) {
    return accounts.containsKey(account);
  }

  public int accountCount() {
    return accounts.size();
  }

  public Set<AccountId> accounts() {
    return Collections.unmodifiableSet(accounts.keySet());
  }

  /** The identifiers the account used, sorted. */
  public Set<SharedIdentifier> identifiersOf(AccountId account) {
    AccountNode node = accounts.get(account);
    return node == null ? Set.of() : new TreeSet<>(node.identifiers);
  }

  /** The remembered transfers the account sent, oldest first per counterparty. */
  public List<TransferLink> transfersFrom(AccountId account) {
    AccountNode node = accounts.get(account);
    if (node == null) {
      return List.of();
    }
    List<TransferLink> all = new ArrayList<>();
    node.out.values().forEach(all::addAll);
    return all;
  }

  /**
   * How many transfers {@code from} sent to {@code to}, counting those no longer remembered (a
   * transfer replayed after it left the newest {@code transfersPerPair} may count twice).
   */
  public long transfersSent(AccountId from, AccountId to) {
    AccountNode node = accounts.get(from);
    return node == null ? 0 : node.sent.getOrDefault(to, 0L);
  }

  /** The remembered transfers from {@code from} to {@code to}, oldest first. */
  public List<TransferLink> transfersBetween(AccountId from, AccountId to) {
    AccountNode node = accounts.get(from);
    ArrayDeque<TransferLink> pair = node == null ? null : node.out.get(to);
    return pair == null ? List.of() : List.copyOf(pair);
  }

  /**
   * Whether the account ever carried a fraud label or a reported score (from a decision or a
   * restored ring): the label and reported-score signals of any group containing it can be above
   * zero.
   */
  public boolean hasRiskSignal(AccountId account) {
    AccountNode node = accounts.get(account);
    return node != null && (node.fraudLabelled > 0 || node.maxScore > 0);
  }

  /** Accounts that received money from {@code account}. */
  public Set<AccountId> transferTargets(AccountId account) {
    AccountNode node = accounts.get(account);
    return node == null ? Set.of() : Collections.unmodifiableSet(node.out.keySet());
  }

  /** Accounts that sent money to {@code account}. */
  public Set<AccountId> transferSources(AccountId account) {
    AccountNode node = accounts.get(account);
    return node == null ? Set.of() : Collections.unmodifiableSet(node.in);
  }

  public AccountActivity activity(AccountId account) {
    AccountNode node = accounts.get(account);
    if (node == null) {
      return null;
    }
    Instant first = node.firstSeen == null ? Instant.EPOCH : node.firstSeen;
    Instant last = node.lastSeen == null ? first : node.lastSeen;
    return new AccountActivity(node.events, node.fraudLabelled, node.maxScore, first, last);
  }

  /** The account's linked neighbours with the summed weight of each link, sorted by account. */
  public Map<AccountId, Double> neighbours(AccountId account) {
    AccountNode node = accounts.get(account);
    Map<AccountId, Double> result = new TreeMap<>();
    if (node == null) {
      return result;
    }
    for (SharedIdentifier identifier : node.identifiers) {
      double w = weight(identifier);
      if (w > 0) {
        for (AccountId other : identifiers.get(identifier).members) {
          if (!other.equals(account)) {
            result.merge(other, w, Double::sum);
          }
        }
      }
    }
    Set<AccountId> counterparties = new HashSet<>(node.out.keySet());
    counterparties.addAll(node.in);
    for (AccountId other : counterparties) {
      result.merge(other, settings.transferWeight(), Double::sum);
    }
    return result;
  }

  /**
   * How the transfer relates to its sender's weekly rhythm ({@link SendRhythm}); {@link
   * SendRhythm.Regularity#UNESTABLISHED} for a sender the projection no longer knows.
   */
  public SendRhythm.Regularity regularity(TransferLink transfer) {
    AccountNode node = accounts.get(transfer.from());
    if (node == null || node.rhythm == null) {
      return SendRhythm.Regularity.UNESTABLISHED;
    }
    return node.rhythm.classify(transfer.timestamp());
  }

  /**
   * The share of remembered transfers that keep to their sender's rhythm, 0–1: how routine the
   * population's money flows are, and so how much a departure from routine says. Recomputed when
   * the number of transfers grew by a tenth since the last time, so it costs O(transfers) amortised
   * over as many additions.
   */
  public double rhythmicShare() {
    if (rhythmSampledAt >= 0 && transfersAdded <= rhythmSampledAt + rhythmSampledAt / 10) {
      return rhythmicShare;
    }
    long total = 0;
    long regular = 0;
    for (AccountNode node : accounts.values()) {
      for (ArrayDeque<TransferLink> pair : node.out.values()) {
        for (TransferLink t : pair) {
          total++;
          regular +=
              node.rhythm != null && !node.rhythm.classify(t.timestamp()).irregular() ? 1 : 0;
        }
      }
    }
    rhythmicShare = total == 0 ? 0 : regular / (double) total;
    rhythmSampledAt = transfersAdded;
    return rhythmicShare;
  }

  /** The connected component of {@code start} over current links (itself alone when unlinked). */
  public Set<AccountId> component(AccountId start) {
    Set<AccountId> seen = new HashSet<>();
    if (!accounts.containsKey(start)) {
      return seen;
    }
    ArrayDeque<AccountId> stack = new ArrayDeque<>();
    seen.add(start);
    stack.push(start);
    while (!stack.isEmpty()) {
      AccountId a = stack.pop();
      AccountNode node = accounts.get(a);
      for (SharedIdentifier identifier : node.identifiers) {
        if (weight(identifier) > 0) {
          for (AccountId other : identifiers.get(identifier).members) {
            if (seen.add(other)) {
              stack.push(other);
            }
          }
        }
      }
      for (AccountId other : node.out.keySet()) {
        if (seen.add(other)) {
          stack.push(other);
        }
      }
      for (AccountId other : node.in) {
        if (seen.add(other)) {
          stack.push(other);
        }
      }
    }
    return seen;
  }

  /** The weighted graph induced by {@code members}, vertices and edges inserted in sorted order. */
  public Graph<AccountId, DefaultWeightedEdge> subgraph(Set<AccountId> members) {
    Graph<AccountId, DefaultWeightedEdge> graph =
        new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    TreeSet<AccountId> sorted = new TreeSet<>(members);
    sorted.forEach(graph::addVertex);
    for (AccountId a : sorted) {
      for (Map.Entry<AccountId, Double> link : neighbours(a).entrySet()) {
        AccountId b = link.getKey();
        if (a.compareTo(b) < 0 && graph.containsVertex(b)) {
          DefaultWeightedEdge e = graph.addEdge(a, b);
          graph.setEdgeWeight(e, link.getValue());
        }
      }
    }
    return graph;
  }

  /** Whether anything changed since the last {@link #drainDirty}. */
  public boolean hasDirty() {
    return !dirty.isEmpty();
  }

  public int dirtyCount() {
    return dirty.size();
  }

  /** The accounts changed since the last call, sorted; clears the set. */
  public Set<AccountId> drainDirty() {
    Set<AccountId> drained = new TreeSet<>(dirty);
    dirty.clear();
    return drained;
  }

  /** Marks one account dirty, so that its component is re-clustered; ignored when unknown. */
  public void markDirty(AccountId account) {
    if (accounts.containsKey(account)) {
      dirty.add(account);
    }
  }

  /** Marks every account dirty, for a full recompute. */
  public void markAllDirty() {
    dirty.addAll(accounts.keySet());
  }

  /**
   * Forgets accounts whose last activity is older than the retention before {@code now}, with their
   * identifier memberships and transfers; their neighbours are marked dirty.
   *
   * @return how many accounts were evicted
   */
  public int evictIdle(Instant now) {
    Instant horizon = now.minus(settings.retention());
    List<AccountId> idle = new ArrayList<>();
    for (Map.Entry<AccountId, AccountNode> entry : accounts.entrySet()) {
      Instant last = entry.getValue().lastSeen;
      if (last != null && last.isBefore(horizon)) {
        idle.add(entry.getKey());
      }
    }
    for (AccountId account : idle) {
      dirty.addAll(neighbours(account).keySet());
      AccountNode node = accounts.remove(account);
      for (SharedIdentifier identifier : node.identifiers) {
        IdentifierNode id = identifiers.get(identifier);
        id.members.remove(account);
        id.degree--;
        if (id.degree == 0) {
          identifiers.remove(identifier);
        }
      }
      for (AccountId target : node.out.keySet()) {
        AccountNode other = accounts.get(target);
        if (other != null) {
          other.in.remove(account);
        }
      }
      for (AccountId source : node.in) {
        AccountNode other = accounts.get(source);
        if (other != null) {
          other.out.remove(account);
          other.sent.remove(account);
        }
      }
      dirty.remove(account);
    }
    return idle.size();
  }
}
