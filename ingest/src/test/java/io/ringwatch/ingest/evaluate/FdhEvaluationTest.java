package io.ringwatch.ingest.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.model.RankingMetrics;
import io.ringwatch.ingest.cli.RingwatchCli;
import io.ringwatch.ingest.external.FdhSample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringwatch evaluate --format fdh} on the shared Handbook sample, end to end: labels for
 * days 0–44 as a bank knows them, a 7-day label delay, and the scores of the following week
 * measured in Java against the sample's own outcomes.
 */
class FdhEvaluationTest {
  private static final int SPLIT_DAY = 45;
  private static final int TEST_DAYS = 7;

  @TempDir Path temp;

  @Test
  void shouldRankTheWeekAfterTheLabelledDaysAboveTheTrivialBaseline() throws Exception {
    // given the outcomes of days 0-44 only
    Path labels =
        FdhSample.writeLabels(temp.resolve("labels.csv"), FdhSample.outcomes(d -> d < SPLIT_DAY));
    Map<TransactionId, Boolean> later =
        FdhSample.outcomes(d -> d >= SPLIT_DAY && d < SPLIT_DAY + TEST_DAYS);
    Path truth = FdhSample.writeLabels(temp.resolve("truth.csv"), later);
    Path out = temp.resolve("out");

    // when
    StringWriter stdout = new StringWriter();
    int code =
        RingwatchCli.run(
            new PrintWriter(stdout),
            new PrintWriter(new StringWriter()),
            "evaluate",
            "--format",
            "fdh",
            "--input",
            FdhSample.dir().toString(),
            "--out",
            out.toString(),
            "--labels",
            labels.toString(),
            "--truth",
            truth.toString());

    // then every event has a score, and the later week ranks well
    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(out.resolve("scores.csv"));
    assertThat(lines.get(0)).isEqualTo("event_id,score");
    assertThat(lines).hasSize(113_798 + 1);
    Map<TransactionId, Double> scores = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      scores.put(TransactionId.of(f[0]), Double.parseDouble(f[1]));
    }
    double[] s = new double[later.size()];
    boolean[] y = new boolean[later.size()];
    int i = 0;
    for (Map.Entry<TransactionId, Boolean> e : later.entrySet()) {
      s[i] = scores.get(e.getKey());
      y[i++] = e.getValue();
    }
    RankingMetrics metrics = RankingMetrics.of(s, y);
    double recall = RankingMetrics.recallAtFalsePositiveRate(s, y, 0.01);
    // the trivial baseline of the data README (gradient boosting with delayed terminal risk):
    // 0.90 / 0.72 / 0.75; the Handbook's recipe on this very split (bench/quality): 0.934 /
    // 0.813 / 0.785; the goal: 0.93 / 0.80 / 0.85. With the features of ADR 22 this week
    // measures 0.922 / 0.819 / 0.791 (ADR 18's: 0.930 / 0.804 / 0.766); the assertions keep a
    // margin of about 0.02 under that, as the seed moves the figures by about that much.
    assertThat(metrics.rocAuc()).isGreaterThan(0.90);
    assertThat(metrics.prAuc()).isGreaterThan(0.80);
    assertThat(recall).isGreaterThan(0.77);
    assertThat(stdout.toString())
        .contains("time split: trained on 85287 labelled events (2618 fraud)")
        .contains("7 days after their event")
        .contains(String.format(java.util.Locale.ROOT, "ROC AUC %.4f", metrics.rocAuc()));
  }
}
