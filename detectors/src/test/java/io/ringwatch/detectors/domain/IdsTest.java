package io.ringwatch.detectors.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The ids' hand-written {@code hashCode} and {@code equals} (ADR 0020) behave as the record's
 * generated ones did: the same hash values, so that every hash-ordered collection of ids iterates
 * in the same order as before, and equality by value within one id type only.
 */
class IdsTest {
  /** A record of one string: its generated hashCode is the reference. */
  private record Generated(String value) {}

  private static final List<String> VALUES =
      List.of("A-1", "acct-000042", "C-4111111111111111", "dev:ff01", "10.0.0.7", "2001:db8::1");

  @Test
  void shouldHashEveryIdAsTheGeneratedRecordMethodDoes() {
    List<Function<String, Object>> kinds =
        List.of(
            AccountId::of,
            CardId::of,
            DeviceId::of,
            MerchantId::of,
            TransactionId::of,
            v -> IpAddress.of(IpAddress.isValid(v) ? v : "10.1.2." + v.length()));
    for (Function<String, Object> kind : kinds) {
      for (String value : VALUES) {
        Object id = kind.apply(value);
        String held = id.toString();
        assertThat(id.hashCode()).as("%s", id).isEqualTo(new Generated(held).hashCode());
      }
    }
  }

  @Test
  void shouldEqualOnlyTheSameValueOfTheSameIdType() {
    assertThat(AccountId.of("X-1")).isEqualTo(AccountId.of("X-1"));
    assertThat(AccountId.of("X-1")).isNotEqualTo(AccountId.of("X-2"));
    assertThat((Object) AccountId.of("X-1")).isNotEqualTo(MerchantId.of("X-1"));
    assertThat((Object) CardId.of("X-1")).isNotEqualTo(DeviceId.of("X-1"));
    assertThat(AccountId.of("X-1")).isNotEqualTo(null);
    assertThat(IpAddress.of(" 2001:DB8::1 ")).isEqualTo(IpAddress.of("2001:db8::1"));
    assertThat(TransactionId.of("t-9")).isEqualTo(TransactionId.of("t-9"));
  }
}
