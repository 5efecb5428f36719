package io.ringwatch.service.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets the graph writer step back while {@code POST /detect} is busy (ADR 0024).
 *
 * <p>Every {@code /detect} answer is already durable on the broker before it is given (ADR 0019);
 * writing it into the graph can wait. On a small machine the graph write (about half a millisecond
 * of a core per event) competes with the request path for the same cores, and at a few hundred
 * requests a second it is what pushes the endpoint's tail from milliseconds to seconds. So while
 * the endpoint answers at least {@code busyRate} requests a second, the Kafka listener pauses after
 * each batch for {@code yieldFactor} times as long as the batch took: with the default 3 the writer
 * uses at most a quarter of its thread's time and the backlog waits, durable, in Kafka. It never
 * yields once {@code pendingLimit} answered events await their graph commit (the writer then runs
 * flat out, so the read-your-writes hold of {@code /detect} stays bounded), and no pause exceeds
 * {@code maxPauseNanos}. When the endpoint goes quiet the writer catches up at full speed.
 *
 * <p>Plain code: the clock and the figures are passed in.
 */
public final class IngestPacer {
  private final double yieldFactor;
  private final int busyRate;
  private final int pendingLimit;
  private final long maxPauseNanos;

  /**
   * @param yieldFactor pause per unit of batch time while busy; 0 turns pacing off
   * @param busyRate requests per second of {@code /detect} from which the writer yields
   * @param pendingLimit answered events awaiting their graph commit from which it no longer does
   * @param maxPauseNanos longest single pause
   */
  public IngestPacer(double yieldFactor, int busyRate, int pendingLimit, long maxPauseNanos) {
    if (yieldFactor < 0 || busyRate < 1 || pendingLimit < 0 || maxPauseNanos < 0) {
      throw new IllegalArgumentException(
          "yield factor and limits must not be negative, busy rate at least 1");
    }
    this.yieldFactor = yieldFactor;
    this.busyRate = busyRate;
    this.pendingLimit = pendingLimit;
    this.maxPauseNanos = maxPauseNanos;
  }

  /**
   * How long the writer should pause after a batch that took {@code batchNanos}, given the
   * endpoint's recent request rate and the events it holds for their graph commit.
   */
  public long pauseNanos(long batchNanos, int requestsPerSecond, int pending) {
    if (yieldFactor == 0 || requestsPerSecond < busyRate || pending >= pendingLimit) {
      return 0;
    }
    return Math.min(maxPauseNanos, (long) (batchNanos * yieldFactor));
  }

  /**
   * Requests per second over the last full second, counted without a lock: one bucket per second,
   * the previous one kept for reading.
   */
  public static final class Rate {
    private final AtomicLong state = new AtomicLong(); // second << 32 | count in it
    private volatile long previous; // second << 32 | count in it

    /** Counts one request at {@code nanoTime}. */
    public void hit(long nanoTime) {
      long second = nanoTime / 1_000_000_000L;
      while (true) {
        long current = state.get();
        long currentSecond = current >>> 32;
        long next;
        if (currentSecond == (second & 0xFFFFFFFFL)) {
          next = current + 1;
        } else {
          next = ((second & 0xFFFFFFFFL) << 32) | 1;
        }
        if (state.compareAndSet(current, next)) {
          if (next != current + 1) {
            previous = current;
          }
          return;
        }
      }
    }

    /**
     * Requests counted in the second before the one containing {@code nanoTime} (0 when that second
     * saw none), or in the current second if that is already more.
     */
    public int perSecond(long nanoTime) {
      long second = (nanoTime / 1_000_000_000L) & 0xFFFFFFFFL;
      long current = state.get();
      long earlier = previous;
      int now = (current >>> 32) == second ? (int) current : 0;
      int last =
          (current >>> 32) == second - 1
              ? (int) current
              : (earlier >>> 32) == second - 1 ? (int) earlier : 0;
      return Math.max(now, last);
    }
  }
}
