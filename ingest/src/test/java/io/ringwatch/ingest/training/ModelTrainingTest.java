package io.ringwatch.ingest.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringwatch.detectors.model.GradientBoostedModel;
import io.ringwatch.detectors.model.GradientBoostedTrainer;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.ModelFile;
import io.ringwatch.ingest.quality.ScoringQuality;
import io.ringwatch.ingest.sim.Scenario;
import io.ringwatch.ingest.sim.SimulationConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainingTest {
  @TempDir Path dir;

  @Test
  void shouldTrainAModelThatRanksAHeldOutSeedBetterThanTheHeuristic() throws Exception {
    // given a model trained on 30 simulated minutes of seed 11, written and read back
    ModelTraining.Dataset data =
        ModelTraining.fromSimulation(ScoringQuality.traffic(11).withSeconds(1800), n -> {});
    ModelTraining.Result result =
        ModelTraining.train(data, 0.2, new GradientBoostedTrainer(60, 4, 0.2, 11), "gbt-test-11");
    Path path = dir.resolve("model.zip");
    result.file().write(path);
    GradientBoostedModel trained = GradientBoostedModel.of(ModelFile.read(path));

    // when both models score 30 minutes of another seed
    SimulationConfig heldOut = ScoringQuality.traffic(7).withSeconds(1800);
    ScoringQuality.Report model =
        ScoringQuality.evaluate(
            "gbt, seed 7", heldOut, ScoringQuality.scorer(trained, heldOut.start()));
    ScoringQuality.Report heuristic =
        ScoringQuality.evaluate(
            "heuristic, seed 7",
            heldOut,
            ScoringQuality.scorer(new HeuristicLogisticModel(), heldOut.start()));
    System.out.print(model.format() + heuristic.format());

    // then the trained model ranks fraud above benign better, and its decisions meet the floors
    assertThat(result.test().rocAuc()).isGreaterThan(0.95);
    assertThat(trained.metrics()).containsKey("test_roc_auc");
    assertThat(model.ranking().rocAuc()).isGreaterThan(heuristic.ranking().rocAuc());
    assertThat(model.ranking().prAuc()).isGreaterThan(heuristic.ranking().prAuc());
    assertThat(model.benign().rate()).isLessThanOrEqualTo(0.02);
    assertThat(model.scenario(Scenario.VELOCITY).rate()).isGreaterThanOrEqualTo(0.9);
    assertThat(model.scenario(Scenario.DISCOUNT_ABUSE).rate()).isEqualTo(1.0);
  }

  @Test
  void shouldRefuseAnUnlabelledLineWithItsNumber() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("events.jsonl"),
            """
            {"transaction_id":"t1","account_id":"A1","amount":10,"currency":"USD","timestamp":"2026-01-01T00:00:00Z","channel":"CARD","card_id":"C1","merchant_id":"M1","is_fraud":false}
            {"transaction_id":"t2","account_id":"A1","amount":10,"currency":"USD","timestamp":"2026-01-01T00:01:00Z","channel":"CARD","card_id":"C1","merchant_id":"M1"}
            """);
    assertThatThrownBy(() -> ModelTraining.fromJsonLines(file, n -> {}))
        .hasMessageContaining("line 2")
        .hasMessageContaining("is_fraud");
  }
}
