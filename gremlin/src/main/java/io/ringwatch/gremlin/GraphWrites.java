package io.ringwatch.gremlin;

import java.util.function.Supplier;
import org.janusgraph.core.JanusGraphTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write discipline shared by the graph writers: a failed attempt is rolled back and retried
 * with exponential backoff, because storage deadlocks and lock timeouts with concurrent readers are
 * transient and a rolled-back, idempotent write is safe to repeat.
 */
final class GraphWrites {
  /** Attempts per write before the failure is reported. */
  static final int MAX_ATTEMPTS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(GraphWrites.class);

  private GraphWrites() {}

  /**
   * Runs {@code attempt} until it succeeds or {@link #MAX_ATTEMPTS} attempts have failed with an
   * {@link IllegalStateException}, which is then rethrown.
   */
  static <T> T withRetries(Supplier<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (IllegalStateException e) {
        if (n >= MAX_ATTEMPTS) {
          throw e;
        }
        LOG.warn("{}; retrying (attempt {} of {})", e.getMessage(), n + 1, MAX_ATTEMPTS);
        try {
          Thread.sleep(50L << (n - 1));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Rolls {@code tx} back after {@code failure}, keeping a failed rollback as suppressed. */
  static void rollback(JanusGraphTransaction tx, RuntimeException failure) {
    try {
      if (tx.isOpen()) {
        tx.rollback();
      }
    } catch (RuntimeException rollbackFailure) {
      failure.addSuppressed(rollbackFailure);
    }
  }
}
