package io.ringwatch.detectors.features;

import static io.ringwatch.detectors.features.FeatureNames.indexOf;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Computes the {@link FeatureVector} of each event from bounded keyed state, in event time, and
 * updates that state with the event: velocity per account, card, device and IP over four sliding
 * windows ({@link VelocityWindows}), the amount's robust z-score against the account's recent
 * amounts ({@link AmountHistory}), Benford first-digit deviation per account and per merchant
 * ({@link BenfordCounter}), novelty of the device, IP and location for the account, location
 * changes in the last hour, the graph features of a {@link GraphFeatureLookup}, long-window
 * spending ({@link SpendingProfile}) and label feedback ({@link KnownOutcomes}).
 *
 * <p>Every call to {@link #extract} changes state: call it exactly once per accepted event (the
 * {@code Scorer} guarantees that). Not thread-safe: one instance per key range, like the graph
 * writer. Cost per event: O(1) amortised plus an O(h log h) sort of the account's {@code h} recent
 * amounts.
 */
public final class FeatureExtractor {
  private static final long HOUR = 3_600_000L;
  private static final int LOCATION_CHANGES = 32;

  private static final int AMOUNT = indexOf(FeatureNames.AMOUNT);
  private static final int AMOUNT_ZSCORE = indexOf(FeatureNames.AMOUNT_ZSCORE);
  private static final int ACCOUNT_HISTORY_N = indexOf(FeatureNames.ACCOUNT_HISTORY_N);
  private static final int ACCOUNT_BENFORD_MAD = indexOf(FeatureNames.ACCOUNT_BENFORD_MAD);
  private static final int ACCOUNT_BENFORD_N = indexOf(FeatureNames.ACCOUNT_BENFORD_N);
  private static final int MERCHANT_BENFORD_MAD = indexOf(FeatureNames.MERCHANT_BENFORD_MAD);
  private static final int MERCHANT_BENFORD_N = indexOf(FeatureNames.MERCHANT_BENFORD_N);
  private static final int ACCOUNT_NEW = indexOf(FeatureNames.ACCOUNT_NEW);
  private static final int DEVICE_NEW = indexOf(FeatureNames.DEVICE_NEW_FOR_ACCOUNT);
  private static final int IP_NEW = indexOf(FeatureNames.IP_NEW_FOR_ACCOUNT);
  private static final int LOCATION_NEW = indexOf(FeatureNames.LOCATION_NEW_FOR_ACCOUNT);
  private static final int LOCATION_CHANGES_1H = indexOf(FeatureNames.ACCOUNT_LOCATION_CHANGES_1H);
  private static final int SHARING_DEVICE = indexOf(FeatureNames.ACCOUNTS_SHARING_DEVICE);
  private static final int SHARING_IP = indexOf(FeatureNames.ACCOUNTS_SHARING_IP);
  private static final int MATE_IN_RING = indexOf(FeatureNames.DEVICE_MATE_IN_RING);
  private static final int COUNTERPARTY_IN_RING = indexOf(FeatureNames.COUNTERPARTY_IN_RING);
  private static final int RING_SCORE = indexOf(FeatureNames.RING_SCORE);
  private static final int ACCOUNT_EXPECTED_10M = indexOf(FeatureNames.ACCOUNT_EXPECTED_10M);
  private static final int CARD_EXPECTED_10M = indexOf(FeatureNames.CARD_EXPECTED_10M);

  private final FeatureSettings settings;
  private final GraphFeatureLookup graph;
  private final BoundedKeyedState<AccountId, AccountState> accounts;

  /** The key kinds other than the account, in declaration order, and their states. */
  private static final KeyKind[] OTHER_KINDS = {KeyKind.CARD, KeyKind.DEVICE, KeyKind.IP};

  private final List<BoundedKeyedState<Object, KeyState>> others = new ArrayList<>();
  private final BoundedKeyedState<MerchantId, MerchantState> merchants;
  private final SpendingProfile spending;
  private final KnownOutcomes outcomes;

  /** Creators of a new key's state, built once (a capturing lambda per event would allocate). */
  private final Supplier<AccountState> newAccount;

  private final Supplier<KeyState> newKey;
  private final Supplier<MerchantState> newMerchant;

  /** The values of {@link #extractTransient}'s vector, reused for every event. */
  private final double[] scratch = new double[FeatureNames.size()];

  private final FeatureVector transientVector = FeatureVector.owning(scratch);

