package io.ringwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.Identity;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.StoreDetails;
import io.ringwatch.detectors.domain.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void shouldRoundTripEveryFieldExactly() {
    // given a transaction with every field set, including awkward decimals and nanos
    Transaction original =
        Transaction.builder()
            .id("t-42")
            .account("a-1")
            .counterparty(AccountId.of("a-2"))
            .amount(new BigDecimal("1234.500"))
            .currency("GBP")
            .timestamp(Instant.parse("2025-06-01T12:34:56.123456789Z"))
            .merchant(MerchantId.of("m-1"))
            .device(DeviceId.of("d-1"))
            .ip(IpAddress.of("2001:db8::42"))
            .card(CardId.of("c-1"))
            .location("Lyon, FR")
            .paymentMethod("debit_card")
            .channel(Channel.ONLINE)
            .fraudLabel(false)
            .store(
                new StoreDetails(
                    "s-1", "sale_event", new BigDecimal("55.5"), true, false, "toys", "SKU-9", 2))
            .identity(new Identity("123-45-6789", "Eve@Mail.test", "+1 555 0101"))
            .build();
    // when
    DecodeResult result = CanonicalJson.decode(CanonicalJson.encode(original));
    // then
    assertThat(result).isEqualTo(new DecodeResult.Accepted(original, InputFormat.CANONICAL));
  }

  @Test
  void shouldRoundTripMinimalTransactionWithoutOptionalFields() {
    // given
    Transaction original =
        Transaction.builder()
            .id("t-1")
            .account("a-1")
            .amount(new BigDecimal("1E+3"))
            .timestamp(Instant.EPOCH)
            .build();
    // when
    byte[] encoded = CanonicalJson.encode(original);
    // then
    assertThat(new String(encoded, java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("merchant_id")
        .doesNotContain("is_fraud")
        .doesNotContain("\n");
    assertThat(((DecodeResult.Accepted) CanonicalJson.decode(encoded)).transaction())
        .isEqualTo(original);
  }

  @Test
  void shouldReadAnIdentityWithAnyOfItsDocumentsNormalisedAndOmitItWhenAbsent() {
    String json =
        "{\"transaction_id\":\"t-7\",\"account_id\":\"a-7\",\"amount\":5,"
            + "\"timestamp\":\"2026-11-01T10:00:00Z\","
            + "\"identity\":{\"ssn\":\"022-31-7634\",\"phone\":\"029-505-8778\"}}";
    Transaction t =
        ((DecodeResult.Accepted)
                CanonicalJson.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .transaction();
    assertThat(t.identity()).isEqualTo(new Identity("022317634", null, "0295058778"));
    assertThat(
            new String(
                CanonicalJson.encode(
                    Transaction.builder()
                        .id("t-8")
                        .account("a-8")
                        .amount(BigDecimal.ONE)
                        .timestamp(Instant.EPOCH)
                        .build()),
                java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("identity");
  }

  @Test
  void shouldRejectAnIdentityEmailThatIsNotAnAddressNamingTheField() {
    String json =
        "{\"transaction_id\":\"t-9\",\"account_id\":\"a-9\",\"amount\":5,"
            + "\"timestamp\":\"2026-11-01T10:00:00Z\",\"identity\":{\"email\":\"nobody\"}}";
    DecodeResult result =
        CanonicalJson.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
    Rejection rejection = ((DecodeResult.Rejected) result).rejection();
    assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID_VALUE);
    assertThat(rejection.field()).isEqualTo("identity.email");
  }
}
