package io.ringwatch.service.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.features.KnownOutcomes;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.detectors.rules.RuleCompiler;
import io.ringwatch.detectors.scoring.Scorer;
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

  /**
   * Label feedback (ADR 12): outcomes offered here reach the label-fed features once the scoring
   * clock passes their {@code knownAt}. Nothing offers any yet; a {@code POST /labels} or a labels
   * topic would look the transaction up and offer its outcome with the time it arrived.
   */
  @Produces
  @Singleton
  KnownOutcomes knownOutcomes() {
    return new KnownOutcomes();
  }

  @Produces
  @Singleton
  Scorer scorer(
      RingwatchConfig config,
      InMemoryGraphFeatures graph,
      KnownOutcomes outcomes,
      ModelHolder models,
      ActiveRules rules) {
    RingwatchConfig.Scoring scoring = config.scoring();
    FeatureSettings settings =
        FeatureSettings.defaults()
            .withMaxKeys(scoring.maxKeys())
            .withMaxEventsPerKey(scoring.maxEventsPerKey());
    return new Scorer(
        new FeatureExtractor(settings, graph, outcomes),
        models::current,
        rules,
        Clock.systemUTC(),
        scoring.rememberedDecisions());
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
