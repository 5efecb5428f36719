package io.ringwatch.detectors.features;

/**
 * A key's own long-run event rate and how far its recent counts stand above it (ADR 0010).
 *
 * <p>The rate is estimated from the key's events <em>before</em> the 10-minute window, so that a
 * burst does not raise its own baseline: {@code λ = (n_old + a) / (t_old + b)}, where {@code n_old}
 * events happened in the {@code t_old} milliseconds between the key's first event and the start of
 * the window. The prior {@code a / b} (one event per hour, worth {@code b} = 30 s of history) is a
 * Gamma-Poisson shrinkage: a new key is assumed quiet, and an old key's own history dominates after
 * a few minutes. The expected count of a window is {@code λ × length}.
 *
 * <p>The velocity z-score of a window is {@code (k − μ) / sqrt(μ + (φμ)² + 1)}, with {@code k} the
 * key's other events in the window and {@code μ} the expected count: a Poisson deviation with a
 * negative-binomial style over-dispersion {@code φ = 0.25}, so that a busy key needs a relative
 * excess (about {@code 1 + 0.25 z}) and not just an absolute one, and a quiet key needs a few
 * events. It is floored at 0 and capped at {@link #MAX_Z} so that no single velocity term can
 * saturate a model. O(1) per event.
 */
public final class VelocityBaseline {
  /** Cap of the velocity z-scores. */
  public static final double MAX_Z = 20;

  static final double PRIOR_RATE_PER_MILLI = 1.0 / 3_600_000; // one event per hour
  static final double PRIOR_MILLIS = 30_000;
  static final double OVERDISPERSION = 0.25;

  private VelocityBaseline() {}

  /** The key's rate per millisecond from its history before the 10-minute window. */
  static double ratePerMilli(VelocityWindows velocity) {
    long windowStart = velocity.clock() - Window.TEN_MINUTES.millis();
    double oldMillis = Math.max(0, windowStart - velocity.firstSeen());
    double oldEvents = Math.max(0, velocity.total() - velocity.count(Window.TEN_MINUTES));
    return (oldEvents + PRIOR_RATE_PER_MILLI * PRIOR_MILLIS) / (oldMillis + PRIOR_MILLIS);
  }

  /** The z-score of {@code others} events in a window where {@code expected} were expected. */
  public static double z(double others, double expected) {
    double spread = Math.sqrt(expected + OVERDISPERSION * OVERDISPERSION * expected * expected + 1);
    return Math.min(MAX_Z, Math.max(0, (others - expected) / spread));
  }
}
