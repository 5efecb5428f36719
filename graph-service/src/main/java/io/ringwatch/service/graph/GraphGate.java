package io.ringwatch.service.graph;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets the graph close only between writes. The writers that run on their own (a Kafka batch, a
 * ring pass) {@link #enter} before they touch the graph and {@link #exit} after; at shutdown {@link
 * #closeAfterUsers} refuses new entries and waits for those inside to finish, so the graph is never
 * closed under a batch half written or a ring pass half persisted. A batch refused here is not
 * acknowledged and is consumed again after the restart; a ring pass refused here re-clusters after
 * the restart, when every account is dirty.
 *
 * <p>Plain code: an entry and its exit happen on one thread (a read lock).
 */
public final class GraphGate {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closing;

  /** True, and the caller is inside until {@link #exit}; false once closing has begun. */
  public boolean enter() {
    if (closing) {
      return false;
    }
    lock.readLock().lock();
    if (closing) {
      lock.readLock().unlock();
      return false;
    }
    return true;
  }

  /** Leaves after a successful {@link #enter}, on the same thread. */
  public void exit() {
    lock.readLock().unlock();
  }

  /** Whether closing has begun. */
  public boolean closing() {
    return closing;
  }

  /**
   * Refuses every later {@link #enter} and waits up to {@code timeout} for those inside to leave.
   *
   * @return true when nobody is inside any more; false when the wait timed out
   */
  public boolean closeAfterUsers(Duration timeout) {
    closing = true;
    try {
      if (lock.writeLock().tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        lock.writeLock().unlock();
        return true;
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
