package io.ringwatch.detectors.rules;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.FeatureVector;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.model.ModelScore;
import io.ringwatch.ingest.sim.SimulatedEvent;
import io.ringwatch.ingest.sim.SimulationConfig;
import io.ringwatch.ingest.sim.Simulator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Before and after {@link FastRule}, side by side on the same traffic and machine state: the
 * default rules through the JEXL interpreter ({@code *Jexl}, what every rule cost before) and
 * through the direct evaluator, alone and within the whole detector path (features, model, rules).
 * In the rules package to reach the package-private switch between the two.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
@State(Scope.Thread)
public class RuleEvaluationBenchmark {
  static final int EVENTS = 50_000;

  private List<Transaction> traffic;
  private FeatureVector[] vectors;
  private int[] scores;
  private Model model;
  private CompiledRuleSet rules;
  private FeatureExtractor features;

  @Setup(Level.Trial)
  public void generateTraffic() {
    traffic =
        new Simulator(SimulationConfig.defaults().withAccounts(20_000).withSeed(7))
            .stream().limit(EVENTS).map(SimulatedEvent::transaction).toList();
    model = new HeuristicLogisticModel();
    rules = ((RuleCompilation.Compiled) new RuleCompiler().compile(DefaultRules.ruleSet())).rules();
    FeatureExtractor extractor = newFeatures();
    vectors = new FeatureVector[EVENTS];
    scores = new int[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      vectors[i] = extractor.extract(traffic.get(i));
      scores[i] = model.score(vectors[i]).insightScore();
    }
  }

  @Setup(Level.Invocation)
  public void freshState() {
    features = newFeatures();
  }

  private static FeatureExtractor newFeatures() {
    return new FeatureExtractor(
        FeatureSettings.defaults(), new InMemoryGraphFeatures(100_000, 1000));
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void rulesJexl(Blackhole bh) {
    for (int i = 0; i < EVENTS; i++) {
      bh.consume(rules.evaluate(new RuleVariables(traffic.get(i), vectors[i], scores[i]), false));
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void rulesDirect(Blackhole bh) {
    for (int i = 0; i < EVENTS; i++) {
      bh.consume(rules.evaluate(new RuleVariables(traffic.get(i), vectors[i], scores[i]), true));
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void pathJexl(Blackhole bh) {
    path(bh, false);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void pathDirect(Blackhole bh) {
    path(bh, true);
  }

  private void path(Blackhole bh, boolean direct) {
    for (Transaction t : traffic) {
      FeatureVector vector = features.extract(t);
      ModelScore score = model.score(vector);
      bh.consume(score.topReasons(3));
      bh.consume(rules.evaluate(new RuleVariables(t, vector, score.insightScore()), direct));
    }
  }
}
