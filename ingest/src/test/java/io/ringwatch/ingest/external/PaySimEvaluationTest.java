package io.ringwatch.ingest.external;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.ingest.cli.RingwatchCli;
import io.ringwatch.ingest.evaluate.RingAgreement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringwatch evaluate --format paysim} on the shared sample, end to end through the CLI and
 * the service's ring tracker, scored against the sample's truth (which the evaluation never sees):
 * pairwise ring F1 must beat the trivial baseline (connected components of shared identifiers,
 * 0.90, which misses every ring's cash-out mule) and reach the goal of 0.98, with each recovered
 * ring's cash-out mule in it.
 */
class PaySimEvaluationTest {

  @Test
  void shouldRecoverTheIdentityRingsWithTheirCashOutMules(@TempDir Path out) throws IOException {
    Path sample = SharedData.sample("paysim-sample");
    StringWriter err = new StringWriter();
    int code =
        RingwatchCli.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "evaluate",
            "--format",
            "paysim",
            "--input",
            sample.toString(),
            "--out",
            out.toString());
    assertThat(code).as(err.toString()).isZero();

    Map<String, String> predicted = new HashMap<>();
    List<String> rows = Files.readAllLines(out.resolve("rings.csv"));
    assertThat(rows.get(0)).isEqualTo("account,ring_id");
    rows.stream().skip(1).map(l -> l.split(",")).forEach(c -> predicted.put(c[0], c[1]));
    Map<String, String> truth = new HashMap<>();
    Map<String, String> mules = new HashMap<>();
    for (String[] c : gzippedRows(sample.resolve("truth_rings.csv.gz"))) {
      truth.put(c[0], c[1]);
      if (c[2].equals("cashout_mule")) {
        mules.put(c[1], c[0]);
      }
    }

    RingAgreement score =
        RingAgreement.of(sample.resolve("truth_rings.csv.gz"), out.resolve("rings.csv"));
    assertThat(score.f1AllPairs())
        .as(score.toString())
        .isGreaterThan(0.90)
        .isGreaterThanOrEqualTo(0.98);
    assertThat(score.precisionAllPairs()).as(score.toString()).isGreaterThanOrEqualTo(0.98);

    // every truth ring found (some faux account predicted) has its cash-out mule beside it
    int found = 0;
    for (Map.Entry<String, String> ring : mules.entrySet()) {
      Set<String> predictedRingsOfFaux = new HashSet<>();
      truth.forEach(
          (account, ringId) -> {
            if (ringId.equals(ring.getKey())
                && !account.equals(ring.getValue())
                && predicted.containsKey(account)) {
              predictedRingsOfFaux.add(predicted.get(account));
            }
          });
      if (!predictedRingsOfFaux.isEmpty()) {
        found++;
        assertThat(predictedRingsOfFaux)
            .as("ring %s: its faux accounts' predicted rings hold its mule", ring.getKey())
            .containsExactly(predicted.get(ring.getValue()));
      }
    }
    assertThat(found).isGreaterThanOrEqualTo(mules.size() - 1);
  }

  private static List<String[]> gzippedRows(Path file) throws IOException {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      return in.lines().skip(1).map(l -> l.split(",")).toList();
    }
  }
}
