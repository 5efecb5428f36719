package io.ringwatch.detectors.features;

import static io.ringwatch.detectors.features.FeatureNames.indexOf;

import io.ringwatch.detectors.domain.Transaction;

/**
 * Long-window spending of accounts and merchants: counts and mean amounts over 7 and 30 days per
 * account, the amount against the account's 30-day mean, and merchant counts over 1, 7 and 30 days
 * (the Handbook's customer spending and terminal volume features, Le Borgne et al. 2022, §3.4).
 * Kept in calendar-day buckets of event time (UTC): the n-day window is the event's day and the n -
 * 1 days before it. The 24-hour mean uses the exact sliding 24-hour window of {@link
 * VelocityWindows}.
 *
 * <p>Per account it also keeps its latest amounts ({@link AmountHistory}, as long as the account
 * pays at least once in 31 days, where the extractor's own reservoir forgets an account idle for
 * two days) for the amount's modified z-score against them, the amount over the largest of them,
 * and how many high amounts (modified z-score above Iglewicz and Hoaglin's outlier cut-off of 3.5)
 * the account paid in the 14 days before: a stolen card is used for several large payments, a
 * customer's one large payment is alone (ADR 22).
 *
 * <p>Memory: at most 32 day buckets per key (those in use), the account's amount reservoir, at most
 * {@code maxKeys} keys per kind, idle keys evicted after 31 days. Cost per event: O(30) additions
 * per key and an O(h log h) sort of the account's {@code h} kept amounts. Not thread-safe: it
 * belongs to one {@link FeatureExtractor}.
 */
final class SpendingProfile {
  private static final long DAY = KnownOutcomes.DAY;
  private static final int DAYS = 32; // a power of two (see Days.slot)

  private static final int ACCOUNT_COUNT_24H = indexOf("account_count_24h");
  private static final int ACCOUNT_SUM_24H = indexOf("account_sum_24h");
  private static final int ACCOUNT_COUNT_7D = indexOf(FeatureNames.ACCOUNT_COUNT_7D);
  private static final int ACCOUNT_COUNT_30D = indexOf(FeatureNames.ACCOUNT_COUNT_30D);
  private static final int ACCOUNT_MEAN_1D = indexOf(FeatureNames.ACCOUNT_MEAN_AMOUNT_1D);
  private static final int ACCOUNT_MEAN_7D = indexOf(FeatureNames.ACCOUNT_MEAN_AMOUNT_7D);
  private static final int ACCOUNT_MEAN_30D = indexOf(FeatureNames.ACCOUNT_MEAN_AMOUNT_30D);
  private static final int ACCOUNT_RATIO_30D = indexOf(FeatureNames.ACCOUNT_AMOUNT_RATIO_30D);
  private static final int MERCHANT_COUNT_1D = indexOf(FeatureNames.MERCHANT_COUNT_1D);
  private static final int MERCHANT_COUNT_7D = indexOf(FeatureNames.MERCHANT_COUNT_7D);
  private static final int MERCHANT_COUNT_30D = indexOf(FeatureNames.MERCHANT_COUNT_30D);

  private static final int ACCOUNT_ZSCORE_KEPT = indexOf(FeatureNames.ACCOUNT_AMOUNT_ZSCORE_KEPT);
  private static final int ACCOUNT_HIGH_AMOUNTS_14D =
      indexOf(FeatureNames.ACCOUNT_HIGH_AMOUNTS_14D);
  private static final int ACCOUNT_AMOUNT_TO_MAX = indexOf(FeatureNames.ACCOUNT_AMOUNT_TO_MAX);

  /** Iglewicz and Hoaglin's outlier cut-off of the modified z-score: above it an amount is high. */
  static final double HIGH_AMOUNT_Z = 3.5;

  private static final long HIGH_AMOUNT_WINDOW = 14 * DAY;

  private final BoundedKeyedState<Object, Days> accounts;
  private final BoundedKeyedState<Object, Days> merchants;
  private final int amountHistory;
  private final int amountMinSample;

  /** The account's or the merchant's totals before the event, reused for every event. */
  private final double[] before = new double[Days.TOTALS];

  SpendingProfile(FeatureSettings settings) {
    accounts = new BoundedKeyedState<>(settings.maxKeys(), (DAYS - 1) * DAY);
    merchants = new BoundedKeyedState<>(settings.maxKeys(), (DAYS - 1) * DAY);
    amountHistory = settings.amountHistory();
    amountMinSample = settings.amountMinSample();
  }

