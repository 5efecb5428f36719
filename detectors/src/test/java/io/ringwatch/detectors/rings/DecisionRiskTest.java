package io.ringwatch.detectors.rings;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.features.FeatureNames;
import io.ringwatch.detectors.model.ReasonCode;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.scoring.Decision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionRiskTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void shouldReportOnlyABlockThatRingMembershipDidNotDrive() {
    ReasonCode amount = new ReasonCode(FeatureNames.AMOUNT_ZSCORE, 6.1, 1.4);
    ReasonCode mate = new ReasonCode(FeatureNames.DEVICE_MATE_IN_RING, 1, 0.9);
    ReasonCode mateAgainst = new ReasonCode(FeatureNames.RING_SCORE, 0, -0.2);

    assertThat(DecisionRisk.of(decision(Outcome.BLOCK, 930, amount))).isEqualTo(0.93);
    assertThat(DecisionRisk.of(decision(Outcome.BLOCK, 930, amount, mateAgainst))).isEqualTo(0.93);
    assertThat(DecisionRisk.of(decision(Outcome.BLOCK, 930, amount, mate))).isZero();
    assertThat(DecisionRisk.of(decision(Outcome.REVIEW, 930, amount))).isZero();
    assertThat(DecisionRisk.of(decision(Outcome.APPROVE, 999, amount))).isZero();
  }

  private static Decision decision(Outcome outcome, int score, ReasonCode... reasons) {
    return new Decision(
        TransactionId.of("t-1"),
        AccountId.of("A-1"),
        outcome,
        score,
        List.of(),
        List.of(reasons),
        List.of(),
        "test",
        1,
        T0,
        T0,
        0);
  }
}
