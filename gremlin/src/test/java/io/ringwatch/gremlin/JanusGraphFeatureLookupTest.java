package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Transactions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.GraphFeatures;
import io.ringwatch.detectors.features.InMemoryGraphFeatures;
import io.ringwatch.detectors.rings.MemberRole;
import io.ringwatch.detectors.rings.Membership;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingEvidence;
import io.ringwatch.detectors.rings.RingId;
import io.ringwatch.detectors.rings.RingKind;
import io.ringwatch.detectors.rings.RingStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The graph-backed feature lookup on JanusGraph {@code inmemory} with the schema enforced and the
 * database cache on, written through the real writers.
 */
class JanusGraphFeatureLookupTest {

  private RingwatchGraph graph;
  private JanusGraphFeatureLookup lookup;
  private int next;

  @BeforeEach
  void openGraphWithTheDatabaseCache() {
    graph = RingwatchGraph.open(GraphSettings.inMemory().withDatabaseCache());
    lookup = graph.featureLookup(1000);
  }

  @AfterEach
  void closeGraph() {
    graph.close();
  }

  private Transaction event(String account, String device, String ip) {
    Transaction.Builder b = aPayment("e" + next++, account, "m1");
    return b.device(device == null ? null : device(device)).ip(ip == null ? null : ip(ip)).build();
  }

  /** What the scorer does: observe, then look up. */
  private GraphFeatures score(Transaction t) {
    lookup.observe(t);
    return lookup.lookup(t);
  }

  private void commit(Transaction... events) {
    graph.writer().write(List.of(events));
  }

  private static Ring ring(String id, RingStatus status, double score, String... members) {
    List<Membership> current = new ArrayList<>();
    for (String m : members) {
      current.add(new Membership(AccountId.of(m), MemberRole.MEMBER, T0, null));
    }
    return new Ring(
        RingId.of(id),
        RingKind.COMMUNITY,
        status,
        score,
        current,
        List.of(),
        T0,
        T0,
        RingEvidence.none());
  }

  @Test
  void shouldCountTheAccountsOnTheDeviceAndIpInTheGraphPlusTheEventsOwnAccount() {
    // given a1 and a2 on d1 / 10.0.0.1, a3 on d2
    commit(event("a1", "d1", "10.0.0.1"), event("a2", "d1", "10.0.0.1"), event("a3", "d2", null));

    // when a newcomer and a known user of d1 pay
    GraphFeatures newcomer = score(event("a4", "d1", "10.0.0.1"));
    GraphFeatures known = score(event("a1", "d1", "10.0.0.1"));

    // then the newcomer counts itself, the known user is not counted twice
    assertThat(newcomer.accountsSharingDevice()).isEqualTo(3);
    assertThat(newcomer.accountsSharingIp()).isEqualTo(3);
    assertThat(known.accountsSharingDevice()).isEqualTo(3);
    assertThat(score(event("a9", "never-seen", null)).accountsSharingDevice()).isEqualTo(1);
    assertThat(score(event("a9", null, null))).isEqualTo(GraphFeatures.NONE);
  }

  @Test
  void shouldCountEventsScoredButNotYetCommittedAndForgetThemOnceCommitted() {
    Transaction first = event("b1", "d7", "10.0.0.7");
    score(first);

    GraphFeatures second = score(event("b2", "d7", "10.0.0.7"));

    assertThat(second.accountsSharingDevice()).as("b1 from the overlay, b2 itself").isEqualTo(2);
    assertThat(lookup.pendingEvents()).isEqualTo(2);
    commit(first);
    assertThat(lookup.pendingEvents()).isEqualTo(1);
    assertThat(score(event("b3", "d7", null)).accountsSharingDevice())
        .as("b1 from the graph, b2 from the overlay, b3 itself")
        .isEqualTo(3);
  }

