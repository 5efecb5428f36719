package io.ringwatch.detectors.features;

import static io.ringwatch.detectors.features.FeatureNames.indexOf;

import io.ringwatch.detectors.domain.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Label feedback: what the bank already knows about the outcomes of past transactions, as features
 * of new ones. It is the Fraud Detection Handbook's delayed "terminal risk" (Le Borgne et al.,
 * <i>Reproducible Machine Learning for Credit Card Fraud Detection</i>, 2022, §3.4), kept per
 * merchant, account and card:
 *
 * <ul>
 *   <li>per merchant, over the last 1, 7 and 30 days of known outcomes: how many are known and the
 *       share of frauds among them (and the frauds themselves over 1 and 7 days); days since its
 *       latest known fraud; known genuine transactions after that fraud (a compromised terminal
 *       that turned clean); the frauds in its latest run of known frauds (not how many days that
 *       run has lasted: a model learns the compromise length of the data it was trained on from
 *       that and calls a longer compromise over, ADR 22's addendum); distinct accounts among its
 *       known frauds over 30 days (a compromised terminal defrauds many cards);
 *   <li>per account: known frauds and their share over 30 days, days since its latest known fraud,
 *       known genuine transactions after it, days since the start of its latest run of frauds,
 *       distinct merchants among its known frauds; per card: known frauds over 30 days and days
 *       since the latest.
 * </ul>
 *
 * <p><b>Delay, and no leakage.</b> Outcomes arrive through {@link #offer} from any thread (the
 * replay offers each labelled event's outcome, known a label delay after it; the service would
 * offer a chargeback when it arrives). An outcome is applied only when the scoring clock, the
 * latest event time scored, reaches its {@link KnownOutcome#knownAt}; until then no feature sees
 * it. Windows count outcomes by the event time of the transaction they are about, over {@code (now
 * - lag - window, now]}: with outcomes known a fixed {@code lag} after their event, that is exactly
 * the Handbook's window {@code [now - lag - window, now - lag]}, and an outcome that arrives early
 * counts as soon as it is known. When the feedback has stopped ({@link #coverUntil}), windows end
 * at its end instead of {@code now - lag}.
 *
 * <p>Memory: at most {@code maxKeys} keys per kind, {@code maxPerKey} outcomes per key (the oldest
 * leave first) within {@code retention} of event time. Cost per event: the pending outcomes that
 * come due (O(log n) each) plus O(log k) binary searches in the key's k outcomes, and for a key
 * with a recent known fraud a scan of at most 256 of its outcomes (distinct parties, run start).
 * Without any outcome offered every feature keeps its default (0; the days-since ones read the
 * retention in days) and the cost is three map look-ups. Not thread-safe except {@link #offer}: it
 * belongs to one {@link FeatureExtractor}.
 */
public final class KnownOutcomes {
  static final long DAY = 86_400_000L;

  private static final long[] MERCHANT_WINDOWS = {DAY, 7 * DAY, 30 * DAY};
  private static final int MERCHANT_KNOWN_1D = indexOf(FeatureNames.MERCHANT_KNOWN_1D);
  private static final int MERCHANT_DAYS_SINCE_FRAUD =
      indexOf(FeatureNames.MERCHANT_DAYS_SINCE_KNOWN_FRAUD);
  private static final int MERCHANT_BENIGN_AFTER_FRAUD =
      indexOf(FeatureNames.MERCHANT_KNOWN_BENIGN_AFTER_FRAUD);
  private static final int ACCOUNT_FRAUDS_30D = indexOf(FeatureNames.ACCOUNT_KNOWN_FRAUDS_30D);
  private static final int ACCOUNT_SHARE_30D = indexOf(FeatureNames.ACCOUNT_KNOWN_FRAUD_SHARE_30D);
  private static final int ACCOUNT_DAYS_SINCE_FRAUD =
      indexOf(FeatureNames.ACCOUNT_DAYS_SINCE_KNOWN_FRAUD);
  private static final int ACCOUNT_BENIGN_AFTER_FRAUD =
      indexOf(FeatureNames.ACCOUNT_KNOWN_BENIGN_AFTER_FRAUD);
  private static final int ACCOUNT_RUN_DAYS = indexOf(FeatureNames.ACCOUNT_KNOWN_FRAUD_RUN_DAYS);
  private static final int MERCHANT_FRAUD_ACCOUNTS_30D =
      indexOf(FeatureNames.MERCHANT_KNOWN_FRAUD_ACCOUNTS_30D);
  private static final int ACCOUNT_FRAUD_MERCHANTS_30D =
      indexOf(FeatureNames.ACCOUNT_KNOWN_FRAUD_MERCHANTS_30D);
  private static final int MERCHANT_FRAUDS_1D = indexOf(FeatureNames.MERCHANT_KNOWN_FRAUDS_1D);
  private static final int MERCHANT_FRAUDS_7D = indexOf(FeatureNames.MERCHANT_KNOWN_FRAUDS_7D);
  private static final int CARD_FRAUDS_30D = indexOf(FeatureNames.CARD_KNOWN_FRAUDS_30D);
  private static final int CARD_DAYS_SINCE_FRAUD =
      indexOf(FeatureNames.CARD_DAYS_SINCE_KNOWN_FRAUD);
  private static final int MERCHANT_RUN_LENGTH =
      indexOf(FeatureNames.MERCHANT_KNOWN_FRAUD_RUN_LENGTH);
  private static final int MERCHANT_DEFRAUDED_ACCOUNTS_7D =
      indexOf(FeatureNames.MERCHANT_KNOWN_FRAUDS_OF_DEFRAUDED_ACCOUNTS_7D);
  private static final int MERCHANT_UNEXPLAINED_7D =
      indexOf(FeatureNames.MERCHANT_KNOWN_FRAUDS_UNEXPLAINED_7D);

  /**
   * @param maxKeys keys remembered per kind (merchant, account, card), least recently used evicted
   * @param maxPerKey outcomes remembered per key
   * @param lag how long after its event an outcome is usually known: windows end that much earlier
   * @param retention how long an outcome is remembered (at least {@code lag} + 30 days); also the
   *     cap of the days-since features, which read {@code retention} in days when nothing is known
   */
  public record Settings(int maxKeys, int maxPerKey, Duration lag, Duration retention) {
    public Settings {
      if (maxKeys < 1 || maxPerKey < 1) {
        throw new IllegalArgumentException("maxKeys and maxPerKey must be at least 1");
      }
      Objects.requireNonNull(lag, "lag");
      Objects.requireNonNull(retention, "retention");
      if (lag.isNegative()) {
        throw new IllegalArgumentException("lag must not be negative, was " + lag);
      }
      if (retention.compareTo(lag.plusDays(30)) < 0) {
        throw new IllegalArgumentException(
            "retention must cover the lag and the 30-day window, was " + retention);
      }
    }

    /** 100,000 keys per kind, 512 outcomes per key, a lag of {@code lag}, 60 days beyond it. */
    public static Settings withLag(Duration lag) {
      return new Settings(100_000, 512, lag, lag.plusDays(60));
    }

    /** The defaults: outcomes usually known 7 days after the event (the Handbook's delay). */
    public static Settings defaults() {
      return withLag(Duration.ofDays(7));
    }
  }

  private final Settings settings;
  private final long lagMillis;
  private final long retentionMillis;
  private final PriorityQueue<KnownOutcome> pending =
      new PriorityQueue<>(Comparator.comparing(KnownOutcome::knownAt));
  private final BoundedKeyedState<Object, History> merchants;
  private final BoundedKeyedState<Object, History> accounts;
  private final BoundedKeyedState<Object, History> cards;
  private long clock = Long.MIN_VALUE;
  private long applied;
  private long coveredUntil = Long.MAX_VALUE;

  public KnownOutcomes(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.lagMillis = settings.lag().toMillis();
    this.retentionMillis = settings.retention().toMillis();
    this.merchants = new BoundedKeyedState<>(settings.maxKeys(), retentionMillis);
    this.accounts = new BoundedKeyedState<>(settings.maxKeys(), retentionMillis);
    this.cards = new BoundedKeyedState<>(settings.maxKeys(), retentionMillis);
  }

  /** Label feedback with the default settings. */
  public KnownOutcomes() {
    this(Settings.defaults());
  }

  /**
   * Hands in a known outcome; it takes effect once the scoring clock reaches its {@code knownAt}.
   * Thread-safe.
   */
  public void offer(KnownOutcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    synchronized (pending) {
      pending.add(outcome);
    }
  }

  /** Outcomes offered but not yet known at the scoring clock. Thread-safe. */
  public int pending() {
    synchronized (pending) {
      return pending.size();
    }
  }

  /**
   * Declares that outcomes exist only for events up to {@code until} (a labels file's last labelled
   * event; a label feed's watermark). Windows then end at {@code min(now - lag, until)}: once the
   * scoring clock runs more than the lag past {@code until}, the windowed features read the latest
   * outcomes that exist instead of windows with nothing in them, which read "no fraud known here"
   * on a terminal whose compromise was known when the feedback stopped. The days-since features
   * keep counting to now, so the outcomes' age shows. Before that, nothing changes. Not
   * thread-safe: call it before the first event.
   */
  public void coverUntil(Instant until) {
    coveredUntil = until.toEpochMilli();
  }

  /** Outcomes applied so far (known at the scoring clock). */
  public long applied() {
    return applied;
  }

  /** Applies every outcome known at {@code nowMillis}, then writes the features of {@code t}. */
  void writeTo(Transaction t, long nowMillis, double[] f) {
    clock = Math.max(clock, nowMillis);
    release();
    // The end of the windows: the lag before now, or the end of the feedback when it stopped
    // earlier. The days-since features count to now: the outcomes' real age.
    long edge = Math.min(clock - lagMillis, coveredUntil);
    long now = clock;
    History merchant = t.merchant() == null ? null : merchants.peek(t.merchant());
    int at = MERCHANT_KNOWN_1D;
    for (long window : MERCHANT_WINDOWS) {
      if (merchant != null) {
        long from = edge - window;
        int known = merchant.known(from);
        f[at] = known;
        f[at + 1] = known == 0 ? 0 : merchant.frauds(from) / (double) known;
      }
      at += 2;
    }
    if (merchant != null) {
      f[MERCHANT_FRAUDS_1D] = merchant.frauds(edge - DAY);
      f[MERCHANT_FRAUDS_7D] = merchant.frauds(edge - 7 * DAY);
    }
    f[MERCHANT_DAYS_SINCE_FRAUD] = daysSinceFraud(merchant, now);
    f[MERCHANT_BENIGN_AFTER_FRAUD] = merchant == null ? 0 : merchant.benignAfterFraud();
    if (merchant != null && merchant.lastFraud != Long.MIN_VALUE) {
      f[MERCHANT_RUN_LENGTH] = merchant.runLength();
    }

    long month = edge - 30 * DAY;
    if (merchant != null && merchant.lastFraud > month) {
      f[MERCHANT_FRAUD_ACCOUNTS_30D] = merchant.distinctFraudOthers(month);
    }
    long week = edge - 7 * DAY;
    if (merchant != null && merchant.lastFraud > week) {
      int explained = merchant.fraudsOfDefraudedOthers(week, accounts, month);
      f[MERCHANT_DEFRAUDED_ACCOUNTS_7D] = explained;
      f[MERCHANT_UNEXPLAINED_7D] = f[MERCHANT_FRAUDS_7D] - explained;
    }
    History account = accounts.peek(t.account());
    if (account != null && account.lastFraud > month) {
      f[ACCOUNT_FRAUD_MERCHANTS_30D] = account.distinctFraudOthers(month);
    }
    if (account != null) {
      int known = account.known(month);
      f[ACCOUNT_FRAUDS_30D] = account.frauds(month);
      f[ACCOUNT_SHARE_30D] = known == 0 ? 0 : account.frauds(month) / (double) known;
      f[ACCOUNT_BENIGN_AFTER_FRAUD] = account.benignAfterFraud();
    }
    f[ACCOUNT_DAYS_SINCE_FRAUD] = daysSinceFraud(account, now);
    f[ACCOUNT_RUN_DAYS] = daysSince(account == null ? Long.MIN_VALUE : account.runStart(), now);

    History card = t.card() == null ? null : cards.peek(t.card());
    if (card != null) {
      f[CARD_FRAUDS_30D] = card.frauds(month);
    }
    f[CARD_DAYS_SINCE_FRAUD] = daysSinceFraud(card, now);
  }

  private double daysSinceFraud(History history, long now) {
    return daysSince(history == null ? Long.MIN_VALUE : history.lastFraud, now);
  }

  /** Days from {@code time} to {@code now}, capped at the retention (also when there is none). */
  private double daysSince(long time, long now) {
    long cap = retentionMillis;
    if (time == Long.MIN_VALUE) {
      return cap / (double) DAY;
    }
    return Math.min(cap, Math.max(0, now - time)) / (double) DAY;
  }

  private void release() {
    while (true) {
      KnownOutcome due;
      synchronized (pending) {
        KnownOutcome head = pending.peek();
        if (head == null || head.knownAt().toEpochMilli() > clock) {
          return;
        }
        due = pending.poll();
      }
      apply(due);
    }
  }

  private void apply(KnownOutcome o) {
    long time = o.eventTime().toEpochMilli();
    if (time <= clock - retentionMillis) {
      return;
    }
    if (o.merchant() != null) {
      merchants.get(o.merchant(), clock, this::newHistory).add(time, o.fraud(), o.account(), clock);
    }
    accounts.get(o.account(), clock, this::newHistory).add(time, o.fraud(), o.merchant(), clock);
    if (o.card() != null) {
      cards.get(o.card(), clock, this::newHistory).add(time, o.fraud(), o.merchant(), clock);
    }
    applied++;
  }

  private History newHistory() {
    return new History(settings.maxPerKey(), retentionMillis);
  }

  /**
   * One key's known outcomes sorted by event time, with running fraud counts so that any window's
   * count and frauds are two binary searches away.
   */
  private static final class History implements BoundedKeyedState.Timed {
    private static final int MAX_RUN = 256;
    private final int capacity;
    private final long retention;
    private long[] times = new long[8];

    /** cumulative[i] = frauds among entries head..i, plus {@link #before}. */
    private int[] cumulative = new int[8];

    private boolean[] frauds = new boolean[8];

    /**
     * The other side of each outcome: the account of a merchant's, the merchant of an account's.
     */
    private Object[] others = new Object[8];

    private int head;
    private int end;
    private int before;
    long lastFraud = Long.MIN_VALUE;
    private long lastChange = Long.MIN_VALUE;

    History(int capacity, long retention) {
      this.capacity = capacity;
      this.retention = retention;
    }

    void add(long time, boolean fraud, Object other, long now) {
      lastChange = now;
      while (head < end && (times[head] <= now - retention || end - head >= capacity)) {
        before = cumulative[head];
        others[head] = null;
        head++;
      }
      if (end == times.length) {
        compactOrGrow();
      }
      int at = end;
      while (at > head && times[at - 1] > time) {
        at--;
      }
      System.arraycopy(times, at, times, at + 1, end - at);
      System.arraycopy(frauds, at, frauds, at + 1, end - at);
      System.arraycopy(others, at, others, at + 1, end - at);
      times[at] = time;
      others[at] = other;
      frauds[at] = fraud;
      end++;
      for (int i = at; i < end; i++) {
        cumulative[i] = (i == head ? before : cumulative[i - 1]) + (frauds[i] ? 1 : 0);
      }
      if (fraud) {
        lastFraud = Math.max(lastFraud, time);
      }
    }

    private void compactOrGrow() {
      int live = end - head;
      int length = live * 2 > times.length ? times.length * 2 : times.length;
      long[] t = new long[length];
      int[] c = new int[length];
      boolean[] b = new boolean[length];
      Object[] o = new Object[length];
      System.arraycopy(times, head, t, 0, live);
      System.arraycopy(cumulative, head, c, 0, live);
      System.arraycopy(frauds, head, b, 0, live);
      System.arraycopy(others, head, o, 0, live);
      others = o;
      times = t;
      cumulative = c;
      frauds = b;
      head = 0;
      end = live;
    }

    /** First index whose event time is after {@code from}. */
    private int after(long from) {
      int lo = head;
      int hi = end;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (times[mid] <= from) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    private int cumulativeBefore(int index) {
      return index == head ? before : cumulative[index - 1];
    }

    /** Outcomes known about events after {@code from}. */
    int known(long from) {
      return end - after(from);
    }

    /** Frauds known among events after {@code from}. */
    int frauds(long from) {
      return cumulativeBefore(end) - cumulativeBefore(after(from));
    }

    /**
     * Event time of the first fraud of the latest run of known frauds (no known genuine outcome
     * between them), looking back at most {@value #MAX_RUN} outcomes; MIN_VALUE without a fraud.
     */
    long runStart() {
      if (lastFraud == Long.MIN_VALUE) {
        return Long.MIN_VALUE;
      }
      int i = after(lastFraud) - 1;
      long start = lastFraud;
      for (int n = 0; i >= head && n < MAX_RUN && frauds[i]; i--, n++) {
        start = times[i];
      }
      return start;
    }

    /**
     * Known frauds in the latest run of known frauds (see {@link #runStart}), at most {@value
     * #MAX_RUN}; 0 without a fraud.
     */
    int runLength() {
      if (lastFraud == Long.MIN_VALUE) {
        return 0;
      }
      int n = 0;
      for (int i = after(lastFraud) - 1; i >= head && n < MAX_RUN && frauds[i]; i--) {
        n++;
      }
      return n;
    }

    /**
     * Distinct other sides (accounts of a merchant's, merchants of an account's) among the known
     * frauds after {@code from}, looking at the newest {@value #MAX_RUN} outcomes at most: a
     * compromised terminal defrauds many cards, a compromised card many terminals.
     */
    int distinctFraudOthers(long from) {
      java.util.Set<Object> seen = new java.util.HashSet<>(4);
      int first = after(from);
      for (int i = end - 1, n = 0; i >= first && n < MAX_RUN; i--, n++) {
        if (frauds[i] && others[i] != null) {
          seen.add(others[i]);
        }
      }
      return seen.size();
    }

    /**
     * Known frauds after {@code from} whose other side (the account of a merchant's fraud) has
     * known frauds after {@code since} at two or more distinct parties of its own: frauds that a
     * compromised card explains, rather than a compromised terminal. Looks at the newest {@value
     * #MAX_RUN} outcomes at most.
     */
    int fraudsOfDefraudedOthers(
        long from, BoundedKeyedState<Object, History> histories, long since) {
      int n = 0;
      int first = after(from);
      for (int i = end - 1, k = 0; i >= first && k < MAX_RUN; i--, k++) {
        if (frauds[i] && others[i] != null) {
          History other = histories.peek(others[i]);
          if (other != null && other.lastFraud > since && other.fraudsAtTwoOthers(since)) {
            n++;
          }
        }
      }
      return n;
    }

    /** True when the known frauds after {@code from} involve two or more distinct other sides. */
    boolean fraudsAtTwoOthers(long from) {
      Object seen = null;
      int first = after(from);
      for (int i = end - 1, n = 0; i >= first && n < MAX_RUN; i--, n++) {
        if (frauds[i] && others[i] != null) {
          if (seen == null) {
            seen = others[i];
          } else if (!seen.equals(others[i])) {
            return true;
          }
        }
      }
      return false;
    }

    /** Genuine outcomes known about events after the latest known fraud; 0 without one. */
    int benignAfterFraud() {
      return lastFraud == Long.MIN_VALUE ? 0 : known(lastFraud);
    }

    @Override
    public long lastEventMillis() {
      return lastChange;
    }
  }
}
