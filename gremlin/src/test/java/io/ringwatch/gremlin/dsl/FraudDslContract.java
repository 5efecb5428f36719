package io.ringwatch.gremlin.dsl;

import static io.ringwatch.gremlin.Schema.*;
import static io.ringwatch.gremlin.dsl.Transactions.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.Path;
import org.junit.jupiter.api.Test;

/**
 * What every DSL step does, on the named {@link FraudGraphs}; run against TinkerGraph and against
 * JanusGraph with the Ringwatch schema enforced by the subclasses.
 */
abstract class FraudDslContract {

  static final Date DAY_FROM = Date.from(T0);
  static final Date DAY_TO = Date.from(T0.plus(Duration.ofDays(1)));
  static final Date MONTH_FROM = Date.from(T0.minus(Duration.ofDays(30)));

  /** The fixture loaded into a fresh graph, as a fraud traversal source over it. */
  abstract FraudTraversalSource load(FraudGraph fixture);

  private static List<Object> ids(FraudTraversal<?, ?> traversal) {
    return traversal.naturalId().<Object>map(t -> t.get()).order().toList();
  }

  @Test
  void shouldStartFromTheNamedVerticesOfOneLabelOnly() {
    // given
    FraudTraversalSource fraud = load(FraudGraphs.twoAccountsSharingADevice());

    // when / then
    assertThat(ids(fraud.account("a1"))).containsExactly("a1");
    assertThat(ids(fraud.account("a2", "a1", "nobody"))).containsExactly("a1", "a2");
    assertThat(ids(fraud.account())).containsExactly("a1", "a2", "a3", "a4");
    assertThat(ids(fraud.device("d1"))).containsExactly("d1");
    assertThat(ids(fraud.ip("10.0.0.1"))).containsExactly("10.0.0.1");
    assertThat(ids(fraud.merchant("m1"))).containsExactly("m1");
    assertThat(fraud.merchant("a1").toList()).as("an account id is no merchant id").isEmpty();
    assertThat(fraud.account("a1").label().toList()).containsExactly(ACCOUNT);
  }

  @Test
  void shouldStartFromOneRingByIdOrFromEveryRing() {
    FraudTraversalSource fraud = load(FraudGraphs.aRingWithMembers());

    assertThat(ids(fraud.ring("R-2"))).containsExactly("R-2");
    assertThat(ids(fraud.rings())).containsExactly("R-1", "R-2");
    assertThat(fraud.ring("r1").toList()).isEmpty();
  }

  @Test
  void shouldListTheDevicesAndIpsAnAccountUsesOncePerPair() {
    FraudTraversalSource fraud = load(FraudGraphs.twoAccountsSharingADevice());

    assertThat(fraud.account("a1").devices().naturalId().toList())
        .containsExactlyInAnyOrder("d1", "d2");
    assertThat(fraud.account("a1").ips().naturalId().toList()).containsExactly("10.0.0.1");
  }

  @Test
  void shouldListTheDistinctRealMerchantsAnAccountPaidWithoutThePseudoMerchant() {
    FraudTraversalSource fraud = load(FraudGraphs.twoAccountsSharingADevice());

    assertThat(fraud.account("a1").merchants().naturalId().toList())
        .containsExactlyInAnyOrder("m1", "m2");
    assertThat(fraud.account("a1").outE(PAYS).count().next()).as("4 payments").isEqualTo(4L);
  }

  @Test
  void shouldListTheDistinctAccountsBehindADeviceAnIpOrAMerchant() {
    FraudTraversalSource fraud = load(FraudGraphs.twoAccountsSharingADevice());

    assertThat(ids(fraud.device("d1").accounts())).containsExactly("a1", "a2");
    assertThat(ids(fraud.ip("10.0.0.1").accounts())).containsExactly("a1", "a3");
    assertThat(ids(fraud.merchant("m1").accounts())).containsExactly("a1", "a2");
  }

  @Test
  void shouldListTheUsersOfADeviceOrAnIpOnceEachEvenWhenTheyUsedItSeveralTimes() {
    FraudTraversalSource fraud = load(FraudGraphs.twoAccountsSharingADevice());

    // a1 used d1 twice and 10.0.0.1 twice: still one account each
    assertThat(fraud.device("d1").users().naturalId().toList())
        .containsExactlyInAnyOrder("a1", "a2");
    assertThat(fraud.ip("10.0.0.1").users().naturalId().toList())
        .containsExactlyInAnyOrder("a1", "a3");
    assertThat(fraud.device("d1").users().limit(1).count().next()).isEqualTo(1L);
    // and their links count the same accounts without reading them
    assertThat(fraud.device("d1").userLinks().count().next()).isEqualTo(2L);
    assertThat(fraud.ip("10.0.0.1").userLinks().count().next()).isEqualTo(2L);
    assertThat(fraud.device("d1").userLinks().limit(1).count().next()).isEqualTo(1L);
  }

