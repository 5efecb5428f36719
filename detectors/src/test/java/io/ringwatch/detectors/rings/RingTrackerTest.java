package io.ringwatch.detectors.rings;

import static io.ringwatch.detectors.rings.FraudGraphs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Identity;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.scoring.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RingTrackerTest {
  private final RingTracker tracker =
      newTracker(
          new AccountProjection(ProjectionSettings.defaults()), Clock.fixed(T0, ZoneOffset.UTC));

  /** The tracker under test; {@link RingTrackerRegionTest} re-runs every test by region. */
  RingTracker newTracker(AccountProjection projection, Clock clock) {
    return new RingTracker(projection, TrackerSettings.defaults(), clock);
  }

  private static Set<AccountId> accounts(String prefix, int n) {
    return IntStream.rangeClosed(1, n)
        .mapToObj(i -> AccountId.of(prefix + "-" + i))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private List<Ring> active(RingKind kind) {
    return tracker.rings().stream().filter(r -> r.isActive() && r.kind() == kind).toList();
  }

  @Test
  void shouldKeepTwoRingsBridgedByOneDeviceApart() {
    tracker.accept(twoRingsBridgedByOneDevice());
    List<RingEvent> events = tracker.reclusterDirty();
    assertThat(events).extracting(RingEvent::type).containsOnly(RingEventType.NEW).hasSize(2);
    Set<Set<AccountId>> members =
        active(RingKind.COMMUNITY).stream().map(Ring::memberIds).collect(Collectors.toSet());
    // the bridging account B-1 may sit on either side, but the rings stay apart
    Set<AccountId> restOfB = new TreeSet<>(accounts("B", 6));
    restOfB.remove(AccountId.of("B-1"));
    assertThat(members).hasSize(2);
    assertThat(members).anyMatch(m -> m.containsAll(accounts("A", 6)) && m.size() <= 7);
    assertThat(members).anyMatch(m -> m.containsAll(restOfB) && m.size() <= 6);
  }

  @Test
  void shouldNotGlueRingsTogetherThroughAPublicIp() {
    tracker.accept(ringsBehindAPublicIp());
    tracker.reclusterDirty();
    assertThat(active(RingKind.COMMUNITY))
        .extracting(Ring::memberIds)
        .containsExactlyInAnyOrder(accounts("R", 5), accounts("S", 5));
  }

  @Test
  void shouldNotReportABenignHouseholdAsARing() {
    tracker.accept(
        List.of(
            use("h-1", "dev-h", "10.1.1.1", false),
            use("h-2", "dev-h", "10.1.1.1", false),
            use("h-3", "dev-h", "10.1.1.1", false)));
    assertThat(tracker.reclusterDirty()).isEmpty();
  }

  @Test
  void shouldReportAFiveHopLoopWithinAnHourButNotOneSpreadOverAMonth() {
    tracker.accept(transferLoop("L", 5, Duration.ofMinutes(10), false));
    tracker.accept(transferLoop("M", 5, Duration.ofDays(7), false));
    tracker.reclusterDirty();
    List<Ring> loops = active(RingKind.TRANSFER_LOOP);
    assertThat(loops).extracting(Ring::memberIds).containsExactly(accounts("L", 5));
    Ring loop = loops.get(0);
    assertThat(loop.evidence().transfers()).hasSize(5);
    assertThat(loop.evidence().signals()).containsEntry("transferLoop", 0.6);
    assertThat(loop.members()).extracting(Membership::role).containsOnly(MemberRole.HOP);
  }

  @Test
  void shouldReportAFanInWithItsMuleAndSources() {
    tracker.accept(fanIn());
    tracker.reclusterDirty();
    Ring fan = active(RingKind.FAN_IN).get(0);
    assertThat(fan.membership(AccountId.of("M")).orElseThrow().role()).isEqualTo(MemberRole.MULE);
    assertThat(fan.membership(AccountId.of("src-3")).orElseThrow().role())
        .isEqualTo(MemberRole.SOURCE);
    assertThat(fan.membership(AccountId.of("C")).orElseThrow().role())
        .isEqualTo(MemberRole.RECIPIENT);
    assertThat(fan.score()).isGreaterThanOrEqualTo(0.5);
  }

  @Test
  void shouldRaiseAGroupToARingWhenItsMembersAreBlockedButNotWhenApprovedOrReviewed() {
    // given six unlabelled accounts on one device: structure alone is below the threshold
    List<Transaction> group = new java.util.ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      group.add(use("D-" + i, "dev-D", null, false));
    }
    tracker.accept(group);
    // when every payment was approved with a high model score, or sent to review
    tracker.reportDecisions(group.stream().map(t -> decision(t, Outcome.APPROVE, 990)).toList());
    tracker.reportDecisions(group.stream().map(t -> decision(t, Outcome.REVIEW, 950)).toList());
    // then there is no ring
    assertThat(tracker.reclusterDirty()).isEmpty();

    // when four of them are blocked at 950
    tracker.reportDecisions(
        group.subList(0, 4).stream().map(t -> decision(t, Outcome.BLOCK, 950)).toList());

    // then the group becomes a ring whose evidence names the reported scores
    assertThat(tracker.reclusterDirty()).extracting(RingEvent::type).contains(RingEventType.NEW);
    assertThat(active(RingKind.COMMUNITY))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.memberIds()).isEqualTo(accounts("D", 6));
              assertThat(r.evidence().signals().get("reportedScores"))
                  .isCloseTo(0.9 * 4 * 0.95 / 6, org.assertj.core.data.Offset.offset(1e-9));
            });
  }

  private static Decision decision(Transaction t, Outcome outcome, int insightScore) {
    return new Decision(
        t.id(),
        t.account(),
        outcome,
        insightScore,
        List.of(),
        List.of(),
        List.of(),
        "test",
        1,
        t.timestamp(),
        t.timestamp(),
        0);
  }

  @Test
  void shouldKeepTheRingIdAndReportGrewWhenAMemberJoins() {
    tracker.accept(deviceRing("G", "dev-G", 5));
    RingId id = tracker.reclusterDirty().get(0).ring().id();
    tracker.accept(List.of(use("G-6", "dev-G", null, true)));
    List<RingEvent> events = tracker.reclusterDirty();
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(RingEventType.GREW);
              assertThat(e.ring().id()).isEqualTo(id);
              assertThat(e.added()).containsExactly(AccountId.of("G-6"));
            });
    assertThat(tracker.ring(id).orElseThrow().membership(AccountId.of("G-1")).orElseThrow().since())
        .isEqualTo(T0);
  }

  @Test
  void shouldKeepRingIdsAcrossAFullRecompute() {
    tracker.accept(twoRingsBridgedByOneDevice());
    tracker.accept(transferLoop("L", 5, Duration.ofMinutes(10), true));
    tracker.reclusterDirty();
    Set<RingId> before = tracker.rings().stream().map(Ring::id).collect(Collectors.toSet());
    assertThat(tracker.recomputeAll()).isEmpty();
    assertThat(tracker.rings().stream().filter(Ring::isActive).map(Ring::id))
        .containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void shouldMergeTwoRingsWhenManyMembersStartSharingADevice() {
    tracker.accept(deviceRing("A", "dev-A", 4));
    tracker.accept(deviceRing("B", "dev-B", 4));
    List<RingEvent> first = tracker.reclusterDirty();
    RingId a =
        first.stream()
            .filter(e -> e.ring().memberIds().contains(AccountId.of("A-1")))
            .findFirst()
            .orElseThrow()
            .ring()
            .id();
    RingId b =
        first.stream()
            .filter(e -> e.ring().memberIds().contains(AccountId.of("B-1")))
            .findFirst()
            .orElseThrow()
            .ring()
            .id();
    // when every account of both rings also uses one shared device and cards
    List<Transaction> glue = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      glue.add(use("A-" + i, "dev-AB", null, true));
      glue.add(use("B-" + i, "dev-AB", null, true));
      glue.add(card("A-" + i, "card-AB"));
      glue.add(card("B-" + i, "card-AB"));
    }
    tracker.accept(glue);
    List<RingEvent> events = tracker.reclusterDirty();
    // then one survives, naming the absorbed ring, and the other ends as MERGED
    RingEvent survivor = events.stream().filter(e -> e.ring().isActive()).findFirst().orElseThrow();
    RingEvent absorbed =
        events.stream().filter(e -> !e.ring().isActive()).findFirst().orElseThrow();
    assertThat(events).extracting(RingEvent::type).containsOnly(RingEventType.MERGED);
    assertThat(Set.of(survivor.ring().id(), absorbed.ring().id())).containsExactlyInAnyOrder(a, b);
    assertThat(survivor.related()).containsExactly(absorbed.ring().id());
    assertThat(absorbed.related()).containsExactly(survivor.ring().id());
    assertThat(absorbed.ring().status()).isEqualTo(RingStatus.MERGED);
    assertThat(survivor.ring().memberIds()).hasSize(8);
  }

  @Test
  void shouldSplitARingWhenItsSharedDeviceBecomesAPublicOne() {
    // given two groups of 4 with their own devices, glued into one ring by device dev-X
    var small =
        newTracker(
            new AccountProjection(ProjectionSettings.defaults().withDegreeCap(9)),
            Clock.fixed(T0, ZoneOffset.UTC));
    List<Transaction> txs = new java.util.ArrayList<>(deviceRing("P", "dev-P", 4));
    txs.addAll(deviceRing("Q", "dev-Q", 4));
    for (int i = 1; i <= 4; i++) {
      txs.add(use("P-" + i, "dev-X", null, true));
      txs.add(use("Q-" + i, "dev-X", null, true));
      txs.add(card("P-" + i, "card-X"));
      txs.add(card("Q-" + i, "card-X"));
    }
    small.accept(txs);
    List<RingEvent> first = small.reclusterDirty();
    assertThat(first).singleElement().extracting(RingEvent::type).isEqualTo(RingEventType.NEW);
    RingId glued = first.get(0).ring().id();
    // when dev-X and card-X turn out to be used by many others (above the cap)
    List<Transaction> crowd = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      crowd.add(use("crowd-" + i, "dev-X", null, false));
      crowd.add(card("crowd-" + i, "card-X"));
    }
    small.accept(crowd);
    List<RingEvent> events = small.reclusterDirty();
    // then the ring splits in two: one part keeps the id, the other is new and names it
    assertThat(events).extracting(RingEvent::type).containsOnly(RingEventType.SPLIT).hasSize(2);
    RingEvent kept =
        events.stream().filter(e -> e.ring().id().equals(glued)).findFirst().orElseThrow();
    RingEvent part =
        events.stream().filter(e -> !e.ring().id().equals(glued)).findFirst().orElseThrow();
    assertThat(kept.related()).containsExactly(part.ring().id());
    assertThat(part.related()).containsExactly(glued);
    assertThat(kept.ring().former()).hasSize(4).allMatch(m -> m.until() != null);
  }

  @Test
  void shouldDissolveARingWhoseMembersAreEvicted() {
    var shortLived =
        newTracker(
            new AccountProjection(ProjectionSettings.defaults().withRetention(Duration.ofDays(1))),
            Clock.fixed(T0.plus(Duration.ofDays(5)), ZoneOffset.UTC));
    shortLived.accept(deviceRing("D", "dev-D", 5));
    RingId id = shortLived.reclusterDirty().get(0).ring().id();
    List<RingEvent> events = shortLived.evictIdle();
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(RingEventType.DISSOLVED);
              assertThat(e.ring().id()).isEqualTo(id);
              assertThat(e.removed()).hasSize(5);
            });
    assertThat(shortLived.ringsOf(AccountId.of("D-1"))).isEmpty();
    assertThat(shortLived.history(id))
        .extracting(RingEvent::type)
        .containsExactly(RingEventType.NEW, RingEventType.DISSOLVED);
  }

  @Test
  void shouldShrinkARingWhenAMemberStopsSharingItsIdentifiers() {
    tracker.accept(deviceRing("K", "dev-K", 6));
    RingId id = tracker.reclusterDirty().get(0).ring().id();
    // K-6's device becomes public: 60 more accounts use it... instead K-6 is evicted by a restart
    var restarted =
        newTracker(
            new AccountProjection(ProjectionSettings.defaults()), Clock.fixed(T0, ZoneOffset.UTC));
    restarted.restore(tracker.rings());
    restarted.accept(deviceRing("K", "dev-K", 5));
    List<RingEvent> events = restarted.recomputeAll();
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(RingEventType.SHRANK);
              assertThat(e.ring().id()).isEqualTo(id);
              assertThat(e.removed()).containsExactly(AccountId.of("K-6"));
            });
  }

  @Test
  void shouldExplainAMembershipWithPathsAndASubgraph() {
    tracker.accept(deviceRing("E", "dev-E", 4));
    Ring ring = tracker.reclusterDirty().get(0).ring();
    assertThat(tracker.pathsFrom(AccountId.of("E-1"), ring))
        .extracting(EvidencePath::to, EvidencePath::via)
        .contains(org.assertj.core.groups.Tuple.tuple(AccountId.of("E-2"), "device"));
    RingSubgraph graph = tracker.subgraph(ring);
    assertThat(graph.nodes()).hasSize(5);
    assertThat(graph.edges()).hasSize(4);
    assertThat(ring.evidence().identifiers().get(0))
        .isEqualTo(new IdentifierEvidence(SharedIdentifier.device("dev-E"), 4, 4));
  }

  @Test
  void shouldReportAnIdentityBustOutWithItsCashOutMuleButNotTheClientsWhoAlsoPaidIt() {
    tracker.accept(identityBustOut());
    tracker.reclusterDirty();

    List<Ring> drains = active(RingKind.IDENTITY_DRAIN);
    assertThat(drains).hasSize(1);
    Ring ring = drains.get(0);
    Set<AccountId> expected = new TreeSet<>(accounts("F", 7));
    expected.add(AccountId.of("MULE"));
    assertThat(ring.memberIds()).isEqualTo(expected);
    assertThat(ring.members())
        .filteredOn(m -> m.account().equals(AccountId.of("MULE")))
        .extracting(Membership::role)
        .containsExactly(MemberRole.MULE);
    assertThat(ring.score()).isGreaterThanOrEqualTo(0.5);
    assertThat(ring.evidence().signals()).containsEntry("identityDrain", 0.6);
    assertThat(ring.evidence().transfers()).hasSize(7).allMatch(t -> t.to().value().equals("MULE"));
    assertThat(ring.evidence().identifiers())
        .extracting(e -> e.identifier().kind())
        .allMatch(IdentifierKind::isIdentity);
    assertThat(tracker.ringsOf(AccountId.of("O-1"))).isEmpty();
    assertThat(tracker.ringsOf(AccountId.of("O-2"))).isEmpty();
  }

  @Test
  void shouldNotReportAccountsOfOnePersonSweptIntoTheirOwnMainAccount() {
    Identity owner = new Identity("123-45-6789", "owner@mail.test", "555-0100");
    tracker.accept(
        List.of(
            opened("OWN", owner, T0),
            drain("SAV-1", owner, "OWN", T0.plusSeconds(60)),
            drain("SAV-2", owner, "OWN", T0.plusSeconds(120)),
            drain("SAV-3", owner, "OWN", T0.plusSeconds(180))));
    tracker.reclusterDirty();
    assertThat(active(RingKind.IDENTITY_DRAIN)).isEmpty();
  }

  @Test
  void shouldNotReportClientsWhoShareAPhoneByChanceAndPayTheSameFriend() {
    Identity first = new Identity("100-00-0001", "p@mail.test", "555-0200");
    Identity second = new Identity("100-00-0002", "q@mail.test", "555-0200");
    List<Transaction> txs = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      txs.add(opened("P", first, T0.plusSeconds(i)));
      txs.add(opened("Q", second, T0.plusSeconds(i)));
    }
    txs.add(drain("P", first, "FRIEND", T0.plusSeconds(100)));
    txs.add(drain("Q", second, "FRIEND", T0.plusSeconds(200)));
    tracker.accept(txs);
    tracker.reclusterDirty();
    assertThat(tracker.rings()).isEmpty();
  }

  @Test
  void shouldCountEveryDrainTransferNotOnlyTheRememberedOnes() {
    // two faux accounts on one SSN each empty themselves into MULE-G in twenty instalments: the
    // projection remembers the newest 8 per pair, fewer than half of the 20 sent
    Identity faux = new Identity("321-00-0001", null, null);
    List<Transaction> txs = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      txs.add(drain("G-1", faux, "MULE-G", T0.plusSeconds(10L * i)));
      txs.add(drain("G-2", faux, "MULE-G", T0.plusSeconds(10L * i + 5)));
    }
    tracker.accept(txs);
    tracker.reclusterDirty();
    assertThat(active(RingKind.IDENTITY_DRAIN))
        .extracting(Ring::memberIds)
        .containsExactly(Set.of(AccountId.of("G-1"), AccountId.of("G-2"), AccountId.of("MULE-G")));
  }
}
