package io.ringwatch.benchmarks;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.FeatureVector;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.model.ModelScore;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.ingest.sim.SimulatedEvent;
import io.ringwatch.ingest.sim.SimulationConfig;
import io.ringwatch.ingest.sim.Simulator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link DetectorsBenchmark} workloads timed by the benchmark thread's CPU time instead of the
 * wall clock: on a shared machine (load above the core count) a thread gets a varying share of a
 * core, which the wall clock counts and its CPU time does not. Reports events per CPU-second of the
 * one thread (the median of the measured replays), so GC and JIT threads are not counted. Same
 * traffic as the JMH benchmark (seed 7, 100,000 events, fresh state per replay).
 *
 * <pre>
 * java -cp ... io.ringwatch.benchmarks.CpuTimeReplay [model=heuristic|gbt] [replays]
 * </pre>
 */
public final class CpuTimeReplay {
  private static final int WARM_UP = 4;

  private CpuTimeReplay() {}

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "heuristic";
    int replays = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    long seed = 7;
    int events = DetectorsBenchmark.EVENTS;
    List<SimulatedEvent> simulated =
        new Simulator(SimulationConfig.defaults().withAccounts(20_000).withSeed(seed))
            .stream().limit(events).toList();
    List<Transaction> traffic = simulated.stream().map(SimulatedEvent::transaction).toList();
    FeatureVector[] vectors = new FeatureVector[events];
    FeatureExtractor extractor = features();
    for (int i = 0; i < events; i++) {
      vectors[i] = extractor.extract(traffic.get(i));
    }
    Model model = DetectorsBenchmark.model(kind, simulated, vectors, seed);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

    double[] score = new double[replays];
    double[] feature = new double[replays];
    double[] modelOnly = new double[replays];
    long sink = 0;
    for (int r = 0; r < WARM_UP + replays; r++) {
      Scorer scorer =
          new Scorer(
              features(),
              () -> model,
              new ActiveRules(new RuleCompiler(), DefaultRules.ruleSet(), "cpu", Instant.EPOCH, 10),
              Clock.systemUTC(),
              200_000);
      long t0 = cpu.getCurrentThreadCpuTime();
      for (Transaction t : traffic) {
        Decision d = scorer.score(t);
        sink += d.insightScore();
      }
      long t1 = cpu.getCurrentThreadCpuTime();
      FeatureExtractor fresh = features();
      long t2 = cpu.getCurrentThreadCpuTime();
      for (Transaction t : traffic) {
        sink += (long) fresh.extract(t).get(0);
      }
      long t3 = cpu.getCurrentThreadCpuTime();
      for (FeatureVector v : vectors) {
        ModelScore s = model.score(v);
        sink += s.insightScore() + s.topReasons(3).size();
      }
      long t4 = cpu.getCurrentThreadCpuTime();
      if (r >= WARM_UP) {
        score[r - WARM_UP] = events * 1e9 / (t1 - t0);
        feature[r - WARM_UP] = events * 1e9 / (t3 - t2);
        modelOnly[r - WARM_UP] = events * 1e9 / (t4 - t3);
      }
    }
    System.out.printf(
        "model=%s replays=%d (after %d warm-up) events/CPU-second, median [min..max]%n",
        kind, replays, WARM_UP);
    print("score (features + model + rules + decision)", score);
    print("features", feature);
    print("model with top 3 reasons", modelOnly);
    System.out.println("(checksum " + sink + ")");
  }

  private static void print(String what, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "  %-45s %,10.0f  [%,.0f .. %,.0f]%n",
        what, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }

  private static FeatureExtractor features() {
    return new FeatureExtractor(
        FeatureSettings.defaults(), new InMemoryGraphFeatures(100_000, 1000));
  }
}
