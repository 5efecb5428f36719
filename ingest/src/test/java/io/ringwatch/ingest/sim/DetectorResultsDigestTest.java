package io.ringwatch.ingest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.FeatureVector;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.features.KnownOutcome;
import io.ringwatch.detectors.features.KnownOutcomes;
import io.ringwatch.detectors.model.GradientBoostedModel;
import io.ringwatch.detectors.model.GradientBoostedTrainer;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.Model;
import io.ringwatch.detectors.model.ModelScore;
import io.ringwatch.detectors.model.ReasonCode;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.rules.RuleHit;
import io.ringwatch.detectors.scoring.Decision;
import io.ringwatch.detectors.scoring.Scorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Results of the detectors, pinned: over 160,000 seeded simulator events (100,000 of seed 7, 60,000
 * of seed 11), a digest of every feature's values in event order, and of every decision of the
 * whole {@link Scorer} with the heuristic model (insight score, outcome, rule hits, the top reason
 * codes in order), under three settings: the defaults, the defaults with label feedback, and small
 * bounds that force evictions of keys, of window entries and of label history; and of a trained
 * XGBoost model's scores, top reasons and every contribution in order.
 *
 * <p>The expected digests ({@code detector-digests.properties}) were written by the detectors
 * before the third throughput pass (commit {@code bb69e60}); performance work on the feature state
 * must leave them unchanged. A deliberate change of a feature's meaning regenerates the file with
 * {@code -Dringwatch.digests.write=<path of the file in src/test/resources>} and says why in the
 * commit. A feature that is not in the file (a new one) is not checked here.
 */
class DetectorResultsDigestTest {
  private static final String RESOURCE = "detector-digests.properties";
  private static final Duration LABEL_DELAY = Duration.ofDays(7);

  private record Setup(
      String name,
      FeatureSettings features,
      Supplier<InMemoryGraphFeatures> graph,
      KnownOutcomes.Settings outcomes,
      boolean labels) {}

  private static final List<Setup> SETUPS =
      List.of(
          new Setup(
              "default",
              FeatureSettings.defaults(),
              () -> new InMemoryGraphFeatures(100_000, 1000),
              KnownOutcomes.Settings.defaults(),
              false),
          new Setup(
              "labels",
              FeatureSettings.defaults(),
              () -> new InMemoryGraphFeatures(100_000, 1000),
              KnownOutcomes.Settings.defaults(),
              true),
          new Setup(
              "small",
              FeatureSettings.defaults().withMaxKeys(300).withMaxEventsPerKey(16),
              () -> new InMemoryGraphFeatures(300, 8),
              new KnownOutcomes.Settings(300, 16, LABEL_DELAY, LABEL_DELAY.plusDays(60)),
              true));

  @Test
  void shouldComputeTheSameFeaturesScoresAndReasonsAsBeforeThePerformanceWork() throws Exception {
    // given
    List<List<SimulatedEvent>> traffic = List.of(simulate(7, 100_000), simulate(11, 60_000));
    // when
    Map<String, String> actual = new TreeMap<>();
    for (Setup setup : SETUPS) {
      actual.putAll(digests(setup, traffic));
    }
    actual.putAll(trainedModelDigests(traffic));
    // then
    String target = System.getProperty("ringwatch.digests.write");
    if (target != null) {
      write(actual, Path.of(target));
    }
    Properties expected = new Properties();
    try (InputStream in = DetectorResultsDigestTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      expected.load(in);
    }
    assertThat(expected).hasSizeGreaterThan(SETUPS.size() * 100);
    Map<String, String> mismatches = new TreeMap<>();
    for (String key : expected.stringPropertyNames()) {
      if (!expected.getProperty(key).equals(actual.get(key))) {
        mismatches.put(key, actual.get(key) + " (expected " + expected.getProperty(key) + ")");
      }
    }
    assertThat(mismatches).as("digests that changed").isEmpty();
  }

  private static List<SimulatedEvent> simulate(long seed, int events) {
    return new Simulator(SimulationConfig.defaults().withAccounts(20_000).withSeed(seed))
        .stream().limit(events).toList();
  }

