package io.ringwatch.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.ingest.DecodeResult;
import io.ringwatch.ingest.TransactionDecoder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RingwatchCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RingwatchCli.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void shouldPrintHelpAndExitZero() {
    // when
    int code = run("--help");
    // then
    assertThat(code).isZero();
    assertThat(out.toString()).contains("simulate").contains("load");
  }

  @Test
  void shouldPrintSimulateHelpWithItsOptions() {
    assertThat(run("simulate", "--help")).isZero();
    assertThat(out.toString())
        .contains("--bootstrap-servers", "--rate", "--scenarios", "--output", "--truth");
  }

  @Test
  void shouldPrintTrainHelpWithItsOptions() {
    assertThat(run("train", "--help")).isZero();
    assertThat(out.toString())
        .contains("--seed", "--seconds", "--accounts", "--input", "--test-share", "--output");
  }

  @Test
  void shouldTrainOnASmallSimulationPrintTheHeldOutMetricsAndWriteAModelFile(@TempDir Path dir)
      throws Exception {
    // given a short simulation and a small model
    Path model = dir.resolve("model.zip");

    // when
    int code =
        run(
            "train",
            "--seed",
            "5",
            "--seconds",
            "600",
            "--accounts",
            "200",
            "--rounds",
            "10",
            "--model-version",
            "gbt-cli-5",
            "-o",
            model.toString());

    // then
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("ROC AUC", "PR AUC", "precision@1%", "wrote model gbt-cli-5");
    assertThat(err.toString()).contains("train:");
    assertThat(io.ringwatch.detectors.model.ModelFile.read(model).version()).isEqualTo("gbt-cli-5");
  }

  @Test
  void shouldExitTwoWithClearMessageOnUnknownFlag() {
    // when
    int code = run("simulate", "--no-such-flag");
    // then
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--no-such-flag")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void shouldExitTwoWithoutSubcommand() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing subcommand");
  }

  @Test
  void shouldExitTwoOnUnknownScenario() {
    assertThat(
            run("simulate", "--scenarios", "velocity,teleport", "--seconds", "1", "--output", "-"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("unknown scenario 'teleport'");
  }

  @Test
  void shouldExitTwoOnNonNumericRate() {
    assertThat(run("simulate", "--rate", "fast")).isEqualTo(2);
    assertThat(err.toString()).contains("--rate").doesNotContain("\tat ");
  }

  @Test
  void shouldExitTwoWhenLoadFileIsMissing(@TempDir Path dir) {
    assertThat(run("load", dir.resolve("absent.jsonl").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read file").contains("absent.jsonl");
  }

  @Test
  void shouldExitTwoWhenCsvMappingNamesUnknownField(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("tx.csv");
    Files.writeString(csv, "id,who\n1,a\n");
    assertThat(run("load", csv.toString(), "--map", "id=transaction_id,who=owner")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown canonical field 'owner'");
  }

  @Test
  void shouldWriteDecodableJsonLinesAndTruthWithOutput(@TempDir Path dir) throws Exception {
    // given
    Path lines = dir.resolve("events.jsonl");
    Path truth = dir.resolve("truth.csv");
    // when
    int code =
        run(
            "simulate",
            "--seconds",
            "30",
            "--rate",
            "50",
            "--accounts",
            "200",
            "--seed",
            "3",
            "--output",
            lines.toString(),
            "--truth",
            truth.toString());
    // then
    assertThat(code).as(err.toString()).isZero();
    List<String> written = Files.readAllLines(lines, StandardCharsets.UTF_8);
    assertThat(written).hasSizeGreaterThan(1000);
    TransactionDecoder decoder = new TransactionDecoder();
    assertThat(written)
        .allSatisfy(
            line ->
                assertThat(decoder.decode(line.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(DecodeResult.Accepted.class));
    List<String> truthRows = Files.readAllLines(truth);
    assertThat(truthRows.get(0)).isEqualTo("event_id,account_id,scenario,ring_id");
    assertThat(truthRows).hasSizeGreaterThan(10);
    assertThat(err.toString()).contains("simulate: wrote " + written.size() + " events");
  }
}
