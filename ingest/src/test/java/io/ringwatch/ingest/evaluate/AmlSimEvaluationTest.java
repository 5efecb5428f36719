package io.ringwatch.ingest.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.ingest.cli.RingwatchCli;
import io.ringwatch.ingest.external.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringwatch evaluate --format amlsim} on the shared AMLSim sample, end to end through the
 * CLI, scored in Java against the sample's true rings (which the evaluation never reads: the loader
 * reads only transactions.csv without its label columns, and accounts.csv).
 *
 * <p>Trivial baselines on this data (../shared/data/README.md): connected components of the
 * transfer graph reach pairwise F1 ≈ 0.01, modularity Leiden F1 ≈ 0.2 and 7% of rings recovered.
 * The ceiling from the transfers themselves is F1 0.90 / 82% recovered: the random typology's
 * members and most of the stack typology's never appear in its recorded transfers.
 */
class AmlSimEvaluationTest {

  @Test
  void shouldRecoverTheLaunderingRingsOfTheAmlSimSampleFarAboveTheTrivialBaselines(
      @TempDir Path out) throws Exception {
    // given
    Path sample = SharedData.sample("amlsim-sample");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();

    // when
    int code =
        RingwatchCli.run(
            new PrintWriter(stdout),
            new PrintWriter(stderr),
            "evaluate",
            "--format",
            "amlsim",
            "--input",
            sample.toString(),
            "--out",
            out.toString());

    // then
    assertThat(code).as(stderr.toString()).isZero();
    assertThat(out.resolve("report.md")).exists();
    assertThat(Files.readString(out.resolve("report.md"))).contains("LAUNDERING");
    RingAgreement agreement =
        RingAgreement.of(sample.resolve("truth_rings.csv.gz"), out.resolve("rings.csv"));
    assertThat(agreement.truths()).isEqualTo(38);
    // well above modularity Leiden (0.2 / 7%), close to the ceiling (0.90 / 82%)
    assertThat(agreement.f1()).as(agreement.toString()).isGreaterThanOrEqualTo(0.88);
    assertThat(agreement.precision()).as(agreement.toString()).isGreaterThanOrEqualTo(0.95);
    // the goal of issue 7 for recovery
    assertThat(agreement.recovery()).as(agreement.toString()).isGreaterThanOrEqualTo(0.80);
    assertThat(agreement.falseRings()).as(agreement.toString()).isLessThanOrEqualTo(5);
  }
}