  @Test
  void shouldSeeANewCommitThroughAWarmDatabaseCache() {
    commit(event("c1", "d3", null));
    assertThat(score(event("c1", "d3", null)).accountsSharingDevice()).isEqualTo(1);

    commit(event("c2", "d3", null));

    assertThat(lookup.lookup(event("c3", "d3", null)).accountsSharingDevice()).isEqualTo(3);
  }

  @Test
  void shouldSaturateTheCountsAtTheBound() {
    JanusGraphFeatureLookup small = graph.featureLookup(2);
    commit(event("s1", "d5", null), event("s2", "d5", null), event("s3", "d5", null));

    assertThat(small.lookup(event("s4", "d5", null)).accountsSharingDevice()).isEqualTo(2);
  }

  @Test
  void shouldFlagADeviceMateTheCounterpartyAndTheAccountInAnActiveRingWithItsScore() {
    // given r1 in an active ring (0.8) and r2 in a dissolved one (0.99), both on d1; r3 alone
    commit(event("r1", "d1", null), event("r2", "d1", null), event("r3", "d3", null));
    graph
        .ringWriter()
        .write(
            List.of(
                ring("R-1", RingStatus.ACTIVE, 0.8, "r1"),
                ring("R-2", RingStatus.DISSOLVED, 0.99, "r2")));

    GraphFeatures mate = score(event("r4", "d1", null));
    GraphFeatures transfer =
        score(aTransfer("x" + next++, "r3", "r1").device(device("d3")).build());
    GraphFeatures member = score(event("r1", "d1", null));
    GraphFeatures dissolved = score(event("r2", "d3", null));

    assertThat(mate.deviceMateInRing()).isTrue();
    assertThat(mate.ringScore()).isEqualTo(0.8);
    assertThat(mate.counterpartyInRing()).isFalse();
    assertThat(transfer.counterpartyInRing()).isTrue();
    assertThat(transfer.deviceMateInRing()).isFalse();
    assertThat(transfer.ringScore()).isEqualTo(0.8);
    assertThat(member.deviceMateInRing()).as("r2's ring is dissolved").isFalse();
    assertThat(member.ringScore()).as("its own ring").isEqualTo(0.8);
    assertThat(dissolved.ringScore()).isZero();
  }

  @Test
  void shouldCountLikeTheInMemoryLookupOnAStreamWrittenBehindInBatches() {
    // given a seeded stream over 40 accounts, 10 devices and 6 IPs, written after every 20 events
    assertCountsLikeTheInMemoryLookup(lookup, new InMemoryGraphFeatures(10_000, 1000));
  }

  @Test
  void shouldCountLikeTheInMemoryLookupWhenDevicesAndIpsSaturateAtTheBound() {
    // given the same stream with a bound of 3: most devices and IPs saturate, and are remembered
    JanusGraphFeatureLookup bounded = graph.featureLookup(3);
    assertCountsLikeTheInMemoryLookup(bounded, new InMemoryGraphFeatures(10_000, 3));

    // then a saturated device still answers the bound, for a new account too
    assertThat(bounded.lookup(event("newcomer", "pd0", "10.1.0.0")).accountsSharingDevice())
        .isEqualTo(3);
  }

