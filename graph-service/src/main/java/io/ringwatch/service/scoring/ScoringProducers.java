package io.ringwatch.service.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.Model;
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
  Model model() {
    // Until a trained model exists (issue 3, part 4): the documented hand-weighted scorer.
    return new HeuristicLogisticModel();
  }

  @Produces
  @Singleton
  Scorer scorer(
      RingwatchConfig config, InMemoryGraphFeatures graph, Model model, ActiveRules rules) {
    RingwatchConfig.Scoring scoring = config.scoring();
    FeatureSettings settings =
        FeatureSettings.defaults()
            .withMaxKeys(scoring.maxKeys())
            .withMaxEventsPerKey(scoring.maxEventsPerKey());
    return new Scorer(
        new FeatureExtractor(settings, graph),
        () -> model,
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
