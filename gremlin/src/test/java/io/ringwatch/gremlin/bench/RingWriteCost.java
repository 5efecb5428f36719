package io.ringwatch.gremlin.bench;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.rings.MemberRole;
import io.ringwatch.detectors.rings.Membership;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingEvidence;
import io.ringwatch.detectors.rings.RingId;
import io.ringwatch.detectors.rings.RingKind;
import io.ringwatch.detectors.rings.RingStatus;
import io.ringwatch.gremlin.GraphSettings;
import io.ringwatch.gremlin.RingwatchGraph;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of ring writes with a feature lookup registered, as in the service: 20,000 accounts
 * written on a new BerkeleyJE graph in the given directory, then three passes writing 2,000 rings
 * of 10 members in writes of 100 rings (new rings, then changed scores), each timed in wall and
 * thread CPU. Run through {@code main} with the test classpath (docs/benchmarks.md).
 */
public final class RingWriteCost {

  private RingWriteCost() {}

  /** {@code args[0]}: an empty directory for the graph. */
  public static void main(String[] args) {
    Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
    try (RingwatchGraph graph =
        RingwatchGraph.open(GraphSettings.berkeleyJe(Path.of(args[0])).withDatabaseCache())) {
      graph.featureLookup(1000);
      List<Transaction> batch = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        batch.add(
            Transaction.builder()
                .id("t" + i)
                .account(AccountId.of("a" + i))
                .amount(BigDecimal.TEN)
                .currency("EUR")
                .timestamp(t0)
                .channel(Channel.CARD)
                .merchant(MerchantId.of("m1"))
                .device(DeviceId.of("d" + (i / 3)))
                .build());
        if (batch.size() == 100) {
          graph.writer().write(batch);
          batch = new ArrayList<>();
        }
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int pass = 0; pass < 3; pass++) {
        List<Ring> rings = new ArrayList<>();
        for (int r = 0; r < 2_000; r++) {
          List<Membership> members = new ArrayList<>();
          for (int m = 0; m < 10; m++) {
            members.add(
                new Membership(AccountId.of("a" + (r * 10 + m)), MemberRole.MEMBER, t0, null));
          }
          rings.add(
              new Ring(
                  RingId.of("R-" + r),
                  RingKind.COMMUNITY,
                  RingStatus.ACTIVE,
                  0.5 + pass * 0.1,
                  members,
                  List.of(),
                  t0,
                  t0,
                  RingEvidence.none()));
        }
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < rings.size(); i += 100) {
          graph.ringWriter().write(rings.subList(i, i + 100));
        }
        System.out.printf(
            "RingWriteCost: pass %d (%s): 2,000 rings in 20 writes: %.0f ms wall, %.0f ms thread"
                + " CPU%n",
            pass,
            pass == 0 ? "new rings" : "score changes",
            (System.nanoTime() - start) / 1e6,
            (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
      }
    }
  }
}