  @Test
  void shouldFindTheOtherAccountsSharingADeviceButNeverTheAccountItself() {
    FraudTraversalSource fraud = load(FraudGraphs.twoAccountsSharingADevice());

    assertThat(ids(fraud.account("a1").sharingDevice())).containsExactly("a2");
    assertThat(ids(fraud.account("a2").sharingDevice())).containsExactly("a1");
    assertThat(ids(fraud.account("a3").sharingDevice())).isEmpty();
  }

  @Test
  void shouldFindTheOtherAccountsSharingAnIpButNeverTheAccountItself() {
    FraudTraversalSource fraud = load(FraudGraphs.twoAccountsSharingADevice());

    assertThat(ids(fraud.account("a1").sharingIp())).containsExactly("a3");
    assertThat(ids(fraud.account("a2").sharingIp())).isEmpty();
  }

  @Test
  void shouldNameOnlyTheIdentifiersAnAccountSharesWithOthers() {
    FraudTraversalSource fraud = load(FraudGraphs.twoAccountsSharingADevice());

    assertThat(ids(fraud.account("a1").sharedIdentifiers())).containsExactly("10.0.0.1", "d1");
    assertThat(ids(fraud.account("a2").sharedIdentifiers())).containsExactly("d1");
    assertThat(ids(fraud.account("a4").sharedIdentifiers())).isEmpty();
  }

  @Test
  void shouldGoFromAnAccountToItsRingsAndFromARingToItsMembers() {
    FraudTraversalSource fraud = load(FraudGraphs.aRingWithMembers());

    assertThat(ids(fraud.account("r3").ring())).containsExactly("R-1", "R-2");
    assertThat(ids(fraud.account("r5").ring())).isEmpty();
    assertThat(ids(fraud.ring("R-1").members())).containsExactly("r1", "r2", "r3");
  }

  @Test
  void shouldFindRingMatesAcrossEveryRingOfTheAccountButNotTheAccountItself() {
    FraudTraversalSource fraud = load(FraudGraphs.aRingWithMembers());

    assertThat(ids(fraud.account("r1").ringMates())).containsExactly("r2", "r3");
    assertThat(ids(fraud.account("r3").ringMates())).containsExactly("r1", "r2", "r4");
    assertThat(ids(fraud.account("r5").ringMates())).isEmpty();
  }

  @Test
  void shouldGoOnlyToTheActiveRingsAnAccountIsCurrentlyIn() {
    FraudTraversalSource fraud = load(FraudGraphs.ringsOfEveryStanding());

    assertThat(ids(fraud.account("q1").activeRings())).containsExactly("R-A");
    assertThat(ids(fraud.account("q2").activeRings())).containsExactly("R-B");
    assertThat(ids(fraud.account("q3").activeRings())).as("a former member").isEmpty();
    assertThat(ids(fraud.account("q4").activeRings())).as("a dissolved ring").isEmpty();
    assertThat(ids(fraud.account("q3").ring()))
        .as("ring() keeps the history")
        .containsExactly("R-B");
  }

  @Test
  void shouldGiveTheHighestScoreOfTheActiveRingsOfAnAccountOrOfAGroup() {
    FraudTraversalSource fraud = load(FraudGraphs.ringsOfEveryStanding());

    assertThat(fraud.account("q1").ringScore().toList()).containsExactly(0.7);
    assertThat(fraud.account("q3").ringScore().toList()).isEmpty();
    assertThat(fraud.account("q6").ringScore().toList()).isEmpty();
    assertThat(fraud.device("dq").accounts().ringScore().toList()).containsExactly(0.95);
    assertThat(fraud.device("dq").accounts().has(ACCOUNT_ID, P.neq("q2")).ringScore().toList())
        .containsExactly(0.7);
    assertThat(fraud.device("dq5").accounts().ringScore().toList()).containsExactly(0.7);
  }

  @Test
  void shouldKeepOnlyTheOutgoingTransfersInsideTheWindow() {
    FraudTraversalSource fraud = load(FraudGraphs.aTransferLoop());

    assertThat(fraud.account("x3").transfersOut(DAY_FROM, DAY_TO).values(AMOUNT).toList())
        .containsExactlyInAnyOrder(100.0, 40.0);
    assertThat(fraud.account("x4").transfersOut(DAY_FROM, DAY_TO).toList()).isEmpty();
    assertThat(fraud.account("x4").transfersOut(MONTH_FROM, DAY_TO).inV().naturalId().toList())
        .containsExactly("x1");
  }

