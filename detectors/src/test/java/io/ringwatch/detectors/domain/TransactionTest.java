package io.ringwatch.detectors.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionTest {

  private static Transaction.Builder aPayment() {
    return Transaction.builder()
        .id("T-1")
        .account("A-1")
        .amount("12.50")
        .timestamp(Instant.parse("2026-11-01T10:00:00Z"))
        .merchant(MerchantId.of("M-1"));
  }

  @Test
  void shouldDefaultCurrencyAndNormaliseOptionalText() {
    Transaction tx = aPayment().location("  Berlin ").paymentMethod(" ").build();

    assertThat(tx.currency()).isEqualTo("USD");
    assertThat(tx.location()).isEqualTo("Berlin");
    assertThat(tx.paymentMethod()).isNull();
    assertThat(tx.isTransfer()).isFalse();
  }

  @Test
  void shouldRejectNegativeAndAbsurdAmounts() {
    assertThatThrownBy(() -> aPayment().amount("-1").build())
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> aPayment().amount(Transaction.MAX_AMOUNT.add(BigDecimal.ONE)).build())
        .hasMessageContaining("is above");
  }

  @Test
  void shouldRequireACounterpartyForTransfersAndForbidSelfTransfers() {
    assertThatThrownBy(() -> aPayment().channel(Channel.TRANSFER).build())
        .hasMessageContaining("counterparty");
    assertThatThrownBy(() -> aPayment().counterparty(AccountId.of("A-1")).build())
        .hasMessageContaining("itself");
  }

  @Test
  void shouldRejectABadCurrency() {
    assertThatThrownBy(() -> aPayment().currency("dollars").build())
        .hasMessageContaining("ISO 4217");
  }

  @Test
  void shouldRejectBlankOverlongAndControlCharacterIds() {
    assertThatThrownBy(() -> AccountId.of(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> AccountId.of("x".repeat(129))).hasMessageContaining("longer");
    assertThatThrownBy(() -> AccountId.of("a\u0000b")).hasMessageContaining("non-printable");
    assertThat(AccountId.of(" A-7 ").value()).isEqualTo("A-7");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.1",
        "255.255.255.255",
        "::1",
        "2001:db8::8a2e:370:7334",
        "::ffff:10.1.2.3"
      })
  void shouldAcceptIpAddresses(String text) {
    assertThat(IpAddress.isValid(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"256.1.1.1", "1.2.3", "example.com", "1.2.3.4.5", "2001:db8:::1", "12345::", ""})
  void shouldRejectWhatIsNotAnIpAddress(String text) {
    assertThat(IpAddress.isValid(text)).isFalse();
    assertThatThrownBy(() -> IpAddress.of(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectDiscountsOutsideZeroToHundred() {
    assertThatThrownBy(
            () ->
                new StoreDetails(
                    "S-1", "sale_event", new BigDecimal("120"), true, false, null, null, 1))
        .hasMessageContaining("discount");
  }
}
