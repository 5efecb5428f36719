package io.ringwatch.gremlin;

/**
 * What a graph writer ({@link TransactionWriter}, {@link RingWriter}) tells a cache of graph
 * answers around each of its commits, always on the writing thread and inside the writers' shared
 * lock, so that calls of different writes never interleave: {@link #beforeCommit} right before
 * {@code commit()}, then exactly one of {@link #committed} (with what the write changed) or {@link
 * #commitFailed}. A retried write calls the pair again for each attempt that reached its commit.
 * Between the two calls a graph read may see the write or not, so a cache must not store what it
 * reads then ({@link JanusGraphFeatureLookup}). Implementations must be quick and must not throw.
 *
 * @param <C> what a committed write reports
 */
interface CommitListener<C> {

  /** The write is about to commit: from now on until the next call, reads may or may not see it. */
  void beforeCommit();

  /** The write committed; {@code change} says what it changed. */
  void committed(C change);

  /**
   * The commit failed and was rolled back. The storage backends used with a cache (BerkeleyJE,
   * {@code inmemory}) commit atomically, but a cache should not rely on it: forget what the write
   * may have touched.
   */
  void commitFailed();
}
