package io.ringwatch.ingest.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringwatch.detectors.domain.Transaction;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AMLSim loader on the shared sample ({@code ../shared/data/amlsim-sample}), read in place. */
class AmlSimLoaderTest {

  @Test
  void shouldLoadEveryAccountAndTransferOfTheSample() throws IOException {
    // given the sample's README: 2,892 accounts, 26,212 transfers, none to itself
    Path sample = SharedData.sample("amlsim-sample");

    // when
    ExternalDataset data = new AmlSimLoader().load(sample);

    // then
    assertThat(data.format()).isEqualTo("amlsim");
    assertThat(data.counts())
        .containsEntry("accounts listed", 2892L)
        .containsEntry("accounts", 2892L)
        .containsEntry("accounts transacting", 1321L)
        .containsEntry("transactions", 26212L)
        .containsEntry("self-transfers skipped", 0L);
    assertThat(data.transactions()).hasSize(26212);
    Transaction first = data.transactions().get(0);
    assertThat(first.isTransfer()).isTrue();
    assertThat(first.counterparty()).isNotNull();
    assertThat(data.transactions())
        .isSortedAccordingTo(java.util.Comparator.comparing(Transaction::timestamp));
  }

  @Test
  void shouldRefuseToReadTheSarFlagOrTheAlertIdAsInput() {
    Path sample = SharedData.sample("amlsim-sample");
    for (String label : List.of("is_sar", "alert_id")) {
      assertThatThrownBy(
              () ->
                  CsvFile.in(sample, "transactions.csv", new AmlSimLoader().labelColumns())
                      .forEach(List.of("tran_id", label), row -> {}))
          .isInstanceOf(LabelColumnException.class)
          .hasMessageContaining(label)
          .hasMessageContaining("--labels");
    }
  }

  @Test
  void shouldLoadTheSameEventsWhateverTheLabelColumnsSay(@TempDir Path dir) throws IOException {
    // given a copy of the sample whose is_sar and alert_id columns are scrambled
    Path sample = SharedData.sample("amlsim-sample");
    Path scrambled = dir.resolve("scrambled");
    Files.createDirectories(scrambled);
    Files.copy(sample.resolve("accounts.csv.gz"), scrambled.resolve("accounts.csv.gz"));
    rewriteLabels(sample.resolve("transactions.csv.gz"), scrambled.resolve("transactions.csv.gz"));

    // when
    ExternalDataset original = new AmlSimLoader().load(sample);
    ExternalDataset changed = new AmlSimLoader().load(scrambled);

    // then
    assertThat(changed.counts()).isEqualTo(original.counts());
    assertThat(changed.transactions().stream().map(AmlSimLoaderTest::describe).toList())
        .isEqualTo(original.transactions().stream().map(AmlSimLoaderTest::describe).toList());
  }

  private static String describe(Transaction t) {
    return String.join(
        "|",
        t.id().value(),
        t.account().value(),
        String.valueOf(t.counterparty()),
        t.amount().toPlainString(),
        t.timestamp().toString(),
        String.valueOf(t.fraudLabel()),
        String.valueOf(t.paymentMethod()));
  }

  /** Copies the file with every is_sar flipped and every alert_id replaced by the row number. */
  private static void rewriteLabels(Path from, Path to) throws IOException {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(from)), StandardCharsets.UTF_8));
        BufferedWriter out =
            new BufferedWriter(
                new OutputStreamWriter(
                    new GZIPOutputStream(Files.newOutputStream(to)), StandardCharsets.UTF_8))) {
      List<String> header = List.of(in.readLine().split(","));
      int sar = header.indexOf("is_sar");
      int alert = header.indexOf("alert_id");
      assertThat(sar).isNotNegative();
      assertThat(alert).isNotNegative();
      out.write(String.join(",", header));
      out.newLine();
      String line;
      long row = 0;
      while ((line = in.readLine()) != null) {
        String[] cells = line.split(",", -1);
        cells[sar] = cells[sar].equalsIgnoreCase("true") ? "False" : "True";
        cells[alert] = Long.toString(row++ % 97);
        out.write(String.join(",", cells));
        out.newLine();
      }
    }
  }
}
