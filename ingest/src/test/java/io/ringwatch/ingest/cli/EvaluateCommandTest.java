package io.ringwatch.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.ingest.external.FdhSample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract of {@code evaluate} and {@code load --format} on small files. */
class EvaluateCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RingwatchCli.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  /** A five-account AMLSim directory: a transfer loop of four and some noise. */
  private static Path amlsim(Path dir, boolean withLabels) throws Exception {
    String header =
        withLabels
            ? "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id"
            : "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp";
    String labels = withLabels ? ",True,7" : "";
    Files.write(
        dir.resolve("transactions.csv"),
        List.of(
            header,
            "1,a1,a2,TRANSFER,150.00,2017-01-02T00:00:00Z" + labels,
            "2,a2,a3,TRANSFER,149.00,2017-01-03T00:00:00Z" + labels,
            "3,a3,a4,TRANSFER,148.00,2017-01-04T00:00:00Z" + labels,
            "4,a4,a1,TRANSFER,147.00,2017-01-05T00:00:00Z" + labels,
            "5,a5,a1,TRANSFER,20.00,2017-01-01T00:00:00Z" + labels));
    return dir;
  }

  @Test
  void shouldSayTheHeapIsTooSmallAndExitNonZeroWhenTheInputDoesNotFit(@TempDir Path dir)
      throws Exception {
    // given the Handbook sample and a JVM whose heap cannot hold it
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xmx16m",
                "-cp",
                System.getProperty("java.class.path"),
                RingwatchCli.class.getName(),
                "evaluate",
                "--format",
                "fdh",
                "--input",
                FdhSample.dir().toString(),
                "--out",
                dir.resolve("out").toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();

    // when
    String stderr = new String(process.getErrorStream().readAllBytes());
    int code = process.waitFor();

    // then a sentence, not a stack trace, and a failure code
    assertThat(code).as(stderr).isEqualTo(1);
    assertThat(stderr).contains("error: out of memory", "MB", "-Xmx").doesNotContain("\tat ");
  }

  @Test
  void shouldPrintEvaluateHelpWithItsOptions() {
    assertThat(run("evaluate", "--help")).isZero();
    assertThat(out.toString()).contains("--format", "--input", "--out", "--labels", "amlsim");
  }

  @Test
  void shouldWriteScoresForEveryEventRingsAndAReport(@TempDir Path dir) throws Exception {
    // given
    Path input = Files.createDirectory(dir.resolve("in"));
    amlsim(input, true);
    Path output = dir.resolve("out");

    // when
    int code =
        run(
            "evaluate",
            "--format",
            "amlsim",
            "--input",
            input.toString(),
            "--out",
            output.toString());

    // then every event has a score, in event-time order, and the report names the stages
    assertThat(code).as(err.toString()).isZero();
    List<String> scores = Files.readAllLines(output.resolve("scores.csv"));
    assertThat(scores.get(0)).isEqualTo("event_id,score");
    assertThat(scores.subList(1, scores.size()))
        .extracting(line -> line.split(",")[0])
        .containsExactly("5", "1", "2", "3", "4");
    assertThat(Files.readAllLines(output.resolve("rings.csv")).get(0)).isEqualTo("account,ring_id");
    assertThat(Files.readString(output.resolve("report.md")))
        .contains("# Ringwatch evaluation: amlsim", "| transactions | 5 |", "replay");
  }

  @Test
  void shouldRefuseAnUnknownFormatAsAUsageError(@TempDir Path dir) {
    int code =
        run("evaluate", "--format", "csv", "--input", dir.toString(), "--out", dir.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown format 'csv'", "amlsim, paysim, fdh");
  }

  @Test
  void shouldNameTheMissingFileOfAFormat(@TempDir Path dir) {
    int code =
        run("evaluate", "--format", "fdh", "--input", dir.toString(), "--out", dir.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("transactions.csv");
  }

  @Test
  void shouldNameFileAndLineOfAMalformedRow(@TempDir Path dir) throws Exception {
    Files.write(
        dir.resolve("transactions.csv"),
        List.of(
            "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp",
            "1,a1,a2,TRANSFER,lots,2017-01-02T00:00:00Z"));
    int code =
        run("evaluate", "--format", "amlsim", "--input", dir.toString(), "--out", dir.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("transactions.csv line 2");
  }

  @Test
  void shouldRefuseLoadWithAFormatWhenFileIsNotADirectory(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "a\n");
    int code = run("load", file.toString(), "--format", "amlsim");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("generator's directory");
  }
}