  @Test
  void shouldFollowTheMoneyHopByHopWithinTheWindowWithoutReturningToTheStart() {
    FraudTraversalSource fraud = load(FraudGraphs.aTransferLoop());

    assertThat(ids(fraud.account("x1").moneyFlow(1, DAY_FROM, DAY_TO))).containsExactly("x2");
    assertThat(ids(fraud.account("x1").moneyFlow(2, DAY_FROM, DAY_TO))).containsExactly("x2", "x3");
    assertThat(ids(fraud.account("x1").moneyFlow(5, DAY_FROM, DAY_TO)))
        .containsExactly("x2", "x3", "x4");
    assertThat(ids(fraud.account("x4").moneyFlow(5, DAY_FROM, DAY_TO)))
        .as("x4's only transfer is ten days old")
        .isEmpty();
    assertThat(ids(fraud.account("x4").moneyFlow(2, MONTH_FROM, DAY_TO)))
        .containsExactly("x1", "x2");
  }

  @Test
  void shouldFindTheLoopOfThreeInsideTheDayAndTheLoopOfFourOnlyOverTheMonth() {
    FraudTraversalSource fraud = load(FraudGraphs.aTransferLoop());

    List<Path> inTheDay =
        fraud.account("x1").transferLoops(4, DAY_FROM, DAY_TO).by(ACCOUNT_ID).by(AMOUNT).toList();
    List<Path> overTheMonth =
        fraud.account("x1").transferLoops(4, MONTH_FROM, DAY_TO).by(ACCOUNT_ID).by(AMOUNT).toList();
    List<Path> shortOnesOverTheMonth =
        fraud.account("x1").transferLoops(3, MONTH_FROM, DAY_TO).by(ACCOUNT_ID).by(AMOUNT).toList();

    assertThat(inTheDay).hasSize(1);
    assertThat(inTheDay.get(0).objects())
        .containsExactly("x1", 100.0, "x2", 100.0, "x3", 100.0, "x1");
    assertThat(overTheMonth).extracting(p -> p.size()).containsExactlyInAnyOrder(7, 9);
    assertThat(shortOnesOverTheMonth).hasSize(1);
    assertThat(fraud.account("x5").transferLoops(4, MONTH_FROM, DAY_TO).toList()).isEmpty();
  }

  @Test
  void shouldCountTheDistinctSendersOfAMuleWithinTheWindow() {
    FraudTraversalSource fraud = load(FraudGraphs.aFanIn());

    assertThat(ids(fraud.account("mule").fanIn(DAY_FROM, DAY_TO)))
        .containsExactly("s1", "s2", "s3", "s4", "s5");
    assertThat(fraud.account("mule").fanIn(MONTH_FROM, DAY_TO).count().next()).isEqualTo(6L);
    assertThat(ids(fraud.account().where(__.fanIn(DAY_FROM, DAY_TO).count().is(P.gte(3L)))))
        .as("only the mule has a fan-in of 3 or more")
        .containsExactly("mule");
  }

  @Test
  void shouldReachIdentifiersInOneHopAndTheAccountsBehindThemInTwo() {
    FraudTraversalSource fraud = load(FraudGraphs.twoAccountsSharingADevice());

    assertThat(ids(fraud.account("a1").within(1))).containsExactly("10.0.0.1", "d1", "d2");
    assertThat(ids(fraud.account("a1").within(2).hasLabel(ACCOUNT))).containsExactly("a2", "a3");
    assertThat(ids(fraud.device("d1").within(2).hasLabel(ACCOUNT)))
        .as("a1 and a2 in one hop; a3 only at three hops")
        .containsExactly("a1", "a2");
    assertThat(fraud.device("d1").within(3).hasLabel(ACCOUNT).count().next()).isEqualTo(3L);
  }

  @Test
  void shouldFindTheShortestPathBetweenTwoAccountsOrNoneBeyondTheBound() {
    FraudTraversalSource shared = load(FraudGraphs.twoAccountsSharingADevice());

    List<Path> viaDevice = shared.account("a1").pathTo("a2", 4).by(__.naturalId()).toList();
    assertThat(viaDevice).hasSize(1);
    assertThat(viaDevice.get(0).objects()).containsExactly("a1", "d1", "a2");
    assertThat(shared.account("a2").pathTo("a3", 4).by(__.naturalId()).next().objects())
        .containsExactly("a2", "d1", "a1", "10.0.0.1", "a3");
    assertThat(shared.account("a2").pathTo("a3", 3).toList()).isEmpty();
    assertThat(shared.account("a1").pathTo("a4", 6).toList()).isEmpty();
  }

  @Test
  void shouldRejectUnboundedOrZeroHopCounts() {
    FraudTraversalSource fraud = load(FraudGraphs.aTransferLoop());

    assertThatThrownBy(() -> fraud.account("x1").moneyFlow(0, DAY_FROM, DAY_TO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fraud.account("x1").within(11))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fraud.account("x1").transferLoops(1, DAY_FROM, DAY_TO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
