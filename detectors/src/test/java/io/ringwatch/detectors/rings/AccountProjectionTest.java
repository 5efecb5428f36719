package io.ringwatch.detectors.rings;

import static io.ringwatch.detectors.rings.FraudGraphs.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Identity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountProjectionTest {
  private final AccountProjection projection =
      new AccountProjection(ProjectionSettings.defaults().withDegreeCap(10));

  private static AccountId a(String id) {
    return AccountId.of(id);
  }

  @Test
  void shouldFollowALabelConfirmedOrWithdrawnAfterTheFact() {
    projection.add(use("a", "d", null, false));
    projection.drainDirty();

    projection.relabel(a("a"), null, true);
    assertThat(projection.activity(a("a")).fraudLabelled()).isEqualTo(1);
    assertThat(projection.drainDirty()).containsExactly(a("a"));
    projection.relabel(a("a"), true, true);
    assertThat(projection.activity(a("a")).fraudLabelled()).isEqualTo(1);
    projection.relabel(a("a"), true, false);
    assertThat(projection.activity(a("a")).fraudLabelled()).isZero();
    projection.relabel(a("unknown"), null, true);
    assertThat(projection.activity(a("unknown"))).isNull();
  }

  @Test
  void shouldWeighASharedDeviceDownAsMoreAccountsUseIt() {
    projection.add(use("a", "d", null, false));
    projection.add(use("b", "d", null, false));
    double two = projection.neighbours(a("a")).get(a("b"));
    projection.add(use("c", "d", null, false));
    projection.add(use("e", "d", null, false));
    double four = projection.neighbours(a("a")).get(a("b"));
    assertThat(two).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-9));
    assertThat(four).isCloseTo(1 / (Math.log(5) / Math.log(2)), within(1e-9)).isLessThan(two);
  }

  @Test
  void shouldStopLinkingThroughAnIdentifierAboveTheDegreeCapAndMarkItsUsersDirty() {
    for (int i = 0; i < 10; i++) {
      projection.add(use("u" + i, "dev-" + i, "203.0.113.10", false));
    }
    assertThat(projection.component(a("u0"))).hasSize(10);
    projection.drainDirty();
    projection.add(use("u10", "dev-10", "203.0.113.10", false));
    assertThat(projection.component(a("u0"))).containsExactly(a("u0"));
    assertThat(projection.neighbours(a("u0"))).isEmpty();
    assertThat(projection.drainDirty()).hasSize(11);
  }

  @Test
  void shouldLinkTransferCounterpartiesButNeverAccountsThatOnlyShareAMerchant() {
    projection.add(use("a", null, null, false));
    projection.add(use("b", null, null, false));
    projection.add(transfer("a", "c", "10", T0, false));
    assertThat(projection.neighbours(a("a"))).containsOnlyKeys(a("c"));
    assertThat(projection.component(a("b"))).containsExactly(a("b"));
  }

  @Test
  void shouldLinkAccountsThatShareACard() {
    projection.add(card("a", "card-1"));
    projection.add(card("b", "card-1"));
    assertThat(projection.neighbours(a("a"))).containsKey(a("b"));
  }

  @Test
  void shouldIgnoreAReplayedTransaction() {
    var tx = use("a", "d", null, true);
    assertThat(projection.add(tx)).isTrue();
    assertThat(projection.add(tx)).isFalse();
    assertThat(projection.activity(a("a")).events()).isEqualTo(1);
  }

  @Test
  void shouldEvictIdleAccountsAndTheirLinks() {
    var short_ =
        new AccountProjection(ProjectionSettings.defaults().withRetention(Duration.ofDays(1)));
    short_.add(use("a", "d", null, false));
    short_.add(use("b", "d", null, false));
    assertThat(short_.evictIdle(T0.plus(Duration.ofDays(3)))).isEqualTo(2);
    assertThat(short_.accountCount()).isZero();
    assertThat(short_.degree(SharedIdentifier.device("d"))).isZero();
  }

  @Test
  void shouldLinkAccountsOpenedOnTheSameDocumentsWeightedDownByHowManyShareThem() {
    // given: X and Y share an SSN written two ways and an e-mail in two cases; Z shares the phone
    projection.add(opened("X", new Identity("123-45-6789", "Eve@Mail.test", "555 0101"), T0));
    projection.add(opened("Y", new Identity("123456789", "eve@mail.test", null), T0));
    projection.add(opened("Z", new Identity("987-65-4321", null, "555-0101"), T0));

    // then each shared document is one identifier of its kind
    assertThat(projection.identifiersOf(a("X")))
        .containsExactly(
            SharedIdentifier.ssn("123456789"),
            SharedIdentifier.email("eve@mail.test"),
            SharedIdentifier.phone("5550101"));
    assertThat(projection.users(SharedIdentifier.ssn("123456789")))
        .containsExactlyInAnyOrder(a("X"), a("Y"));
    // and X-Y (SSN and e-mail, two users each) weigh twice what X-Z (one phone) does
    double pair = 1 / (Math.log(3) / Math.log(2));
    assertThat(projection.neighbours(a("X")).get(a("Y"))).isCloseTo(2 * pair, within(1e-9));
    assertThat(projection.neighbours(a("X")).get(a("Z"))).isCloseTo(pair, within(1e-9));

    // when a third account is opened on the same SSN, the SSN weighs less for every pair
    projection.add(opened("W", new Identity("123-45-6789", null, null), T0));
    assertThat(projection.weight(SharedIdentifier.ssn("123456789")))
        .isCloseTo(1 / (Math.log(4) / Math.log(2)), within(1e-9));
  }

  @Test
  void shouldStopLinkingThroughADocumentTooManyAccountsClaim() {
    // a placeholder phone number (a shop's, a default) typed in for every customer
    for (int i = 0; i <= 10; i++) {
      projection.add(opened("c" + i, new Identity(null, null, "000-000-0000"), T0));
    }
    assertThat(projection.weight(SharedIdentifier.phone("0000000000"))).isZero();
    assertThat(projection.component(a("c0"))).containsExactly(a("c0"));
  }

  @Test
  void shouldCountEveryTransferSentToACounterpartyBeyondTheRememberedOnes() {
    for (int i = 0; i < 12; i++) {
      projection.add(transfer("s", "t", "10.00", T0.plusSeconds(i), false));
    }
    projection.add(transfer("s", "u", "10.00", T0.plusSeconds(20), false));
    assertThat(projection.transfersFrom(a("s"))).hasSize(9);
    assertThat(projection.transfersSent(a("s"), a("t"))).isEqualTo(12);
    assertThat(projection.transfersSent(a("s"), a("u"))).isEqualTo(1);
    assertThat(projection.transfersSent(a("t"), a("s"))).isZero();
  }
}
