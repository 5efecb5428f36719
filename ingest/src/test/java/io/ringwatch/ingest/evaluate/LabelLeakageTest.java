package io.ringwatch.ingest.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.features.FeatureExtractor;
import io.ringwatch.detectors.features.FeatureSettings;
import io.ringwatch.detectors.features.FeatureVector;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.ingest.external.FdhLoader;
import io.ringwatch.ingest.external.FdhSample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An evaluation with {@code --labels} for days 0–N never uses the outcome of a later event: not
 * through the input files' label columns, not through outcomes of events it has no label for, and a
 * label reaches the label-fed features only a label delay after its event.
 */
class LabelLeakageTest {
  private static final Duration DELAY = Evaluation.Options.DEFAULT_LABEL_DELAY;

  @TempDir Path temp;

  @Test
  void shouldScoreEveryEventTheSameWhenTheInputsLabelColumnsAndUnknownLabelsChange()
      throws Exception {
    // given days 0-15 twice: as published, and with every label column flipped
    int fraud = FdhSample.column("TX_FRAUD");
    int scenario = FdhSample.column("TX_FRAUD_SCENARIO");
    Path published = FdhSample.copy(temp.resolve("published"), 16, row -> row);
    Path flipped =
        FdhSample.copy(
            temp.resolve("flipped"),
            16,
            row -> {
              row[fraud] = "1".equals(row[fraud]) ? "0" : "1";
              row[scenario] = "1".equals(row[fraud]) ? "2" : "0";
              return row;
            });
    Map<TransactionId, Boolean> known = FdhSample.outcomes(d -> d < 8);
    // and labels of events the input does not have, for the second run only
    Map<TransactionId, Boolean> withStrangers = new LinkedHashMap<>(known);
    withStrangers.put(TransactionId.of("not-in-the-data-1"), true);
    withStrangers.put(TransactionId.of("not-in-the-data-2"), false);

    // when
    Evaluation.Result first = evaluate(published, known);
    Evaluation.Result second = evaluate(flipped, withStrangers);

    // then the model learnt from exactly the labelled events, and nothing else changed a score
    assertThat(first.training().labelled()).isEqualTo(known.size());
    assertThat(second.training().labelled()).isEqualTo(known.size());
    assertThat(second.training().unknownIds()).isEqualTo(2);
    assertThat(second.scores()).isEqualTo(first.scores());
    assertThat(first.scores()).hasSizeGreaterThan(known.size());
  }

  private static Evaluation.Result evaluate(Path input, Map<TransactionId, Boolean> labels)
      throws Exception {
    return new Evaluation(
            Evaluation.Options.defaults().withLabels(labels), (stage, done, total) -> {})
        .run(new FdhLoader().load(input));
  }

  @Test
  void shouldShowALabelToTheFeaturesOnlyOnceItsDelayHasPassed() throws Exception {
    // given days 0-20, labels for days 0-9 as known, and the same with days 7-9 flipped and the
    // later days 10-20 labelled too (wrongly)
    List<Transaction> events =
        new FdhLoader().load(FdhSample.copy(temp.resolve("in"), 21, row -> row)).transactions();
    Map<TransactionId, Integer> days = FdhSample.days();
    Map<TransactionId, Boolean> known = FdhSample.outcomes(d -> d < 10);
    Map<TransactionId, Boolean> tampered = new LinkedHashMap<>(known);
    FdhSample.outcomes(d -> d >= 7).forEach((id, label) -> tampered.put(id, !label));
    Instant firstTampered =
        events.stream()
            .filter(e -> days.get(e.id()) >= 7)
            .map(Transaction::timestamp)
            .findFirst()
            .orElseThrow();

    // when both feed the label-fed features as the evaluation does
    List<FeatureVector> honest = features(events, known);
    List<FeatureVector> leaky = features(events, tampered);

    // then no event before the first tampered label's delay sees a difference, and later ones do
    Instant visible = firstTampered.plus(DELAY);
    int differ = 0;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).timestamp().isBefore(visible)) {
        assertThat(leaky.get(i)).as("event %s", events.get(i).id()).isEqualTo(honest.get(i));
      } else if (!leaky.get(i).equals(honest.get(i))) {
        differ++;
      }
    }
    assertThat(differ).isGreaterThan(1000);
  }

  private static List<FeatureVector> features(
      List<Transaction> events, Map<TransactionId, Boolean> labels) {
    FeatureExtractor extractor =
        new FeatureExtractor(
            FeatureSettings.defaults(),
            new InMemoryGraphFeatures(100_000, 1000),
            Evaluation.knownOutcomes(events, labels, DELAY));
    List<FeatureVector> vectors = new ArrayList<>(events.size());
    for (Transaction event : events) {
      vectors.add(extractor.extract(event));
    }
    return vectors;
  }
}
