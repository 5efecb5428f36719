package io.ringwatch.gremlin.dsl;

import static io.ringwatch.gremlin.dsl.Transactions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The named graphs the DSL is tested on; each Javadoc is the picture to keep in mind. */
final class FraudGraphs {

  private FraudGraphs() {}

  /**
   * a1 and a2 share device d1; a1 also uses d2 alone. a1 and a3 share IP 10.0.0.1; a2 is alone on
   * 10.0.0.2. a3 uses d3 alone. a1 pays m1 twice, m2 once and the API pseudo-merchant once; a2 pays
   * m1. a4 shares nothing.
   */
  static FraudGraph twoAccountsSharingADevice() {
    return new FraudGraph(
        "twoAccountsSharingADevice",
        List.of(
            aPayment("a1", "m1", "d1", "10.0.0.1"),
            aPayment("a1", "m1", "d2", "10.0.0.1"),
            aPayment("a1", "m2", "d1", null),
            aPayment("a1", null, null, null),
            aPayment("a2", "m1", "d1", "10.0.0.2"),
            aPayment("a3", "m3", "d3", "10.0.0.1"),
            aPayment("a4", "m3", "d4", "10.0.0.4")),
        Map.of());
  }

  /**
   * Within the day {@code [T0, T0+1d)}: x1 -> x2 -> x3 -> x1 (a loop of three, 100 each, at 1h, 2h,
   * 3h) and x3 -> x4 (at 4h). Ten days before T0: x4 -> x1, which would close a loop of four if the
   * window were ignored. x5 never transfers.
   */
  static FraudGraph aTransferLoop() {
    return new FraudGraph(
        "aTransferLoop",
        List.of(
            aTransfer("x1", "x2", "100.00", Duration.ofHours(1)),
            aTransfer("x2", "x3", "100.00", Duration.ofHours(2)),
            aTransfer("x3", "x1", "100.00", Duration.ofHours(3)),
            aTransfer("x3", "x4", "40.00", Duration.ofHours(4)),
            aTransfer("x4", "x1", "40.00", Duration.ofDays(-10)),
            aPayment("x5", "m1", "d5", "10.0.5.5")),
        Map.of());
  }

  /**
   * Mule account mule receives, within the day, from s1 (twice), s2, s3, s4 and s5; ten days
   * before, from s6. mule forwards everything to boss. s1 also receives from s2.
   */
  static FraudGraph aFanIn() {
    return new FraudGraph(
        "aFanIn",
        List.of(
            aTransfer("s1", "mule", "90.00", Duration.ofHours(1)),
            aTransfer("s1", "mule", "95.00", Duration.ofHours(2)),
            aTransfer("s2", "mule", "91.00", Duration.ofHours(3)),
            aTransfer("s3", "mule", "92.00", Duration.ofHours(4)),
            aTransfer("s4", "mule", "93.00", Duration.ofHours(5)),
            aTransfer("s5", "mule", "94.00", Duration.ofHours(6)),
            aTransfer("s6", "mule", "99.00", Duration.ofDays(-10)),
            aTransfer("mule", "boss", "550.00", Duration.ofHours(7)),
            aTransfer("s2", "s1", "5.00", Duration.ofHours(8))),
        Map.of());
  }

  /**
   * Ring R-1 has members r1, r2, r3; ring R-2 has r3 and r4 (r3 is in both). r5 is in no ring.
   * Every account made one payment to m1.
   */
  static FraudGraph aRingWithMembers() {
    return new FraudGraph(
        "aRingWithMembers",
        List.of(
            aPayment("r1", "m1", "dr1", null),
            aPayment("r2", "m1", "dr2", null),
            aPayment("r3", "m1", "dr3", null),
            aPayment("r4", "m1", "dr4", null),
            aPayment("r5", "m1", "dr5", null)),
        Map.of("R-1", List.of("r1", "r2", "r3"), "R-2", List.of("r3", "r4")));
  }

  /**
   * q1, q2, q3 and q4 share device dq (q5 is alone on dq5). Ring R-A (ACTIVE, 0.7) has current
   * members q1 and q5; ring R-B (ACTIVE, 0.95) has current member q2 and former member q3; ring R-C
   * (DISSOLVED, 0.99) still has q4 on a current edge. q6 transferred to q1 and is in no ring.
   */
  static FraudGraph ringsOfEveryStanding() {
    return new FraudGraph(
        "ringsOfEveryStanding",
        List.of(
            aPayment("q1", "m1", "dq", null),
            aPayment("q2", "m1", "dq", null),
            aPayment("q3", "m1", "dq", null),
            aPayment("q4", "m1", "dq", null),
            aPayment("q5", "m1", "dq5", null),
            aTransfer("q6", "q1", "50.00", Duration.ofHours(2))),
        Map.of("R-A", List.of("q1", "q5"), "R-B", List.of("q2"), "R-C", List.of("q4")),
        Map.of(
            "R-A", new FraudGraph.Standing(0.7, "ACTIVE", List.of()),
            "R-B", new FraudGraph.Standing(0.95, "ACTIVE", List.of("q3")),
            "R-C", new FraudGraph.Standing(0.99, "DISSOLVED", List.of())));
  }
}
