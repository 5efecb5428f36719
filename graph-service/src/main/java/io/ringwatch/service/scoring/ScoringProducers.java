package io.ringwatch.service.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.scoring.Scorer;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.ingest.TransactionDecoder;
import io.ringwatch.service.config.RingwatchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the plain scoring objects of {@code detectors} from the configuration. */
@ApplicationScoped
public class ScoringProducers {

  @Produces
  @Singleton
  InMemoryGraphFeatures graphFeatures(RingwatchConfig config) {
    return new InMemoryGraphFeatures(
        config.scoring().maxKeys(), config.scoring().maxAccountsPerDevice());
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

  @Produces
  @Singleton
  Scorer scorer(
      RingwatchConfig config, InMemoryGraphFeatures graph, ModelHolder models, ActiveRules rules) {
    RingwatchConfig.Scoring scoring = config.scoring();
    return new Scorer(
        new FeatureExtractor(featureSettings(config), graph),
        models::current,
        rules,
        Clock.systemUTC(),
        scoring.rememberedDecisions());
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