  /** An extractor without label feedback: the label-fed features stay at their defaults. */
  public FeatureExtractor(FeatureSettings settings, GraphFeatureLookup graph) {
    this(settings, graph, new KnownOutcomes());
  }

  /**
   * @param outcomes the label feedback this extractor reads (and applies as its clock reaches each
   *     outcome's time); whoever learns outcomes offers them to it
   */
  public FeatureExtractor(
      FeatureSettings settings, GraphFeatureLookup graph, KnownOutcomes outcomes) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.graph = Objects.requireNonNull(graph, "graph");
    this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    this.spending = new SpendingProfile(settings);
    this.accounts = new BoundedKeyedState<>(settings.maxKeys(), settings.idleMillis());
    for (int k = 0; k < OTHER_KINDS.length; k++) {
      others.add(new BoundedKeyedState<>(settings.maxKeys(), settings.idleMillis()));
    }
    this.merchants = new BoundedKeyedState<>(settings.maxKeys(), settings.idleMillis());
    this.newAccount = () -> new AccountState(settings);
    this.newKey = () -> new KeyState(settings);
    this.newMerchant = () -> new MerchantState(settings);
  }

  /** Features of {@code t} as of its event time, with {@code t} itself counted; updates state. */
  public FeatureVector extract(Transaction t) {
    double[] f = new double[FeatureNames.size()];
    extractInto(t, f);
    return FeatureVector.owning(f);
  }

  /**
   * As {@link #extract}, but into a vector this extractor owns and overwrites at its next {@code
   * extract} or {@code extractTransient}: for a caller that reads the features within the call and
   * keeps none of them (the {@code Scorer}: its model and rules read the vector and keep nothing),
   * which saves the event's feature array, the largest allocation per event.
   */
  public FeatureVector extractTransient(Transaction t) {
    Arrays.fill(scratch, 0);
    extractInto(t, scratch);
    FeatureVector.checkFinite(scratch);
    return transientVector;
  }

  /** Computes the features of {@code t} into {@code f} (all zero on entry) and updates state. */
  private void extractInto(Transaction t, double[] f) {
    long now = t.timestamp().toEpochMilli();
    double amount = t.amount().doubleValue();

    AccountState account = accounts.get(t.account(), now, newAccount);
    boolean known = account.events > 0;
    account.velocity.add(now, amount, KeyKind.ACCOUNT.valueA(t), KeyKind.ACCOUNT.valueB(t));
    account.velocity.writeTo(KeyKind.ACCOUNT, f);
    writeBaseline(account.velocity, ACCOUNT_EXPECTED_10M, f);
    for (int k = 0; k < OTHER_KINDS.length; k++) {
      KeyKind kind = OTHER_KINDS[k];
      Object key = kind.key(t);
      if (key != null) {
        KeyState state = others.get(k).get(key, now, newKey);
        state.velocity.add(now, amount, kind.valueA(t), kind.valueB(t));
        state.velocity.writeTo(kind, f);
        if (kind == KeyKind.CARD) {
          writeBaseline(state.velocity, CARD_EXPECTED_10M, f);
        }
      }
    }

    f[AMOUNT] = amount;
    f[AMOUNT_ZSCORE] = account.amounts.zScore(amount);
    f[ACCOUNT_HISTORY_N] = account.amounts.size();
    account.amounts.add(amount);

    account.benford.add(amount);
    if (account.benford.sampleSize() >= settings.benfordMinSample()) {
      f[ACCOUNT_BENFORD_MAD] = account.benford.mad();
    }
    f[ACCOUNT_BENFORD_N] = account.benford.sampleSize();
    if (t.merchant() != null) {
      MerchantState merchant = merchants.get(t.merchant(), now, newMerchant);
      merchant.last = Math.max(merchant.last, now);
      merchant.benford.add(amount);
      if (merchant.benford.sampleSize() >= settings.benfordMinSample()) {
        f[MERCHANT_BENFORD_MAD] = merchant.benford.mad();
      }
      f[MERCHANT_BENFORD_N] = merchant.benford.sampleSize();
    }

    // Novelty only means something for an account with history: for a new account everything
    // is new, and account_new says so once.
    f[ACCOUNT_NEW] = known ? 0 : 1;
    f[DEVICE_NEW] = t.device() != null && account.devices.add(t.device()) && known ? 1 : 0;
    f[IP_NEW] = t.ip() != null && account.ips.add(t.ip()) && known ? 1 : 0;
    if (t.location() != null) {
      f[LOCATION_NEW] = account.locations.add(t.location()) && known ? 1 : 0;
      if (account.lastLocation != null && !account.lastLocation.equals(t.location())) {
        if (account.locationChanges.length == 0) {
          account.locationChanges = new long[LOCATION_CHANGES];
        }
        account.locationChanges[account.changes++ % LOCATION_CHANGES] = now;
      }
      account.lastLocation = t.location();
    }
    f[LOCATION_CHANGES_1H] = account.locationChangesSince(account.velocity.clock() - HOUR);
    account.events++;

    graph.observe(t);
    GraphFeatures g = graph.lookup(t);
    f[SHARING_DEVICE] = g.accountsSharingDevice();
    f[SHARING_IP] = g.accountsSharingIp();
    f[MATE_IN_RING] = g.deviceMateInRing() ? 1 : 0;
    f[COUNTERPARTY_IN_RING] = g.counterpartyInRing() ? 1 : 0;
    f[RING_SCORE] = g.ringScore();

    spending.writeTo(t, now, amount, f);
    outcomes.writeTo(t, now, f);
  }

  /** Writes expected_10m, velocity_z_1m and velocity_z_10m from {@code at} on. */
  private static void writeBaseline(VelocityWindows velocity, int at, double[] f) {
    double rate = VelocityBaseline.ratePerMilli(velocity);
    double expected10m = rate * Window.TEN_MINUTES.millis();
    f[at] = expected10m;
    f[at + 1] =
        VelocityBaseline.z(
            velocity.count(Window.ONE_MINUTE) - 1, rate * Window.ONE_MINUTE.millis());
    f[at + 2] = VelocityBaseline.z(velocity.count(Window.TEN_MINUTES) - 1, expected10m);
  }

  /** The label feedback this extractor reads. */
  public KnownOutcomes outcomes() {
    return outcomes;
  }

  /** Keys currently held, summed over every key kind. */
  public int keys() {
    int keys = accounts.size() + merchants.size();
    for (BoundedKeyedState<Object, KeyState> state : others) {
      keys += state.size();
    }
    return keys;
  }

  /** Keys evicted so far (idle or beyond the bound), summed over every key kind. */
  public long evictions() {
    long evictions = accounts.evictions() + merchants.evictions();
    for (BoundedKeyedState<Object, KeyState> state : others) {
      evictions += state.evictions();
    }
    return evictions;
  }

  /** State of a card, device or IP: its velocity. */
  private static final class KeyState implements BoundedKeyedState.Timed {
    final VelocityWindows velocity;

    KeyState(FeatureSettings settings) {
      velocity = new VelocityWindows(settings.maxEventsPerKey());
    }

    @Override
    public long lastEventMillis() {
      return velocity.clock();
    }
  }

  /** State of a merchant: its first digits. */
  private static final class MerchantState implements BoundedKeyedState.Timed {
    final BenfordCounter benford;
    long last = Long.MIN_VALUE;

    MerchantState(FeatureSettings settings) {
      benford = new BenfordCounter(settings.benfordMaxSample());
    }

    @Override
    public long lastEventMillis() {
      return last;
    }
  }

  private static final long[] NONE = {};

  /** Everything remembered about one account. */
  private static final class AccountState implements BoundedKeyedState.Timed {
    final VelocityWindows velocity;
    final AmountHistory amounts;
    final BenfordCounter benford;
    final RecentSet<Object> devices;
    final RecentSet<Object> ips;
    final RecentSet<String> locations;

    /** Times of the latest location changes; allocated at the first change. */
    long[] locationChanges = NONE;

    int changes;
    String lastLocation;
    long events;

    AccountState(FeatureSettings settings) {
      velocity = new VelocityWindows(settings.maxEventsPerKey());
      amounts = new AmountHistory(settings.amountHistory(), settings.amountMinSample());
      benford = new BenfordCounter(settings.benfordMaxSample());
      devices = new RecentSet<>(settings.noveltyMemory());
      ips = new RecentSet<>(settings.noveltyMemory());
      locations = new RecentSet<>(settings.noveltyMemory());
    }

    int locationChangesSince(long horizon) {
      int n = 0;
      for (int i = 0; i < Math.min(changes, LOCATION_CHANGES); i++) {
        if (locationChanges[i] > horizon) {
          n++;
        }
      }
      return n;
    }

    @Override
    public long lastEventMillis() {
      return velocity.clock();
    }
  }
}
