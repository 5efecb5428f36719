package io.ringwatch.ingest.bench;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.ingest.sim.Scenario;
import io.ringwatch.ingest.sim.SimulatedEvent;
import io.ringwatch.ingest.sim.SimulationConfig;
import io.ringwatch.ingest.sim.Simulator;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Detector throughput on one thread (features + default rules + heuristic model) over seeded
 * simulator traffic with every scenario, and how often each scenario's events are flagged. Not JMH:
 * a warm-up pass on one scorer, then a timed pass on a fresh one. Excluded from the default build;
 * run with {@code ./mvnw -B -o -q -pl ingest -am test -Dbenchmark -Dtest=ScoringThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ScoringThroughputBenchmark {
  private static final int EVENTS = Integer.getInteger("benchmark.events", 300_000);

  private static Scorer scorer() {
    Model model = new HeuristicLogisticModel();
    return new Scorer(
        new FeatureExtractor(FeatureSettings.defaults(), new InMemoryGraphFeatures(100_000, 1000)),
        () -> model,
        new ActiveRules(new RuleCompiler(), DefaultRules.ruleSet(), "bench", Instant.EPOCH, 10),
        Clock.systemUTC(),
        200_000);
  }

  @Test
  void measureScoringThroughputOnOneThread() {
    List<SimulatedEvent> events =
        new Simulator(SimulationConfig.defaults().withAccounts(20_000))
            .stream().limit(EVENTS).toList();
    List<Transaction> traffic = events.stream().map(SimulatedEvent::transaction).toList();

    Scorer warm = scorer();
    for (Transaction t : traffic) {
      warm.score(t);
    }

    Scorer timed = scorer();
    Decision[] decisions = new Decision[traffic.size()];
    long start = System.nanoTime();
    for (int i = 0; i < traffic.size(); i++) {
      decisions[i] = timed.score(traffic.get(i));
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    Map<Scenario, int[]> byScenario = new EnumMap<>(Scenario.class);
    int benign = 0;
    int benignFlagged = 0;
    for (int i = 0; i < events.size(); i++) {
      SimulatedEvent event = events.get(i);
      if (event.isFraud()) {
        int[] counts = byScenario.computeIfAbsent(event.truth().scenario(), s -> new int[2]);
        counts[0]++;
        counts[1] += decisions[i].flagged() ? 1 : 0;
      } else {
        benign++;
        benignFlagged += decisions[i].flagged() ? 1 : 0;
      }
    }
    System.out.printf(
        "scored %,d events in %.2f s on one thread: %,.0f events/s%n",
        traffic.size(), seconds, traffic.size() / seconds);
    System.out.printf(
        "benign flagged: %d of %,d (%.3f%%)%n",
        benignFlagged, benign, 100.0 * benignFlagged / benign);
    Map<String, Integer> benignHits = new java.util.TreeMap<>();
    for (int i = 0; i < events.size(); i++) {
      if (!events.get(i).isFraud()) {
        decisions[i].ruleHits().forEach(h -> benignHits.merge(h.ruleId(), 1, Integer::sum));
        if (decisions[i].flagged() && !decisions[i].reasons().isEmpty()) {
          benignHits.merge("top:" + decisions[i].reasons().get(0).feature(), 1, Integer::sum);
        }
      }
    }
    System.out.println("rule hits on benign events: " + benignHits);
    byScenario.forEach(
        (scenario, c) ->
            System.out.printf("%s: %d of %d fraud events flagged%n", scenario, c[1], c[0]));
  }
}
