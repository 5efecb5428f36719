package io.ringwatch.detectors.features;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link GraphFeatureLookup} fed from the event stream: which accounts used each device and IP,
 * and which accounts are in a known ring (kept current by the ring tracker through {@link
 * #ringsChanged}; an account in several rings gets the highest score).
 *
 * <p>Bounded: at most {@code maxKeys} devices and as many IPs (least recently used evicted after 30
 * days of event-time idleness or beyond the bound), at most {@code maxAccountsPerKey} accounts
 * remembered per device or IP (the count saturates there: a public IP shared by thousands is
 * already as suspicious as it gets). Lookups cost O(min(accounts on the device, 64)). Not
 * thread-safe, except {@link #ringsChanged}, {@link #markRing} and {@link #clearRing}, which
 * another thread may call.
 */
public final class InMemoryGraphFeatures implements GraphFeatureLookup {
  private static final long IDLE_MILLIS = 30L * 24 * 3600 * 1000;
  private static final int RING_SCAN_LIMIT = 64;

  private final int maxAccountsPerKey;
  private final BoundedKeyedState<Object, Accounts> byDevice;
  private final BoundedKeyedState<Object, Accounts> byIp;
  private final Map<AccountId, Double> ringScores = new ConcurrentHashMap<>();
  // Guarded by itself: the active rings' members and scores, from which ringScores is derived.
  private final Map<RingId, Set<AccountId>> ringMembers = new HashMap<>();
  private final Map<AccountId, Map<RingId, Double>> membership = new HashMap<>();

  /** The transaction {@link #observe} saw last and the states it updated (null when absent). */
  private Transaction observed;

  private Accounts observedDevice;
  private Accounts observedIp;

  public InMemoryGraphFeatures(int maxKeys, int maxAccountsPerKey) {
    if (maxAccountsPerKey < 1) {
      throw new IllegalArgumentException("maxAccountsPerKey must be at least 1");
    }
    this.maxAccountsPerKey = maxAccountsPerKey;
    this.byDevice = new BoundedKeyedState<>(maxKeys, IDLE_MILLIS);
    this.byIp = new BoundedKeyedState<>(maxKeys, IDLE_MILLIS);
  }

  /** Records that {@code account} is in a ring whose score (0–1) is {@code score}. */
  public void markRing(AccountId account, double score) {
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("ring score must be in [0, 1], was " + score);
    }
    ringScores.put(account, score);
  }

  /** Records that {@code account} is no longer in any known ring. */
  public void clearRing(AccountId account) {
    ringScores.remove(account);
  }

  @Override
  public void ringsChanged(Collection<Ring> rings) {
    synchronized (ringMembers) {
      for (Ring ring : rings) {
        Set<AccountId> now = ring.isActive() ? ring.memberIds() : Set.of();
        double score = Math.max(0, Math.min(1, ring.score()));
        for (AccountId gone : ringMembers.getOrDefault(ring.id(), Set.of())) {
          if (!now.contains(gone)) {
            leave(gone, ring.id());
          }
        }
        for (AccountId member : now) {
          Map<RingId, Double> rs = membership.computeIfAbsent(member, k -> new HashMap<>(2));
          rs.put(ring.id(), score);
          ringScores.put(member, max(rs));
        }
        if (now.isEmpty()) {
          ringMembers.remove(ring.id());
        } else {
          ringMembers.put(ring.id(), Set.copyOf(now));
        }
      }
    }
  }

  private void leave(AccountId account, RingId ring) {
    Map<RingId, Double> rs = membership.get(account);
    if (rs == null) {
      return;
    }
    rs.remove(ring);
    if (rs.isEmpty()) {
      membership.remove(account);
      ringScores.remove(account);
    } else {
      ringScores.put(account, max(rs));
    }
  }

  private static double max(Map<RingId, Double> scores) {
    double max = 0;
    for (double s : scores.values()) {
      max = Math.max(max, s);
    }
    return max;
  }

  @Override
  public void observe(Transaction t) {
    long now = t.timestamp().toEpochMilli();
    observedDevice = null;
    observedIp = null;
    if (t.device() != null) {
      observedDevice = byDevice.get(t.device(), now, Accounts::new);
      observedDevice.add(t.account(), now, maxAccountsPerKey);
    }
    if (t.ip() != null) {
      observedIp = byIp.get(t.ip(), now, Accounts::new);
      observedIp.add(t.account(), now, maxAccountsPerKey);
    }
    observed = t;
  }

  @Override
  public GraphFeatures lookup(Transaction t) {
    // The transaction just observed: its device's and IP's states are at hand (a peek would find
    // the same ones, already most recently used).
    boolean justObserved = t == observed;
    Accounts onDevice =
        t.device() == null ? null : justObserved ? observedDevice : byDevice.peek(t.device());
    Accounts onIp = t.ip() == null ? null : justObserved ? observedIp : byIp.peek(t.ip());
    double ringScore = 0;
    boolean mateInRing = false;
    if (onDevice != null && !ringScores.isEmpty()) {
      int scanned = Math.min(onDevice.size(), RING_SCAN_LIMIT);
      for (int i = 0; i < scanned; i++) {
        AccountId mate = onDevice.get(i);
        Double score = mate.equals(t.account()) ? null : ringScores.get(mate);
        if (score != null) {
          mateInRing = true;
          ringScore = Math.max(ringScore, score);
        }
      }
    }
    boolean counterpartyInRing = false;
    if (t.counterparty() != null) {
      Double score = ringScores.get(t.counterparty());
      if (score != null) {
        counterpartyInRing = true;
        ringScore = Math.max(ringScore, score);
      }
    }
    Double own = ringScores.get(t.account());
    if (own != null) {
      ringScore = Math.max(ringScore, own);
    }
    return new GraphFeatures(
        onDevice == null ? 0 : onDevice.size(),
        onIp == null ? 0 : onIp.size(),
        mateInRing,
        counterpartyInRing,
        ringScore);
  }

  /** Number of devices and IPs currently remembered. */
  public int keys() {
    return byDevice.size() + byIp.size();
  }

  /**
   * The accounts seen on one device or IP, in the order first seen: an array scanned while it is
   * short and indexed by an open-addressing table of positions once it is longer (most devices have
   * one account), instead of a {@code LinkedHashSet} with an entry object per account.
   */
  private static final class Accounts implements BoundedKeyedState.Timed {
    private static final int SCANNED = 8;
    private static final AccountId[] NONE = {};

    private AccountId[] accounts = NONE;
    private int size;

    /** Position + 1 of each account by its hash (linear probing, at most half full), or null. */
    private int[] index;

    private long last = Long.MIN_VALUE;

    void add(AccountId account, long now, int max) {
      last = Math.max(last, now);
      if (size < max && !contains(account)) {
        if (size == accounts.length) {
          accounts = java.util.Arrays.copyOf(accounts, Math.max(2, 2 * size));
        }
        accounts[size++] = account;
        if (index != null || size > SCANNED) {
          if (index == null || 2 * size > index.length) {
            reindex();
          } else {
            indexAt(size - 1);
          }
        }
      }
    }

    private boolean contains(AccountId account) {
      if (index == null) {
        for (int i = 0; i < size; i++) {
          if (accounts[i].equals(account)) {
            return true;
          }
        }
        return false;
      }
      int m = index.length - 1;
      for (int i = spread(account.hashCode()) & m; index[i] != 0; i = (i + 1) & m) {
        if (accounts[index[i] - 1].equals(account)) {
          return true;
        }
      }
      return false;
    }

    private void reindex() {
      index = new int[Integer.highestOneBit(4 * size - 1) * 2];
      for (int p = 0; p < size; p++) {
        indexAt(p);
      }
    }

    private void indexAt(int position) {
      int m = index.length - 1;
      int i = spread(accounts[position].hashCode()) & m;
      while (index[i] != 0) {
        i = (i + 1) & m;
      }
      index[i] = position + 1;
    }

    private static int spread(int h) {
      return h ^ (h >>> 16);
    }

    int size() {
      return size;
    }

    AccountId get(int position) {
      return accounts[position];
    }

    @Override
    public long lastEventMillis() {
      return last;
    }
  }
}
