package io.ringwatch.service.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.model.GradientBoostedTrainer;
import io.ringwatch.detectors.model.HeuristicLogisticModel;
import io.ringwatch.detectors.model.ModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelHolderTest {
  @TempDir Path dir;

  private static void writeModel(Path path, String version) throws IOException {
    Random random = new Random(3);
    int burst = FeatureNames.indexOf(FeatureNames.CARD_VELOCITY_Z_1M);
    List<double[]> rows = new ArrayList<>();
    boolean[] labels = new boolean[400];
    for (int i = 0; i < labels.length; i++) {
      double[] row = new double[FeatureNames.size()];
      row[burst] = random.nextDouble() * 10;
      labels[i] = row[burst] > 4;
      rows.add(row);
    }
    new GradientBoostedTrainer(10, 2, 0.3, 3)
        .train(rows, labels, version, Map.of("test_roc_auc", 1.0))
        .write(path);
  }

  @Test
  void shouldStartOnTheHeuristicAndRememberWhyWhenTheModelFileIsMissing() {
    ModelHolder holder = new ModelHolder(Optional.of(dir.resolve("missing.zip")));

    assertThat(holder.current().version()).isEqualTo(HeuristicLogisticModel.VERSION);
    assertThat(holder.lastError()).contains("missing.zip").contains("does not exist");
  }

  @Test
  void shouldSwitchToTheTrainedModelOnReload() throws Exception {
    Path path = dir.resolve("model.zip");
    ModelHolder holder = new ModelHolder(Optional.of(path));
    writeModel(path, "gbt-reload-1");

    holder.reload();

    assertThat(holder.current().version()).isEqualTo("gbt-reload-1");
    assertThat(holder.metrics()).containsEntry("test_roc_auc", 1.0);
    assertThat(holder.lastError()).isNull();
  }

  @Test
  void shouldKeepThePreviousModelWhenTheReloadedFileIsCorrupt() throws Exception {
    Path path = dir.resolve("model.zip");
    writeModel(path, "gbt-good");
    ModelHolder holder = new ModelHolder(Optional.of(path));
    Files.writeString(path, "garbage");

    assertThatThrownBy(holder::reload).isInstanceOf(ModelFileException.class);

    assertThat(holder.current().version()).isEqualTo("gbt-good");
    assertThat(holder.lastError()).contains("not a ringwatch-model-1 file");
  }
}
