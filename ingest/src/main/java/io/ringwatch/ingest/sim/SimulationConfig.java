package io.ringwatch.ingest.sim;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the simulator produces.
 *
 * @param accounts number of benign accounts (at least 10)
 * @param ratePerSecond mean benign events per second of event time (Poisson arrivals)
 * @param seconds event-time length of the run; 0 means endless
 * @param seed seed of the one {@link java.util.Random}: equal configs give equal runs
 * @param scenarios the fraud patterns to inject, possibly none
 * @param start event time of the run's beginning
 */
public record SimulationConfig(
    int accounts,
    double ratePerSecond,
    long seconds,
    long seed,
    Set<Scenario> scenarios,
    Instant start) {

  public static final int DEFAULT_ACCOUNTS = 2000;
  public static final double DEFAULT_RATE = 50;
  public static final long DEFAULT_SEED = 42;
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  public SimulationConfig {
    if (accounts < 10) {
      throw new IllegalArgumentException("accounts must be at least 10, was " + accounts);
    }
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number, was " + ratePerSecond);
    }
    if (seconds < 0) {
      throw new IllegalArgumentException("seconds must not be negative, was " + seconds);
    }
    Objects.requireNonNull(scenarios, "scenarios");
    scenarios =
        scenarios.isEmpty()
            ? Set.of()
            : java.util.Collections.unmodifiableSet(EnumSet.copyOf(scenarios));
    Objects.requireNonNull(start, "start");
  }

  /** 2000 accounts, 50 events/s, endless, seed 42, every scenario, starting 2025-01-01. */
  public static SimulationConfig defaults() {
    return new SimulationConfig(
        DEFAULT_ACCOUNTS,
        DEFAULT_RATE,
        0,
        DEFAULT_SEED,
        EnumSet.allOf(Scenario.class),
        DEFAULT_START);
  }

  public SimulationConfig withAccounts(int value) {
    return new SimulationConfig(value, ratePerSecond, seconds, seed, scenarios, start);
  }

  public SimulationConfig withRate(double value) {
    return new SimulationConfig(accounts, value, seconds, seed, scenarios, start);
  }

  public SimulationConfig withSeconds(long value) {
    return new SimulationConfig(accounts, ratePerSecond, value, seed, scenarios, start);
  }

  public SimulationConfig withSeed(long value) {
    return new SimulationConfig(accounts, ratePerSecond, seconds, value, scenarios, start);
  }

  public SimulationConfig withScenarios(Set<Scenario> value) {
    return new SimulationConfig(accounts, ratePerSecond, seconds, seed, value, start);
  }

  public SimulationConfig withStart(Instant value) {
    return new SimulationConfig(accounts, ratePerSecond, seconds, seed, scenarios, value);
  }
}
