package io.ringwatch.service.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.GraphFeatureLookup;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.features.KnownOutcomes;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.ingest.TransactionDecoder;
import io.ringwatch.service.config.RingwatchConfig;
import io.ringwatch.service.stores.StoreWindowBuffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Builds the plain scoring objects of {@code detectors} from the configuration. */
@ApplicationScoped
public class ScoringProducers {
  private static final Logger LOG = Logger.getLogger(ScoringProducers.class);

  @Produces
  @Singleton
  GraphFeatureLookup graphFeatures(
      RingwatchConfig config, RingwatchGraph graph, RingTracker rings) {
    RingwatchConfig.Scoring scoring = config.scoring();
    GraphFeatureLookup lookup =
        switch (GraphFeatureSource.of(scoring.graphFeatures())) {
          case MEMORY ->
              new InMemoryGraphFeatures(scoring.maxKeys(), scoring.maxAccountsPerDevice());
          case GRAPH -> graph.featureLookup(scoring.maxAccountsPerDevice());
        };
    // The rings restored from the graph; RingService reports every later change.
    lookup.ringsChanged(rings.rings());
    return lookup;
  }

  @Produces
  @Singleton
  ActiveRules activeRules(RingwatchConfig config) {
    return new ActiveRules(
        new RuleCompiler(),
        DefaultRules.ruleSet(),
        "system",
        Clock.systemUTC().instant(),
        config.scoring().rulesHistory());
  }

  @Produces
  @Singleton
  ModelHolder models(RingwatchConfig config) {
    return new ModelHolder(config.scoring().modelPath().map(java.nio.file.Path::of));
  }

  /**
   * Label feedback (ADR 18): outcomes offered here reach the label-fed features once the scoring
   * clock passes their {@code knownAt}. {@code POST /labels} ({@link LabelFeedback}) offers them.
   */
  @Produces
  @Singleton
  KnownOutcomes knownOutcomes() {
    return new KnownOutcomes();
  }

  @Produces
  @Singleton
  StoreWindowBuffer storeWindows(RingwatchConfig config) {
    return new StoreWindowBuffer(config.stores().windowSize(), config.stores().allowedLateness());
  }

  /**
   * The scorer, its feature state (and the store windows) rebuilt from the graph's recent history
   * before any record is consumed: the ingestor, and so the Kafka listener, is built from it.
   */
  @Produces
  @Singleton
  Scorer scorer(
      RingwatchConfig config,
      GraphFeatureLookup graph,
      KnownOutcomes outcomes,
      ModelHolder models,
      ActiveRules rules,
      RingwatchGraph ringwatchGraph,
      StoreWindowBuffer windows) {
    RingwatchConfig.Scoring scoring = config.scoring();
    Scorer scorer =
        new Scorer(
            new FeatureExtractor(featureSettings(config), graph, outcomes),
            models::current,
            rules,
            Clock.systemUTC(),
            scoring.rememberedDecisions());
    ScoringWarmUp.Result warm =
        ScoringWarmUp.run(
            ringwatchGraph.queries(),
            scorer,
            windows,
            scoring.warmUpWindow(),
            scoring.warmUpMaxEvents());
    LOG.infof(
        "scoring state rebuilt from the graph in %d ms: %d transactions replayed (event time %s"
            + " .. %s, %d stored read), %d keys; %d store windows to publish again",
        warm.millis(),
        warm.replayed(),
        warm.from(),
        warm.to(),
        warm.matched(),
        scorer.stateKeys(),
        warm.windowsPending());
    return scorer;
  }

  /** The feature state's bounds from the configuration (the scorer's, and every backtest's). */
  public static FeatureSettings featureSettings(RingwatchConfig config) {
    return FeatureSettings.defaults()
        .withMaxKeys(config.scoring().maxKeys())
        .withMaxEventsPerKey(config.scoring().maxEventsPerKey());
  }

  @Produces
  @Singleton
  RuleBacktests backtests(
      RingwatchConfig config, ActiveRules rules, ModelHolder models, RingwatchGraph graph) {
    return new RuleBacktests(
        rules,
        models,
        graph.queries(),
        featureSettings(config),
        config.scoring().maxAccountsPerDevice());
  }

  @Produces
  @Singleton
  TransactionDecoder decoder(RingwatchConfig config) {
    return new TransactionDecoder(config.ingest().maxRecordBytes());
  }

  @Produces
  @Singleton
  DecisionCodec codec(ObjectMapper mapper) {
    return new DecisionCodec(mapper);
  }
}
