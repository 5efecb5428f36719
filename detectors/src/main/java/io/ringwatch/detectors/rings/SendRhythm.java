package io.ringwatch.detectors.rings;

import java.time.Instant;
import java.util.Arrays;

/**
 * The weekly rhythm of one account's outgoing transfers, and whether a given transfer keeps to it.
 *
 * <p>Accounts that pay routinely (rent, payroll, standing orders, a supplier every Friday) send on
 * the same days of the week, week after week. A day of the week is part of the account's rhythm
 * when the account sent on it in at least {@value #MIN_WEEKS} different weeks and in at least
 * {@value #MIN_SHARE_PERCENT}% of the weeks its sending spans. A transfer is then:
 *
 * <ul>
 *   <li>{@link Regularity#UNESTABLISHED} when the account has no rhythm at all (a new, dormant or
 *       one-off sender, or a burst of sends within a few weeks);
 *   <li>{@link Regularity#OFF_RHYTHM} when it falls on a day of the week outside the rhythm;
 *   <li>{@link Regularity#EXCESS} when it falls on a rhythm day that carries more sends than that
 *       day usually does (its median);
 *   <li>{@link Regularity#REGULAR} otherwise.
 * </ul>
 *
 * Laundering moves money through accounts outside their routine, so a transfer that is not regular
 * is the raw material of the {@link OffRhythmFlows} typologies.
 *
 * <p>Memory: one (day, count) entry per day with sends, the newest {@value #MAX_DAYS} days. {@link
 * #record} costs O(1) amortised; {@link #classify} costs O(days) after a change, O(log days)
 * otherwise. Not thread-safe; the projection owns it.
 */
public final class SendRhythm {
  /** How a transfer relates to its sender's rhythm. */
  public enum Regularity {
    /** The sender has no weekly rhythm (too few weeks of sending). */
    UNESTABLISHED,
    /** On a day of the week the sender does not usually send on. */
    OFF_RHYTHM,
    /** On a rhythm day that carries more sends than usual. */
    EXCESS,
    /** On a rhythm day, within its usual number of sends. */
    REGULAR;

    /** Whether the transfer departs from the sender's routine. */
    public boolean irregular() {
      return this != REGULAR;
    }
  }

  static final int PERIOD_DAYS = 7;
  static final int MIN_WEEKS = 4;
  static final int MIN_SHARE_PERCENT = 30;
  static final int MAX_DAYS = 512;

  private long[] days = new long[4];
  private int[] counts = new int[4];
  private int size;
  // Summary, recomputed lazily: usual sends per rhythm day of the week, 0 for a day off rhythm.
  private int[] usual;

  /** Records one outgoing transfer at {@code at}. */
  void record(Instant at) {
    long day = Math.floorDiv(at.getEpochSecond(), 86_400L);
    usual = null;
    int i = Arrays.binarySearch(days, 0, size, day);
    if (i >= 0) {
      counts[i]++;
      return;
    }
    int at0 = -i - 1;
    if (size == days.length) {
      int grown = Math.min(MAX_DAYS, days.length * 2);
      if (grown > days.length) {
        days = Arrays.copyOf(days, grown);
        counts = Arrays.copyOf(counts, grown);
      }
    }
    if (size == days.length) {
      // Full: forget the oldest day (unless the new one is older still).
      if (at0 == 0) {
        return;
      }
      System.arraycopy(days, 1, days, 0, at0 - 1);
      System.arraycopy(counts, 1, counts, 0, at0 - 1);
      days[at0 - 1] = day;
      counts[at0 - 1] = 1;
      return;
    }
    System.arraycopy(days, at0, days, at0 + 1, size - at0);
    System.arraycopy(counts, at0, counts, at0 + 1, size - at0);
    days[at0] = day;
    counts[at0] = 1;
    size++;
  }

  /** How many sends were recorded (within the remembered days). */
  public int sends() {
    int total = 0;
    for (int i = 0; i < size; i++) {
      total += counts[i];
    }
    return total;
  }

  /** Whether the account has a weekly rhythm. */
  public boolean established() {
    int[] u = summary();
    for (int v : u) {
      if (v > 0) {
        return true;
      }
    }
    return false;
  }

  /** How a transfer sent at {@code at} relates to the rhythm. */
  public Regularity classify(Instant at) {
    int[] u = summary();
    if (!established()) {
      return Regularity.UNESTABLISHED;
    }
    long day = Math.floorDiv(at.getEpochSecond(), 86_400L);
    int phase = (int) Math.floorMod(day, (long) PERIOD_DAYS);
    if (u[phase] == 0) {
      return Regularity.OFF_RHYTHM;
    }
    int i = Arrays.binarySearch(days, 0, size, day);
    int count = i >= 0 ? counts[i] : 1;
    return count > u[phase] ? Regularity.EXCESS : Regularity.REGULAR;
  }

  private int[] summary() {
    if (usual != null) {
      return usual;
    }
    int[] u = new int[PERIOD_DAYS];
    if (size > 0) {
      long spanWeeks =
          Math.floorDiv(days[size - 1], (long) PERIOD_DAYS)
              - Math.floorDiv(days[0], (long) PERIOD_DAYS)
              + 1;
      int[][] perPhase = new int[PERIOD_DAYS][];
      int[] filled = new int[PERIOD_DAYS];
      for (int i = 0; i < size; i++) {
        filled[(int) Math.floorMod(days[i], (long) PERIOD_DAYS)]++;
      }
      for (int p = 0; p < PERIOD_DAYS; p++) {
        perPhase[p] = new int[filled[p]];
        filled[p] = 0;
      }
      for (int i = 0; i < size; i++) {
        int p = (int) Math.floorMod(days[i], (long) PERIOD_DAYS);
        perPhase[p][filled[p]++] = counts[i];
      }
      for (int p = 0; p < PERIOD_DAYS; p++) {
        // One day per week per phase: the number of days is the number of distinct weeks.
        int weeks = perPhase[p].length;
        if (weeks >= MIN_WEEKS && weeks * 100L >= MIN_SHARE_PERCENT * spanWeeks) {
          int[] sorted = perPhase[p].clone();
          Arrays.sort(sorted);
          u[p] = sorted[(sorted.length - 1) / 2];
        }
      }
    }
    usual = u;
    return u;
  }
}
