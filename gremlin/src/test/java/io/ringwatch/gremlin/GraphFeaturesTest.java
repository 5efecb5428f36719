package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Transactions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphFeaturesTest {

  private RingwatchGraph graph;

  @BeforeEach
  void givenTheMixedBatch() {
    // a1 and a2 share d1; a2 and a1 share 10.0.0.2 (a1 via t4); a1 -> a3 -> a2 transfers
    graph = RingwatchGraph.open(GraphSettings.inMemory());
    graph.writer().write(mixedBatch());
  }

  @AfterEach
  void closeGraph() {
    graph.close();
  }

  @Test
  void shouldCountTheAccountsThatUsedADeviceOrAnIp() {
    assertThat(graph.features().accountsSharingDevice(device("d1"))).isEqualTo(2);
    assertThat(graph.features().accountsSharingDevice(device("d2"))).isEqualTo(1);
    assertThat(graph.features().accountsSharingIp(ip("10.0.0.2"))).isEqualTo(2);
    assertThat(graph.features().accountsSharingIp(ip("10.0.0.1"))).isEqualTo(1);
  }

  @Test
  void shouldCountZeroForIdentifiersAndAccountsTheGraphHasNeverSeen() {
    assertThat(graph.features().accountsSharingDevice(device("never"))).isZero();
    assertThat(graph.features().accountsNear(AccountId.of("nobody"))).isZero();
  }

  @Test
  void shouldCountTheOtherAccountsWithinTwoHops() {
    // a1: a2 via d1 and via 10.0.0.2, a3 via the transfer: 2 others
    assertThat(graph.features().accountsNear(AccountId.of("a1"))).isEqualTo(2);
    // a3 has no device or IP: a1 and a2 through its transfers
    assertThat(graph.features().accountsNear(AccountId.of("a3"))).isEqualTo(2);
  }
}