  /** Digest of every feature column and of the decisions of one setup over the traffic. */
  private static Map<String, String> digests(Setup setup, List<List<SimulatedEvent>> traffic) {
    int n = FeatureNames.size();
    long[] features = new long[n];
    long decisions = 17;
    long flagged = 0;
    Model model = new HeuristicLogisticModel();
    for (List<SimulatedEvent> run : traffic) {
      FeatureExtractor extractor =
          new FeatureExtractor(
              setup.features(), setup.graph().get(), new KnownOutcomes(setup.outcomes()));
      FeatureExtractor scored =
          new FeatureExtractor(
              setup.features(), setup.graph().get(), new KnownOutcomes(setup.outcomes()));
      Scorer scorer =
          new Scorer(
              scored,
              () -> model,
              new ActiveRules(
                  new RuleCompiler(), DefaultRules.ruleSet(), "digest", Instant.EPOCH, 10),
              Clock.systemUTC(),
              200_000);
      for (SimulatedEvent event : run) {
        Transaction t = event.transaction();
        FeatureVector vector = extractor.extract(t);
        for (int i = 0; i < n; i++) {
          features[i] = mix(features[i], Double.doubleToLongBits(vector.get(i)));
        }
        Decision d = scorer.score(t);
        decisions = mix(decisions, d.insightScore());
        decisions = mix(decisions, d.outcome().ordinal());
        for (RuleHit hit : d.ruleHits()) {
          decisions = mix(decisions, hit.ruleId().hashCode());
        }
        for (ReasonCode reason : d.reasons()) {
          decisions = mix(decisions, reason.feature().hashCode());
          decisions = mix(decisions, Double.doubleToLongBits(reason.value()));
          decisions = mix(decisions, Double.doubleToLongBits(reason.contribution()));
        }
        flagged += d.flagged() ? 1 : 0;
        if (setup.labels()) {
          KnownOutcome outcome = KnownOutcome.of(t, event.isFraud(), LABEL_DELAY);
          extractor.outcomes().offer(outcome);
          scored.outcomes().offer(outcome);
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(setup.name() + ".feature." + FeatureNames.ALL.get(i), Long.toHexString(features[i]));
    }
    out.put(setup.name() + ".decisions", Long.toHexString(decisions));
    out.put(setup.name() + ".flagged", Long.toString(flagged));
    return out;
  }

  /**
   * A model trained on the first run's features and truth (100 trees of depth 5, one thread, fixed
   * seed: the same model every time) scores every event of both runs: digest of its insight scores,
   * top 3 reasons and every contribution in order.
   */
  private static Map<String, String> trainedModelDigests(List<List<SimulatedEvent>> traffic)
      throws Exception {
    List<List<FeatureVector>> vectors = new ArrayList<>();
    for (List<SimulatedEvent> run : traffic) {
      FeatureExtractor extractor =
          new FeatureExtractor(
              FeatureSettings.defaults(), new InMemoryGraphFeatures(100_000, 1000));
      vectors.add(run.stream().map(e -> extractor.extract(e.transaction())).toList());
    }
    List<double[]> rows = vectors.get(0).stream().map(FeatureVector::toArray).toList();
    boolean[] labels = new boolean[rows.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = traffic.get(0).get(i).isFraud();
    }
    GradientBoostedModel model =
        GradientBoostedModel.of(
            new GradientBoostedTrainer(100, 5, 0.1, 7).train(rows, labels, "digest", Map.of()));
    long scores = 17;
    long top = 17;
    long all = 17;
    for (List<FeatureVector> run : vectors) {
      for (FeatureVector vector : run) {
        ModelScore score = model.score(vector);
        scores = mix(scores, score.insightScore());
        for (ReasonCode reason : score.topReasons(3)) {
          top = mix(top, reason.feature().hashCode());
          top = mix(top, Double.doubleToLongBits(reason.contribution()));
        }
        for (ReasonCode reason : score.contributions()) {
          all = mix(all, reason.feature().hashCode());
          all = mix(all, Double.doubleToLongBits(reason.value()));
          all = mix(all, Double.doubleToLongBits(reason.contribution()));
        }
      }
    }
    return Map.of(
        "gbt.scores", Long.toHexString(scores),
        "gbt.topReasons", Long.toHexString(top),
        "gbt.contributions", Long.toHexString(all));
  }

  private static long mix(long h, long value) {
    long x = (h ^ value) * 0x9E3779B97F4A7C15L;
    return x ^ (x >>> 29);
  }

  private static void write(Map<String, String> digests, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file)) {
      out.write("# Written by DetectorResultsDigestTest (see its Javadoc).\n");
      for (Map.Entry<String, String> e : digests.entrySet()) {
        out.write(e.getKey() + "=" + e.getValue() + "\n");
      }
    }
  }
}
