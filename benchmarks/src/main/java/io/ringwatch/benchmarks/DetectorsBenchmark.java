package io.ringwatch.benchmarks;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.FeatureVector;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.GradientBoostedModel;
import io.ringwatch.detectors.model.GradientBoostedTrainer;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.model.ModelScore;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.CompiledRuleSet;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.rules.RuleVariables;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.ingest.sim.SimulatedEvent;
import io.ringwatch.ingest.sim.SimulationConfig;
import io.ringwatch.ingest.sim.Simulator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The detectors alone on one thread: features, the heuristic model and the default rules over
 * seeded simulator traffic (20,000 accounts, every fraud scenario). One operation is one event;
 * each invocation replays the whole traffic in event-time order through fresh state, so the figures
 * include state growth and eviction, as in production after a start. The components are measured
 * separately too (rules and model over precomputed feature vectors).
 *
 * <p>{@code model} chooses the model of {@code score}, {@code scoreWarm} and {@code model}: {@code
 * heuristic} (the service's default) or {@code gbt}, an XGBoost model of the trainer's default size
 * (200 trees of depth 5) trained in setup on the same traffic's features and truth, as {@code
 * ringwatch train} would.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
@State(Scope.Thread)
public class DetectorsBenchmark {
  /** Events per invocation (every benchmark method processes all of them). */
  static final int EVENTS = 100_000;

  @Param({"7"})
  long seed;

  /** {@code heuristic} or {@code gbt} (see the class comment). */
  @Param({"heuristic", "gbt"})
  String model;

  private List<Transaction> traffic;
  private FeatureVector[] vectors;
  private int[] scores;
  private Model scoring;
  private CompiledRuleSet rules;
  private Scorer scorer;
  private FeatureExtractor features;

  @Setup(Level.Trial)
  public void generateTraffic() throws Exception {
    List<SimulatedEvent> events =
        new Simulator(SimulationConfig.defaults().withAccounts(20_000).withSeed(seed))
            .stream().limit(EVENTS).toList();
    traffic = events.stream().map(SimulatedEvent::transaction).toList();
    rules = activeRules().current();
    FeatureExtractor extractor = newFeatures();
    vectors = new FeatureVector[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      vectors[i] = extractor.extract(traffic.get(i));
    }
    scoring = model(model, events, vectors, seed);
    scores = new int[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      scores[i] = scoring.score(vectors[i]).insightScore();
    }
  }

  /** The model named {@code kind}; {@code gbt} is trained on {@code vectors} and their truth. */
  static Model model(String kind, List<SimulatedEvent> events, FeatureVector[] vectors, long seed)
      throws Exception {
    return switch (kind) {
      case "heuristic" -> new HeuristicLogisticModel();
      case "gbt" -> {
        List<double[]> rows = new ArrayList<>(vectors.length);
        boolean[] labels = new boolean[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
          rows.add(vectors[i].toArray());
          labels[i] = events.get(i).isFraud();
        }
        yield GradientBoostedModel.of(
            GradientBoostedTrainer.defaults(seed).train(rows, labels, "gbt-bench", Map.of()));
      }
      default -> throw new IllegalArgumentException("unknown model " + kind);
    };
  }

  @Setup(Level.Invocation)
  public void freshState() {
    Model m = scoring;
    scorer = new Scorer(newFeatures(), () -> m, activeRules(), Clock.systemUTC(), 200_000);
    features = newFeatures();
  }

  private static FeatureExtractor newFeatures() {
    return new FeatureExtractor(
        FeatureSettings.defaults(), new InMemoryGraphFeatures(100_000, 1000));
  }

  private static ActiveRules activeRules() {
    return new ActiveRules(new RuleCompiler(), DefaultRules.ruleSet(), "bench", Instant.EPOCH, 10);
  }

  /**
   * Steady state: a scorer already warmed by the previous {@value #EVENTS} events (in setup, not
   * measured) scores the next {@value #EVENTS}, so most keys are known, as in a running service.
   */
  @State(Scope.Thread)
  public static class Warm {
    List<Transaction> warmUp;
    List<Transaction> measured;
    Scorer scorer;

    @Setup(Level.Trial)
    public void generateTraffic(DetectorsBenchmark outer) {
      List<Transaction> all =
          new Simulator(SimulationConfig.defaults().withAccounts(20_000).withSeed(outer.seed))
              .stream().limit(2L * EVENTS).map(SimulatedEvent::transaction).toList();
      warmUp = all.subList(0, EVENTS);
      measured = all.subList(EVENTS, 2 * EVENTS);
    }

    @Setup(Level.Invocation)
    public void warmScorer(DetectorsBenchmark outer) {
      Model m = outer.scoring;
      scorer = new Scorer(newFeatures(), () -> m, activeRules(), Clock.systemUTC(), 2 * EVENTS);
      for (Transaction t : warmUp) {
        scorer.score(t);
      }
    }
  }

  /** The whole per-event path on warm state (see {@link Warm}). */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void scoreWarm(Warm warm, Blackhole bh) {
    for (Transaction t : warm.measured) {
      bh.consume(warm.scorer.score(t));
    }
  }

  /** The whole per-event path: features, model, rules, the decision. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void score(Blackhole bh) {
    for (Transaction t : traffic) {
      bh.consume(scorer.score(t));
    }
  }

  /** Feature extraction alone (state updates included). */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void features(Blackhole bh) {
    for (Transaction t : traffic) {
      bh.consume(features.extract(t));
    }
  }

  /** The model with its top reason codes, over precomputed features. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void model(Blackhole bh) {
    for (FeatureVector v : vectors) {
      ModelScore s = scoring.score(v);
      bh.consume(s);
      bh.consume(s.topReasons(3));
    }
  }

  /** Events of {@link #modelShapleyValues}: exact Shapley values cost a hundred times more. */
  static final int SHAPLEY_EVENTS = 10_000;

  /**
   * The trained model with exact Shapley values (TreeSHAP) as contributions, over the first {@value
   * #SHAPLEY_EVENTS} precomputed feature vectors; {@code -p model=gbt} only (ADR 0020).
   */
  @Benchmark
  @OperationsPerInvocation(SHAPLEY_EVENTS)
  public void modelShapleyValues(Blackhole bh) {
    if (!(scoring instanceof GradientBoostedModel trained)) {
      throw new IllegalStateException("Shapley values need the trained model: -p model=gbt");
    }
    for (int i = 0; i < SHAPLEY_EVENTS; i++) {
      ModelScore s = trained.scoreWithShapleyValues(vectors[i]);
      bh.consume(s);
      bh.consume(s.topReasons(3));
    }
  }

  /** The default rules, over precomputed features and insight scores. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void rules(Blackhole bh) {
    for (int i = 0; i < EVENTS; i++) {
      bh.consume(rules.evaluate(new RuleVariables(traffic.get(i), vectors[i], scores[i])));
    }
  }
}
