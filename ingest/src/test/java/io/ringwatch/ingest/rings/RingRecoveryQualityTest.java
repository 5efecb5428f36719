package io.ringwatch.ingest.rings;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.rings.AccountProjection;
import io.ringwatch.detectors.rings.ProjectionSettings;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.detectors.rings.TrackerSettings;
import io.ringwatch.ingest.sim.Scenario;
import io.ringwatch.ingest.sim.SimulatedEvent;
import io.ringwatch.ingest.sim.SimulationConfig;
import io.ringwatch.ingest.sim.Simulator;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Ring recovery on simulated traffic: seeded runs of 2,000 benign accounts at 100 events/s for 10
 * simulated minutes with device rings, IP rings, transfer loops, fan-ins and fan-outs injected, fed
 * through the projection and tracker in batches of 500 with incremental re-clustering. Scores are
 * pairwise over the accounts that act in the stream and are in a true or a detected ring.
 */
class RingRecoveryQualityTest {

  record Quality(double precision, double recall, double f1, double ari, int rings, int truths) {}

  static Quality run(long seed) {
    SimulationConfig config =
        SimulationConfig.defaults()
            .withAccounts(2000)
            .withRate(100)
            .withSeconds(600)
            .withSeed(seed)
            .withScenarios(
                EnumSet.of(
                    Scenario.DEVICE_RING,
                    Scenario.IP_RING,
                    Scenario.TRANSFER_LOOP,
                    Scenario.FAN_IN,
                    Scenario.FAN_OUT));
    RingTracker tracker =
        new RingTracker(
            new AccountProjection(ProjectionSettings.defaults()),
            TrackerSettings.defaults(),
            Clock.fixed(config.start(), ZoneOffset.UTC));
    Map<AccountId, String> truth = new HashMap<>();
    Set<AccountId> acting = new HashSet<>();
    List<io.ringwatch.detectors.domain.Transaction> batch = new ArrayList<>();
    for (SimulatedEvent event : new Simulator(config)) {
      acting.add(event.transaction().account());
      if (event.truth() != null && event.truth().ringId() != null) {
        truth.put(AccountId.of(event.truth().accountId()), event.truth().ringId());
      }
      batch.add(event.transaction());
      if (batch.size() == 500) {
        tracker.accept(batch);
        batch.clear();
        if (tracker.thresholdReached()) {
          tracker.reclusterDirty();
        }
      }
    }
    tracker.accept(batch);
    tracker.reclusterDirty();
    Map<AccountId, String> predicted = new HashMap<>();
    int rings = 0;
    for (Ring ring : tracker.rings()) {
      if (ring.isActive()) {
        rings++;
      }
    }
    for (AccountId account : acting) {
      List<Ring> of = tracker.ringsOf(account);
      if (!of.isEmpty()) {
        predicted.put(account, of.get(0).id().value());
      }
    }
    if (Boolean.getBoolean("ringwatch.debug")) {
      for (Ring ring : tracker.rings()) {
        if (ring.isActive() && ring.memberIds().stream().noneMatch(truth::containsKey)) {
          System.out.println(
              "false ring "
                  + ring.kind()
                  + " "
                  + ring.memberIds().size()
                  + " "
                  + ring.score()
                  + " "
                  + ring.evidence().signals());
        }
      }
    }
    Set<AccountId> universe = new HashSet<>(truth.keySet());
    universe.addAll(predicted.keySet());
    return score(
        new ArrayList<>(universe), truth, predicted, rings, new HashSet<>(truth.values()).size());
  }

  static Quality score(
      List<AccountId> universe,
      Map<AccountId, String> truth,
      Map<AccountId, String> predicted,
      int rings,
      int truths) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    for (int i = 0; i < universe.size(); i++) {
      for (int j = i + 1; j < universe.size(); j++) {
        String ti = truth.get(universe.get(i));
        String pi = predicted.get(universe.get(i));
        boolean sameTruth = ti != null && ti.equals(truth.get(universe.get(j)));
        boolean samePred = pi != null && pi.equals(predicted.get(universe.get(j)));
        if (sameTruth && samePred) {
          tp++;
        } else if (samePred) {
          fp++;
        } else if (sameTruth) {
          fn++;
        } else {
          tn++;
        }
      }
    }
    double precision = tp / (double) Math.max(1, tp + fp);
    double recall = tp / (double) Math.max(1, tp + fn);
    double f1 = 2 * precision * recall / Math.max(1e-12, precision + recall);
    // Adjusted Rand index from the pair counts (Hubert and Arabie 1985).
    double n = tp + fp + fn + tn;
    double expected = (tp + fp) * (double) (tp + fn) / n;
    double max = ((tp + fp) + (double) (tp + fn)) / 2;
    double ari = (tp - expected) / (max - expected);
    return new Quality(precision, recall, f1, ari, rings, truths);
  }

  @Test
  void shouldRecoverInjectedRingsFromSimulatedTrafficWithHighPrecisionAndRecall() {
    for (long seed : new long[] {7, 1234}) {
      Quality q = run(seed);
      System.out.printf(
          "ring recovery seed %d: precision %.3f recall %.3f F1 %.3f ARI %.3f (%d rings detected, %d injected)%n",
          seed, q.precision(), q.recall(), q.f1(), q.ari(), q.rings(), q.truths());
      assertThat(q.f1()).as("F1 for seed %d", seed).isGreaterThanOrEqualTo(0.95);
      assertThat(q.ari()).as("ARI for seed %d", seed).isGreaterThanOrEqualTo(0.95);
    }
  }
}