  private void assertCountsLikeTheInMemoryLookup(
      JanusGraphFeatureLookup lookup, InMemoryGraphFeatures memory) {
    Random random = new Random(11);
    List<Transaction> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Transaction t =
          event("p" + random.nextInt(40), "pd" + random.nextInt(10), "10.1.0." + random.nextInt(6));
      memory.observe(t);
      GraphFeatures expected = memory.lookup(t);

      lookup.observe(t);
      GraphFeatures actual = lookup.lookup(t);

      assertThat(actual.accountsSharingDevice())
          .as("device count of event %d", i)
          .isEqualTo(expected.accountsSharingDevice());
      assertThat(actual.accountsSharingIp())
          .as("IP count of event %d", i)
          .isEqualTo(expected.accountsSharingIp());
      batch.add(t);
      if (batch.size() == 20) {
        graph.writer().write(List.copyOf(batch));
        batch.clear();
      }
    }
    assertThat(lookup.pendingEvents()).isZero();
  }

  @Test
  void shouldAnswerFromTheCacheLikeTheGraphAfterCommitsAndRingWrites() {
    // given a cached and an uncached lookup over the same graph, and rings on d1 written later
    JanusGraphFeatureLookup uncached = graph.featureLookup(1000, false);
    commit(event("k1", "d1", "10.0.0.1"), event("k2", "d1", "10.0.0.1"), event("k3", "d2", null));
    Transaction mate = event("k4", "d1", "10.0.0.1");
    Transaction transfer = aTransfer("x" + next++, "k3", "k2").device(device("d2")).build();
    assertThat(lookup.lookup(mate)).isEqualTo(uncached.lookup(mate));
    assertThat(lookup.lookup(mate).deviceMateInRing()).isFalse();
    assertThat(lookup.cachedAnswers()).as("answers are cached").isPositive();

    // when k2 joins an active ring, then its score changes, then the ring dissolves
    graph.ringWriter().write(List.of(ring("K-1", RingStatus.ACTIVE, 0.7, "k2")));
    assertThat(lookup.lookup(mate).deviceMateInRing()).as("k2 now in a ring").isTrue();
    assertThat(lookup.lookup(mate).ringScore()).isEqualTo(0.7);
    assertThat(lookup.lookup(transfer).counterpartyInRing()).isTrue();
    graph.ringWriter().write(List.of(ring("K-1", RingStatus.ACTIVE, 0.9, "k2")));
    assertThat(lookup.lookup(mate).ringScore()).as("the new score").isEqualTo(0.9);
    graph.ringWriter().write(List.of(ring("K-1", RingStatus.DISSOLVED, 0.9, "k2")));

    // then every answer follows the graph
    assertThat(lookup.lookup(mate).deviceMateInRing()).as("dissolved").isFalse();
    assertThat(lookup.lookup(transfer).counterpartyInRing()).isFalse();
    assertThat(lookup.lookup(transfer)).isEqualTo(uncached.lookup(transfer));

    // and a commit that links k4 to d1 and the IP is counted once, from the graph
    commit(mate);
    Transaction again = event("k4", "d1", "10.0.0.1");
    assertThat(lookup.lookup(again).accountsSharingDevice()).isEqualTo(3);
    assertThat(lookup.lookup(again)).isEqualTo(uncached.lookup(again));
  }

  @Test
  void shouldAnswerRightAfterACommitFromTheUpdatedCacheWithoutReadingTheGraph() {
    // given w1 and w2 on d1 / 10.0.0.1, and two newcomers' events looked up: answers cached
    JanusGraphFeatureLookup uncached = graph.featureLookup(1000, false);
    commit(event("w1", "d1", "10.0.0.1"), event("w2", "d1", "10.0.0.1"));
    Transaction third = event("w3", "d1", "10.0.0.1");
    Transaction fourth = event("w4", "d1", "10.0.0.1");
    assertThat(lookup.lookup(third).accountsSharingDevice()).isEqualTo(3);
    assertThat(lookup.lookup(fourth).accountsSharingIp()).isEqualTo(3);
    long reads = lookup.graphReads();
    assertThat(reads).as("the misses read the graph").isPositive();

    // when w3's event is committed: it links w3 to d1 and to the IP
    commit(third);

    // then the next lookups count w3 once, as the graph does, and read no graph
    GraphFeatures forFourth = lookup.lookup(fourth);
    GraphFeatures forThird = lookup.lookup(third);
    assertThat(lookup.graphReads()).as("answered from the updated cache").isEqualTo(reads);
    assertThat(forFourth.accountsSharingDevice()).as("w1, w2, w3 and w4 itself").isEqualTo(4);
    assertThat(forFourth.accountsSharingIp()).isEqualTo(4);
    assertThat(forThird.accountsSharingDevice()).as("w3 is linked now").isEqualTo(3);
    assertThat(forThird.accountsSharingIp()).isEqualTo(3);
    assertThat(forFourth).isEqualTo(uncached.lookup(fourth));
    assertThat(forThird).isEqualTo(uncached.lookup(third));

    // and a ring write puts w1's new score in place: w4's device mate is in a ring
    graph.ringWriter().write(List.of(ring("W-1", RingStatus.ACTIVE, 0.6, "w1")));
    GraphFeatures afterRing = lookup.lookup(fourth);
    assertThat(lookup.graphReads()).as("the score came with the ring write").isEqualTo(reads);
    assertThat(afterRing.deviceMateInRing()).isTrue();
    assertThat(afterRing.ringScore()).isEqualTo(0.6);
    assertThat(afterRing).isEqualTo(uncached.lookup(fourth));
  }

  @Test
  void shouldReadAKnownAccountOnItsOwnDeviceAndIpInOneTraversalWhenCold() {
    // given f1 and f2 on d1 / 10.0.0.1, f2 in an active ring; a cold cache
    JanusGraphFeatureLookup uncached = graph.featureLookup(1000, false);
    commit(event("f1", "d1", "10.0.0.1"), event("f2", "d1", "10.0.0.1"));
    graph.ringWriter().write(List.of(ring("F-1", RingStatus.ACTIVE, 0.4, "f2")));
    Transaction usual = event("f1", "d1", "10.0.0.1");

    // when f1 pays from its usual device and IP
    GraphFeatures features = lookup.lookup(usual);

    // then its links, score, the device's count and mates' scores and the IP's count came in one
    assertThat(lookup.graphTraversals()).isEqualTo(1);
    assertThat(features.deviceMateInRing()).isTrue();
    assertThat(features.accountsSharingIp()).isEqualTo(2);
    assertThat(features).isEqualTo(uncached.lookup(usual));
    assertThat(lookup.lookup(usual)).isEqualTo(features);
    assertThat(lookup.graphTraversals()).as("then warm").isEqualTo(1);
  }

  @Test
  void shouldForgetADeviceWhoseUsersPassTheMatesScannedAndReadItAgain() {
    // given a device with as many users as mates are scanned, cached
    JanusGraphFeatureLookup uncached = graph.featureLookup(1000, false);
    List<Transaction> users = new ArrayList<>();
    for (int i = 0; i < JanusGraphFeatureLookup.RING_SCAN_LIMIT; i++) {
      users.add(event("h" + i, "hub", null));
    }
    graph.writer().write(users);
    Transaction newcomer = event("h-new", "hub", null);
    Transaction outsider = event("h-out", "hub", null);
    assertThat(lookup.lookup(newcomer).accountsSharingDevice()).isEqualTo(65);
    lookup.lookup(outsider);
    long reads = lookup.graphReads();

    // when one more account is linked: which 64 mates an outsider sees depends on graph order
    commit(newcomer);

    // then the device is read again, and the answers are the graph's
    GraphFeatures forOutsider = lookup.lookup(outsider);
    assertThat(lookup.graphReads()).as("the device answer was forgotten").isEqualTo(reads + 1);
    assertThat(forOutsider.accountsSharingDevice()).isEqualTo(66);
    assertThat(forOutsider).isEqualTo(uncached.lookup(outsider));
  }

  @Test
  void shouldNotCacheWhatItReadsWhileACommitIsInFlight() {
    // given a listener told of each commit before the lookup (so called first), which looks up
    // an event on d9 after the commit reached the graph and before the lookup updated its cache
    List<GraphFeatures> seenMidCommit = new ArrayList<>();
    Transaction probe = event("i9", "d9", "10.0.0.9");
    graph
        .writer()
        .commitListener(
            new CommitListener<>() {
              @Override
              public void beforeCommit() {}

              @Override
              public void committed(TransactionWriter.Committed change) {
                seenMidCommit.add(lookup.lookup(probe));
              }

              @Override
              public void commitFailed() {}
            });
    JanusGraphFeatureLookup cached = graph.featureLookup(1000, true);
    JanusGraphFeatureLookup uncached = graph.featureLookup(1000, false);
    lookup = cached;
    commit(event("i1", "d9", "10.0.0.9"));

    // when a second user of d9 is committed: the probe reads the graph with it, mid-commit
    commit(event("i2", "d9", "10.0.0.9"));

    // then what it read was not stored to be updated again: i1, i2 and the probe's i9
    assertThat(seenMidCommit.get(1).accountsSharingDevice()).isEqualTo(3);
    assertThat(cached.lookup(probe).accountsSharingDevice()).isEqualTo(3);
    assertThat(cached.lookup(probe).accountsSharingIp()).isEqualTo(3);
    assertThat(cached.lookup(probe)).isEqualTo(uncached.lookup(probe));
  }

  @Test
  void shouldGiveTheUncachedFeaturesOnAStreamWithTransfersCommitsAndRingChanges() {
    assertCachedLikeUncached(1000);
  }

  @Test
  void shouldGiveTheUncachedFeaturesWhenDevicesAndIpsSaturateAtTheBound() {
    assertCachedLikeUncached(3);
  }

  /**
   * A seeded stream over 40 accounts, 8 devices and 5 IPs (one event in five a transfer), written
   * after every 15 events; every 25 events a ring write over random accounts (new rings, changed
   * scores, members leaving, rings dissolved). Each event is looked up twice by the cached lookup
   * (the second from a warm cache) and once by the uncached one: all three must be equal.
   */
  private void assertCachedLikeUncached(int bound) {
    JanusGraphFeatureLookup cached = graph.featureLookup(bound, true);
    JanusGraphFeatureLookup uncached = graph.featureLookup(bound, false);
    Random random = new Random(23);
    List<Transaction> batch = new ArrayList<>();
    int withRing = 0;
    for (int i = 0; i < 400; i++) {
      int from = random.nextInt(40);
      Transaction.Builder b =
          random.nextInt(5) == 0
              ? aTransfer("q-e" + i, "q" + from, "q" + ((from + 1 + random.nextInt(39)) % 40))
              : aPayment("q-e" + i, "q" + from, "m1");
      Transaction t =
          b.device(device("qd" + random.nextInt(8))).ip(ip("10.2.0." + random.nextInt(5))).build();
      cached.observe(t);
      uncached.observe(t);

      GraphFeatures expected = uncached.lookup(t);
      assertThat(cached.lookup(t)).as("event %d", i).isEqualTo(expected);
      assertThat(cached.lookup(t)).as("event %d, warm", i).isEqualTo(expected);
      if (expected.ringScore() > 0) {
        withRing++;
      }
      batch.add(t);
      if (batch.size() == 15) {
        graph.writer().write(List.copyOf(batch));
        batch.clear();
      }
      if (i % 25 == 24) {
        graph.ringWriter().write(List.of(randomRing(random)));
      }
    }
    assertThat(withRing).as("events that saw a ring").isGreaterThan(20);
    assertThat(cached.cachedAnswers()).isPositive();
  }

  /** One of four rings with 1-4 current members, maybe a former one, random score and status. */
  private static Ring randomRing(Random random) {
    Map<String, Membership> current = new LinkedHashMap<>();
    int members = 2 + random.nextInt(3);
    for (int m = 0; m < members; m++) {
      String account = "q" + random.nextInt(40);
      current.put(account, new Membership(AccountId.of(account), MemberRole.MEMBER, T0, null));
    }
    List<Membership> former = new ArrayList<>();
    String left = "q" + random.nextInt(40);
    if (random.nextBoolean() && !current.containsKey(left)) {
      former.add(new Membership(AccountId.of(left), MemberRole.MEMBER, T0, T0.plusSeconds(60)));
    }
    RingStatus status = random.nextInt(4) == 0 ? RingStatus.DISSOLVED : RingStatus.ACTIVE;
    return new Ring(
        RingId.of("Q-" + random.nextInt(4)),
        RingKind.COMMUNITY,
        status,
        Math.round(random.nextDouble() * 100) / 100.0,
        List.copyOf(current.values()),
        former,
        T0,
        T0,
        RingEvidence.none());
  }
}
