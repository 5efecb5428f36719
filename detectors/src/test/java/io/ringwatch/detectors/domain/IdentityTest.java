package io.ringwatch.detectors.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringwatch.detectors.rings.IdentifierKind;
import io.ringwatch.detectors.rings.SharedIdentifier;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdentityTest {

  @Test
  void shouldNormaliseTheSameDocumentWrittenTwoWaysToOneValue() {
    Identity a = new Identity(" 022-31-7634 ", "Harper.Hobbs@Mail.COM", "(029) 505-8778");
    Identity b = new Identity("022317634", "harper.hobbs@mail.com", "0295058778");
    assertThat(a).isEqualTo(b);
    assertThat(a.ssn()).isEqualTo("022317634");
    assertThat(a.email()).isEqualTo("harper.hobbs@mail.com");
    assertThat(a.phone()).isEqualTo("0295058778");
  }

  @Test
  void shouldTreatBlankFieldsAsUnknownAndAnAllBlankIdentityAsNone() {
    assertThat(new Identity("", " ", null).isEmpty()).isTrue();
    assertThat(Identity.of(null, "", "  ")).isNull();
    assertThat(Identity.of(null, null, "555-1234").phone()).isEqualTo("5551234");
  }

  @Test
  void shouldRejectAnEmailThatIsNotAnAddressAndAPhoneWithoutDigits() {
    assertThatThrownBy(() -> new Identity(null, "nobody", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("email");
    assertThatThrownBy(() -> new Identity(null, null, "n/a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("phone");
    assertThatThrownBy(() -> new Identity("1".repeat(300), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer");
  }

  @Test
  void shouldCarryTheIdentityOnTheTransactionAndDropAnEmptyOne() {
    Transaction.Builder builder =
        Transaction.builder()
            .id("t-1")
            .account("A-1")
            .amount(BigDecimal.TEN)
            .timestamp(Instant.parse("2026-11-01T10:00:00Z"));
    Identity identity = new Identity("123-45-6789", null, "555-0101");
    assertThat(builder.identity(identity).build().identityOpt()).contains(identity);
    assertThat(builder.identity(new Identity(null, "", null)).build().identity()).isNull();
  }

  @Test
  void shouldGiveOneSharedIdentifierPerKnownDocumentAndParseItsTextBack() {
    Identity identity = new Identity("123-45-6789", null, "555-0101");
    assertThat(SharedIdentifier.of(identity))
        .containsExactly(SharedIdentifier.ssn("123456789"), SharedIdentifier.phone("5550101"));
    assertThat(SharedIdentifier.of(null)).isEmpty();
    SharedIdentifier email = SharedIdentifier.email("a:b@c.d");
    assertThat(email.toString()).isEqualTo("email:a:b@c.d");
    assertThat(SharedIdentifier.parse(email.toString())).isEqualTo(email);
    assertThat(IdentifierKind.SSN.isIdentity()).isTrue();
    assertThat(IdentifierKind.DEVICE.isIdentity()).isFalse();
  }
}