  /**
   * Adds {@code t} and writes its features; the account's 24-hour count and sum must already be in
   * {@code f}.
   */
  void writeTo(Transaction t, long now, double amount, double[] f) {
    if (f[ACCOUNT_COUNT_24H] > 0) {
      f[ACCOUNT_MEAN_1D] = f[ACCOUNT_SUM_24H] / f[ACCOUNT_COUNT_24H];
    }
    Days account = accounts.get(t.account(), now, Days::new);
    long day = Math.floorDiv(now, DAY);
    account.totals(day, before);
    double count30 = before[Days.COUNT_30D];
    f[ACCOUNT_RATIO_30D] = count30 == 0 ? 0 : amount / (before[Days.SUM_30D] / count30);
    account.add(day, now, amount);
    if (account.amounts == null) {
      account.amounts = new AmountHistory(amountHistory, amountMinSample);
    }
    double z = account.amounts.zScore(amount);
    f[ACCOUNT_ZSCORE_KEPT] = z;
    f[ACCOUNT_AMOUNT_TO_MAX] = account.amounts.toMax(amount);
    f[ACCOUNT_HIGH_AMOUNTS_14D] = account.highAmountsSince(now - HIGH_AMOUNT_WINDOW);
    account.amounts.add(amount);
    if (z > HIGH_AMOUNT_Z) {
      if (account.highAmounts.length == 0) {
        account.highAmounts = new long[Days.HIGH_AMOUNTS];
      }
      account.highAmounts[account.highs++ % Days.HIGH_AMOUNTS] = now;
    }
    f[ACCOUNT_COUNT_7D] = before[Days.COUNT_7D] + 1;
    f[ACCOUNT_COUNT_30D] = count30 + 1;
    f[ACCOUNT_MEAN_7D] = (before[Days.SUM_7D] + amount) / (before[Days.COUNT_7D] + 1);
    f[ACCOUNT_MEAN_30D] = (before[Days.SUM_30D] + amount) / (count30 + 1);
    if (t.merchant() != null) {
      Days merchant = merchants.get(t.merchant(), now, Days::new);
      merchant.add(day, now, amount);
      merchant.totals(day, before);
      f[MERCHANT_COUNT_1D] = before[Days.COUNT_1D];
      f[MERCHANT_COUNT_7D] = before[Days.COUNT_7D];
      f[MERCHANT_COUNT_30D] = before[Days.COUNT_30D];
    }
  }

  /**
   * Count and amount sum per calendar day, for the last {@value #DAYS} days; for an account also
   * its latest amounts and the times of its latest high amounts.
   *
   * <p>The days are buckets by {@code day mod DAYS}, a bucket holding the latest day of its residue
   * (an event older than that day is not counted). Only the buckets in use are stored, as entries
   * ordered by day, latest first, in arrays that grow to {@value #DAYS} entries: a key active on
   * two days holds two entries, not {@value #DAYS} buckets, and the totals read the entries in the
   * order of the days they sum (latest first), so they add the same numbers in the same order.
   */
  static final class Days implements BoundedKeyedState.Timed {
    static final int HIGH_AMOUNTS = 32;
    private static final int INITIAL_LENGTH = 2;
    private long[] days = new long[INITIAL_LENGTH];
    private int[] counts = new int[INITIAL_LENGTH];
    private double[] sums = new double[INITIAL_LENGTH];
    private int entries;
    AmountHistory amounts;
    long[] highAmounts = new long[0];
    int highs;
    private long last = Long.MIN_VALUE;

    void add(long day, long now, double amount) {
      last = Math.max(last, now);
      int i = 0;
      while (i < entries && slot(days[i]) != slot(day)) {
        i++;
      }
      if (i == entries || days[i] != day) {
        if (i < entries) {
          if (days[i] > day) {
            return; // older than the buckets kept: a very late event
          }
          // The bucket moves on to a later day: its entry leaves its place in the order.
          System.arraycopy(days, i + 1, days, i, entries - 1 - i);
          System.arraycopy(counts, i + 1, counts, i, entries - 1 - i);
          System.arraycopy(sums, i + 1, sums, i, entries - 1 - i);
          entries--;
        } else if (entries == days.length) {
          int length = Math.min(DAYS, 2 * entries);
          days = java.util.Arrays.copyOf(days, length);
          counts = java.util.Arrays.copyOf(counts, length);
          sums = java.util.Arrays.copyOf(sums, length);
        }
        i = 0;
        while (i < entries && days[i] > day) {
          i++;
        }
        System.arraycopy(days, i, days, i + 1, entries - i);
        System.arraycopy(counts, i, counts, i + 1, entries - i);
        System.arraycopy(sums, i, sums, i + 1, entries - i);
        entries++;
        days[i] = day;
        counts[i] = 0;
        sums[i] = 0;
      }
      counts[i]++;
      sums[i] += amount;
    }

    /** {@code floorMod(day, DAYS)}: DAYS is a power of two, so a mask, for negative days too. */
    private static int slot(long day) {
      return (int) (day & (DAYS - 1));
    }

    static final int COUNT_1D = 0;
    static final int COUNT_7D = 1;
    static final int SUM_7D = 2;
    static final int COUNT_30D = 3;
    static final int SUM_30D = 4;
    static final int TOTALS = 5;

    /** Counts and sums of the windows ending with {@code day} (30 days), latest day first. */
    void totals(long day, double[] out) {
      java.util.Arrays.fill(out, 0);
      for (int i = 0; i < entries; i++) {
        long k = day - days[i];
        if (k < 0) {
          continue; // a day after that of a late event
        }
        if (k >= 30) {
          return; // this day and the rest are older than the window
        }
        if (k == 0) {
          out[COUNT_1D] += counts[i];
        }
        if (k < 7) {
          out[COUNT_7D] += counts[i];
          out[SUM_7D] += sums[i];
        }
        out[COUNT_30D] += counts[i];
        out[SUM_30D] += sums[i];
      }
    }

    /** High amounts paid after {@code horizon}, of the latest {@value #HIGH_AMOUNTS}. */
    int highAmountsSince(long horizon) {
      int n = 0;
      for (int i = 0; i < Math.min(highs, HIGH_AMOUNTS); i++) {
        if (highAmounts[i] > horizon) {
          n++;
        }
      }
      return n;
    }

    @Override
    public long lastEventMillis() {
      return last;
    }
  }
}
